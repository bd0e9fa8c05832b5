"""An application's full history in one place, newest first, a page at a time.

One list merges: status changes (ApplicationEvent, which carries the note of the move; the
"application.status" audit rows say the same and are left out), every other audit event on
the application and on its reference requests (fee, reviewers, advisor, messages, vetting,
verification, links...), every email linked to it, and the staff's internal notes. The page
is cut in the database (a UNION ordered by time); then only the page's rows are read, one
query per kind.
"""
from django.db.models import CharField, Value
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicationEvent
from endorsement.audit import ACTION_LABELS
from endorsement.models import AuditEvent, OutboundEmail

from .models import InternalNote

ACTIONS = ACTION_LABELS
# Shown by their own rows instead.
HIDDEN_ACTIONS = ["application.status", "application.note"]
APPLICATION = "applicants.application"
REFERENCE = "references.referencerequest"


# Other records whose audit events belong in an application's history: label_lower ->
# fn(application) returning a queryset of their ids. Apps add theirs (e.g. exam records).
RELATED_SUBJECTS = {}


def register_related(label: str, ids_for) -> None:
    RELATED_SUBJECTS[label] = ids_for


def _endorsement_ids(application):
    from endorsement.credentials.models import Endorsement

    return Endorsement.objects.filter(application_id=application.pk).values("pk")


register_related("credentials.endorsement", _endorsement_ids)


def _kind(queryset, kind):
    return queryset.order_by().annotate(kind=Value(kind, output_field=CharField())).values(
        "id", "created_at", "kind")


def entries(application):
    """The merged, ordered list of (id, created_at, kind) rows; paginate it."""
    from references.models import ReferenceRequest

    ref_ids = ReferenceRequest.objects.filter(application_id=application.pk).values("pk")
    audits = AuditEvent.objects.filter(subject_type=APPLICATION, subject_id=application.pk)
    ref_audits = AuditEvent.objects.filter(subject_type=REFERENCE, subject_id__in=ref_ids)
    for label, ids_for in RELATED_SUBJECTS.items():
        ref_audits = ref_audits | AuditEvent.objects.filter(
            subject_type=label, subject_id__in=ids_for(application))
    return _kind(audits.exclude(action__in=HIDDEN_ACTIONS), "audit").union(
        _kind(ref_audits, "audit"),
        _kind(ApplicationEvent.objects.filter(application_id=application.pk), "status"),
        _kind(OutboundEmail.objects.filter(about_type=APPLICATION, about_id=application.pk),
              "email"),
        _kind(InternalNote.objects.filter(application_id=application.pk), "note"),
        all=True,
    ).order_by("-created_at", "-id")


def rows_for(page_rows) -> list[dict]:
    """The page's entries as dicts for the template (one query per kind on the page)."""
    from references.models import ReferenceRequest

    ids = {"audit": [], "status": [], "email": [], "note": []}
    for row in page_rows:
        ids[row["kind"]].append(row["id"])
    found = {}
    if ids["audit"]:
        audits = list(AuditEvent.objects.filter(pk__in=ids["audit"]).select_related("actor"))
        ref_ids = [a.subject_id for a in audits if a.subject_type == REFERENCE]
        raters = dict(ReferenceRequest.objects.filter(pk__in=ref_ids).values_list(
            "pk", "rater_name")) if ref_ids else {}
        for event in audits:
            found["audit", event.pk] = {
                "what": ACTIONS.get(event.action, event.action),
                "who": event.actor.display_name if event.actor else event.actor_label,
                "rater": raters.get(event.subject_id) if event.subject_type == REFERENCE
                else "", "detail": _detail(event.detail), "kind": "audit",
                "at": event.created_at}
    if ids["status"]:
        for event in ApplicationEvent.objects.filter(pk__in=ids["status"]).select_related(
                "actor"):
            found["status", event.pk] = {
                "what": _("Status: %(from)s → %(to)s") % {
                    "from": event.get_from_status_display(), "to": event.get_to_status_display()},
                "who": event.actor.display_name if event.actor else "",
                "text": event.note, "kind": "status", "at": event.created_at}
    if ids["email"]:
        for email in OutboundEmail.objects.filter(pk__in=ids["email"]).only(
                "to", "subject", "status", "created_at"):
            found["email", email.pk] = {
                "what": _("Email to %(to)s: %(subject)s") % {"to": email.to,
                                                              "subject": email.subject},
                "email": email, "kind": "email", "at": email.created_at}
    if ids["note"]:
        for note in InternalNote.objects.filter(pk__in=ids["note"]).select_related("author"):
            found["note", note.pk] = {
                "what": _("Internal note"), "who": note.author.display_name if note.author
                else "", "text": note.body, "kind": "note", "at": note.created_at}
    return [found[row["kind"], row["id"]] for row in page_rows
            if (row["kind"], row["id"]) in found]


def _detail(detail: dict) -> str:
    shown = {k: v for k, v in (detail or {}).items() if not k.endswith("_id") and v not in
             ("", None)}
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in shown.items())
