"""Everything held about a person, for them to download, and erasing it when they ask (or
when an application was abandoned long ago), keeping what the registry and the audit trail
must keep.

The export walks the records that point at the person, and the records that point at those
(an application's degrees, work, uploads...), so a new model is included without anyone
remembering to add it. Outer apps register what must be done on erasure (ERASERS) and how
abandoned records are found (ABANDONED), in their AppConfig.ready()."""
from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from endorsement.audit import record
from endorsement.models import AuditEvent, OutboundEmail, User

# Never exported: secrets and the hashes of emailed links.
SECRET_FIELDS = {"password", "token_hash", "data", "secret"}
# Records the export leaves out even though they point at the person (other people's work
# about them, e.g. internal notes, stays with the association).
SKIP_MODELS = {"reviews.internalnote", "sessions.session"}
# Under a person's own application, the association's deliberation about it stays with the
# association like its internal notes: who reviews it (reviewers are not named to applicants),
# their conflict declarations and reviews. The decision and its reasons reach the person in
# the application's history and their emails, which the export holds.
SKIP_UNDER_OWN = {"reviews.reviewassignment"}
# Links that do not make a record the person's (an application they advise is someone else's;
# what they did as staff is in the audit events by them).
SKIP_LINKS = {"advisor", "actor", "author"}
# Links that make a record, and the records under it, the person's own.
OWNER_LINKS = {"applicant", "user", "holder", "owner", "reviewer"}

# f(user, actor) -> {label: count}: erase what an outer app holds about ``user``.
ERASERS: list[Callable] = []
# f(cutoff, actor) -> int: erase records abandoned before ``cutoff``; returns how many.
ABANDONED: list[Callable] = []


class ErasureError(Exception):
    pass


def _reverse_relations(model):
    for rel in model._meta.get_fields(include_hidden=True):
        # "..._by" relations are things the person did to other people's records.
        if (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
                and rel.related_model._meta.label_lower not in SKIP_MODELS
                and not rel.field.name.endswith("_by")):
            yield rel


def _rows(queryset) -> tuple[list[dict], list[models.fields.files.FieldFile]]:
    model = queryset.model
    fields = [f for f in model._meta.concrete_fields if f.name not in SECRET_FIELDS]
    rows, files = [], []
    for obj in queryset.order_by("pk")[:10000]:
        row = {}
        for field in fields:
            value = getattr(obj, field.attname)
            if isinstance(field, models.FileField):
                if value:
                    files.append(getattr(obj, field.name))
                value = str(value) if value else ""
            row[field.attname] = value
        rows.append(row)
    return rows, files


def collect(user: User) -> tuple[dict[str, list[dict]], list]:
    """Tables (model label -> rows) and files held about ``user``."""
    tables: dict[str, list[dict]] = {}
    files: list = []
    account, _f = _rows(User.objects.filter(pk=user.pk))
    tables["account"] = account
    for rel in _reverse_relations(User):
        model = rel.related_model
        if model in (AuditEvent, OutboundEmail):
            continue
        if rel.field.name in SKIP_LINKS:
            continue
        qs = model._default_manager.filter(**{rel.field.name: user})
        rows, found = _rows(qs)
        if not rows:
            continue
        label = f"{model._meta.label_lower}.{rel.field.name}"
        tables.setdefault(label, []).extend(rows)
        files.extend(found)
        if rel.field.name not in OWNER_LINKS:
            continue
        ids = [r[model._meta.pk.attname] for r in rows]
        for child in _reverse_relations(model):
            if child.related_model._meta.label_lower in SKIP_UNDER_OWN:
                continue
            child_rows, child_files = _rows(child.related_model._default_manager.filter(
                **{f"{child.field.name}__in": ids}))
            if child_rows:
                tables.setdefault(child.related_model._meta.label_lower, []).extend(child_rows)
                files.extend(child_files)
    tables["audit_events_by_you"], _f = _rows(AuditEvent.objects.filter(actor=user))
    tables["audit_events_about_your_account"], _f = _rows(AuditEvent.objects.filter(
        subject_type="endorsement.user", subject_id=user.pk))
    tables["emails_sent_to_you"], _f = _rows(OutboundEmail.objects.filter(to__iexact=user.email))
    return tables, files


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    keys = sorted({k for row in rows for k in row})
    writer = csv.DictWriter(out, fieldnames=keys)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, list | dict)
                         else v for k, v in row.items()})
    return out.getvalue()


