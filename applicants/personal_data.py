"""What erasing a person means for applications (registered in ApplicantsConfig.ready()):
an application that led nowhere is deleted with its uploads; one the association must keep
(an Endorsement® was issued from it, an exam was sat) keeps its number, level, status and
dates, and loses its answers and uploads. The profile (with the voluntary demographics) goes."""
from __future__ import annotations

from django.db import models, transaction
from django.db.models.deletion import ProtectedError

from endorsement.audit import record

from .models import ApplicantProfile, Application, PendingUpload, Status

ABANDONED_STATUSES = (Status.DRAFT, Status.WITHDRAWN)


def _file_rows(application):
    """(model, queryset, file field) for each child record of ``application`` with a file."""
    for rel in Application._meta.get_fields():
        if rel.auto_created and not rel.concrete and rel.one_to_many:
            model = rel.related_model
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    yield model._default_manager.filter(**{rel.field.name: application}), field


def _remove_files(names: list[tuple]) -> None:
    for storage, name in names:
        try:
            storage.delete(name)
        except OSError:
            pass


def erase_application(application: Application, *, actor, reason: str) -> str:
    """Delete ``application`` and its uploads, or keep only its outline; returns which."""
    files = []
    for queryset, field in _file_rows(application):
        for name in queryset.exclude(**{field.name: ""}).values_list(field.name, flat=True):
            files.append((field.storage, name))
    with transaction.atomic():
        record("application.erased", application, actor=actor, reason=reason,
               status=application.status)
        try:
            with transaction.atomic():
                application.delete()
            outcome = "deleted"
        except ProtectedError:
            # Kept for the Endorsement® (or the exam record) that points at it: everything
            # the applicant gave goes (answers, evidence, uploads, references).
            for rel in Application._meta.get_fields():
                if (rel.auto_created and not rel.concrete and rel.one_to_many
                        and rel.field.remote_field.on_delete is models.CASCADE):
                    try:
                        with transaction.atomic():
                            rel.related_model._default_manager.filter(
                                **{rel.field.name: application}).delete()
                    except ProtectedError:
                        for queryset, field in _file_rows(application):
                            if field.blank:
                                queryset.update(**{field.name: ""})
            Application.objects.filter(pk=application.pk).update(
                snapshot=None, membership_number="", membership_expires=None)
            outcome = "kept_outline"
        transaction.on_commit(lambda: _remove_files(files))
    return outcome


def erase_person(user, actor) -> dict[str, int]:
    counts = {"applications_deleted": 0, "applications_kept_outline": 0}
    for application in Application.objects.filter(applicant=user):
        outcome = erase_application(application, actor=actor, reason="person erased")
        counts["applications_" + outcome] += 1
    pending = list(PendingUpload.objects.filter(owner=user))
    files = [(p.file.storage, p.file.name) for p in pending if p.file]
    PendingUpload.objects.filter(owner=user).delete()
    transaction.on_commit(lambda: _remove_files(files))
    counts["profile_deleted"] = ApplicantProfile.objects.filter(user=user).delete()[0]
    return counts


def erase_abandoned(cutoff, actor) -> int:
    """Drafts and withdrawn applications untouched since ``cutoff``."""
    done = 0
    for application in Application.objects.filter(
            status__in=ABANDONED_STATUSES, updated_at__lt=cutoff).iterator():
        erase_application(application, actor=actor, reason="abandoned past retention")
        done += 1
    return done
