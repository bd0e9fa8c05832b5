"""THE one function for every status change of an application.

Every move is in :data:`TRANSITIONS` with who may make it; anything else raises
:class:`TransitionError`. A change is saved with its event, audit record and emails in one
transaction, under a row lock, so two requests cannot both move the same application.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from endorsement import audit
from endorsement.mail import queue_mail
from endorsement.models import Role

from .models import Application, ApplicationEvent, Status

APPLICANT, COORDINATOR = "applicant", "coordinator"

# (from, to) -> who may make the move.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): APPLICANT,
    (Status.RETURNED, Status.SUBMITTED): APPLICANT,
    (Status.DRAFT, Status.WITHDRAWN): APPLICANT,
    (Status.SUBMITTED, Status.IN_REVIEW): COORDINATOR,
    (Status.SUBMITTED, Status.RETURNED): COORDINATOR,
    (Status.IN_REVIEW, Status.RETURNED): COORDINATOR,
    (Status.IN_REVIEW, Status.EXAM): COORDINATOR,
    (Status.IN_REVIEW, Status.ENDORSED): COORDINATOR,
    (Status.IN_REVIEW, Status.NOT_ENDORSED): COORDINATOR,
    (Status.EXAM, Status.ENDORSED): COORDINATOR,
    (Status.EXAM, Status.NOT_ENDORSED): COORDINATOR,
}
EXAM_LEVELS = ("III", "IV")

# Emails to the applicant: status -> template under templates/emails/.
APPLICANT_MAIL = {Status.SUBMITTED: "applicants_submitted", Status.RETURNED: "applicants_returned"}


class TransitionError(Exception):
    """A status change that is not allowed; the message says why in plain words."""


def allowed_moves(application: Application, actor) -> list[str]:
    """The statuses ``actor`` may move ``application`` to now (for showing buttons)."""
    return [to for (frm, to) in TRANSITIONS if frm == application.status
            and _check(application, to, actor, raise_error=False)]


def _may_act(application: Application, who: str, actor) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    if who == APPLICANT:
        return actor.pk == application.applicant_id
    # No one decides on their own application, not even a coordinator.
    return actor.role == Role.COORDINATOR and actor.pk != application.applicant_id


def _check(application, to_status, actor, *, raise_error=True) -> bool:
    def fail(message):
        if raise_error:
            raise TransitionError(message)
        return False

    frm = application.status
    who = TRANSITIONS.get((frm, to_status))
    if who is None:
        return fail(f"An application that is “{Status(frm).label}” cannot be moved to "
                    f"“{Status(to_status).label if to_status in Status.values else to_status}”.")
    if not _may_act(application, who, actor):
        return fail(f"Only the {'applicant' if who == APPLICANT else 'Endorsement Coordinator'}"
                    f" may move an application from “{Status(frm).label}” to "
                    f"“{Status(to_status).label}”.")
    if to_status == Status.EXAM and application.level not in EXAM_LEVELS:
        return fail("Only Level III and Level IV applications take the written examination.")
    if to_status == Status.SUBMITTED and raise_error:
        from .services import submission_blockers

        blockers = submission_blockers(application)
        if blockers:
            return fail("The application is not ready to submit: "
                        + "; ".join(f"{b.title}: {b.message}" for b in blockers))
    if to_status == Status.ENDORSED and raise_error:
        from .case import checklist

        refs = next(r for r in checklist(application)["requirements"] if r["id"] == "references")
        if refs["applies"] and not refs["met"]:
            return fail("The reference ratings are not complete yet: " + refs["detail"])
    return True


def transition(application: Application, to_status: str, *, actor, note: str = "") -> Application:
    """Move ``application`` to ``to_status`` as ``actor``; raises :class:`TransitionError`."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        _check(locked, to_status, actor)
        from_status = locked.status
        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status == Status.SUBMITTED:
            from .services import take_snapshot

            locked.submitted_at = timezone.now()
            locked.snapshot = take_snapshot(locked)
            fields += ["submitted_at", "snapshot"]
        locked.save(update_fields=fields)
        ApplicationEvent.objects.create(application=locked, actor=actor, from_status=from_status,
                                        to_status=to_status, note=note)
        audit.record("application.status", locked, actor=actor, from_status=from_status,
                     to_status=to_status, note=note)
        template = APPLICANT_MAIL.get(to_status)
        if template:
            queue_mail(template, locked.applicant.email, {
                "name": locked.applicant.display_name,
                "category": locked.get_category_display(),
                "program": locked.program,
                "note": note,
                "url_path": f"/apply/{locked.pk}/",
                "resubmission": from_status == Status.RETURNED,
            })
    for name in ("status", "submitted_at", "snapshot", "updated_at"):
        setattr(application, name, getattr(locked, name))
    application.__dict__.pop("_dossier", None)
    return application