def export_zip(user: User) -> bytes:
    tables, files = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("everything.json", json.dumps(tables, cls=DjangoJSONEncoder, indent=2))
        for name, rows in tables.items():
            if rows:
                archive.writestr(f"csv/{name}.csv", _csv(rows))
        seen = set()
        for field_file in files:
            if field_file.name in seen:
                continue
            seen.add(field_file.name)
            try:
                with field_file.open("rb") as handle:
                    archive.writestr(f"uploads/{field_file.name}", handle.read())
            except (OSError, ValueError):
                archive.writestr(f"uploads/{field_file.name}.missing.txt",
                                 _("This file is no longer in storage.") + "\n")
        archive.writestr("README.txt", _(
            "Everything this Endorsement® system holds about you, as of %(when)s.\n"
            "everything.json has every record; csv/ has the same as spreadsheets; uploads/ has "
            "the files you uploaded.\n") % {"when": timezone.now().isoformat()})
    record("user.data_exported", user, actor=user)
    return buffer.getvalue()


def erase_person(user: User, *, actor, reason: str) -> dict[str, int]:
    """Erase ``user``'s personal data: what outer apps hold (ERASERS: drafts deleted, profile
    and demographics deleted, uploads removed) and the account's name, email and sign-in. The
    Endorsement® numbers (registry, verification) and the audit trail are kept, the name in
    them replaced by "Erased person #id"."""
    if user.pk == getattr(actor, "pk", None):
        raise ErasureError(_("You cannot erase your own account."))
    if user.erased_at is not None:
        raise ErasureError(_("This person was erased already."))
    counts: dict[str, int] = {}
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for eraser in ERASERS:
            counts.update(eraser(user, actor))
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        from endorsement.credentials.services import leave_registry

        # The public listing goes; the Endorsement® itself stays verifiable by its number.
        counts["registry_listing"] = int(leave_registry(user))
        counts["email_addresses"] = EmailAddress.objects.filter(user=user).delete()[0]
        Authenticator.objects.filter(user=user).delete()
        counts["other_records"] = _delete_owned(user)
        user.email = f"erased-{user.pk}@erased.invalid"
        user.first_name = ""
        user.last_name = _("Erased person #%(id)s") % {"id": user.pk}
        user.set_unusable_password()
        user.is_active = False
        user.erased_at = timezone.now()
        user.save()
        record("user.erased", user, actor=actor, reason=reason, **counts)
    return counts


# Kept on erasure although they belong to the person: the history of their roles and of
# what they did in the admin site.
KEEP_ON_ERASURE = {"endorsement.rolegrant", "admin.logentry"}


def _delete_owned(user: User) -> int:
    """Delete every record that would go with the account (a CASCADE to it), e.g. a profile or
    a per-person log added later, with its files; records something protects are kept."""
    from django.db.models.deletion import ProtectedError

    deleted = 0
    for rel in _reverse_relations(User):
        model = rel.related_model
        if (model._meta.label_lower in KEEP_ON_ERASURE
                or rel.field.remote_field.on_delete is not models.CASCADE):
            continue
        queryset = model._default_manager.filter(**{rel.field.name: user})
        _rows_, files = _rows(queryset)
        try:
            with transaction.atomic():
                deleted += queryset.delete()[0]
        except ProtectedError:
            continue
        names = [(f.storage, f.name) for f in files]
        transaction.on_commit(lambda names=names: _remove(names))
    return deleted


def _remove(names) -> None:
    for storage, name in names:
        try:
            storage.delete(name)
        except OSError:
            pass


def erase_abandoned(*, days: int, actor=None) -> int:
    """Erase what was abandoned more than ``days`` days ago (each outer app says what)."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return sum(hook(cutoff, actor) for hook in ABANDONED)
