"""Refusing a stale staff form: each form carries the version of the record it was shown
with (the id of the record's newest audit event; every change is audited), and a submit made
from an older version is refused with what changed since, nothing typed lost."""
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .models import AuditEvent

FIELD = "version"


def _events(subject):
    return AuditEvent.objects.filter(subject_type=subject._meta.label_lower,
                                     subject_id=subject.pk)


def version_of(subject) -> int:
    """The newest audit event id of ``subject`` (0 when nothing happened yet)."""
    return _events(subject).order_by("-id").values_list("id", flat=True).first() or 0


def newest_event(subject):
    """The queryset of ``subject``'s newest audit event (its id only), for a page that reads
    it with other rows in one query (endorsement.batch); its id is the version."""
    return _events(subject).order_by("-id").only("id")[:1]


def changes_since(subject, version: int) -> list[AuditEvent]:
    return list(_events(subject).filter(id__gt=version).select_related("actor")
                .order_by("id")[:20])


def stale(subject, data) -> list[AuditEvent] | None:
    """The changes made since the version in ``data`` (a POST), or None when it is current.

    A submit without a version (not from one of our pages) is not checked."""
    version = seen_version(data)
    if version is None:
        return None
    changes = changes_since(subject, version)
    return changes or None


def seen_version(data) -> int | None:
    """The version a submitted page carried (None: no version sent; -1: not a number, which
    every change is newer than), for a service that checks it under its own lock."""
    raw = data.get(FIELD)
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return -1


def describe(changes, labels: dict | None = None) -> str:
    """'Since you opened this page: Fee status recorded by Cora Ward at 2:05 p.m. ...'"""
    from .audit import ACTION_LABELS

    labels = labels or ACTION_LABELS
    parts = []
    for event in changes:
        who = event.actor.display_name if event.actor else (event.actor_label or _("someone"))
        detail = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in event.detail.items()
                           if not k.endswith("_id") and v not in ("", None))
        parts.append(_("%(what)s by %(who)s at %(when)s%(detail)s") % {
            "what": labels.get(event.action, event.action), "who": who,
            "when": date_format(localtime(event.created_at), "DATETIME_FORMAT"),
            "detail": f" ({detail})" if detail else ""})
    return _("This page was out of date, so nothing was changed. Since you opened it: "
             "%(changes)s. Check, then submit again: what you typed is kept.") % {
        "changes": "; ".join(parts)}
