"""Reference requests and ratings: every state change is one transactional function here.

Views, tasks and the demo call these; each writes an audit event beside its change and
queues mail through the outbox (sent after commit). Moves between statuses follow
``TRANSITIONS``; anything else raises :class:`RequestStateError`.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applicants.models import Status as AppStatus
from endorsement import staleness
from endorsement.audit import record
from endorsement.i18n import normalize
from endorsement.models import Role, User, with_role
from endorsement.reminders import claim_once

from . import notices, tokens
from .models import (
    RaterVetting,
    ReferenceRating,
    ReferenceRequest,
    RequestStatus,
    RetiredLink,
    Score,
    VettingOutcome,
)

# Reading (for the engine and the task list) lives in status.py; re-exported here.
from .status import (
    NEEDS_ACTION,
    PENDING,
    active_requests,
    allowed_roles,
    areas_for,
    can_ask,
    case_status,
    needs_endorsed_rater,
    references_for_case,
    section_status,
    slot_filling,
    slot_gain,
    slots_complete,
    slots_for,
    unused_ratings,
)

log = logging.getLogger(__name__)

__all__ = [
    # reading (status.py)
    "NEEDS_ACTION", "PENDING", "active_requests", "areas_for", "can_ask", "case_status",
    "needs_endorsed_rater", "references_for_case", "section_status", "slot_filling",
    "slots_complete", "slots_for", "allowed_roles", "slot_gain", "unused_ratings",
    # state changes
    "ChangedSince", "RaterNotAllowed", "RequestStateError", "TRANSITIONS", "decline",
    "expire_overdue",
    "correct_rater", "extend_link", "open_link", "replace", "replaceable", "request_reference",
    "resend_link", "save_draft", "send_reminders", "submit_rating", "vet_rater",
    "verify_endorsement", "set_aside", "VettingError", "vetting_problems",
]

S = RequestStatus
WITHDRAWN = AppStatus.WITHDRAWN
MAX_ACTIVE = 3
# Which statuses each state change may start from.
TRANSITIONS = {
    "open": PENDING,
    "save_draft": (S.OPENED, S.IN_PROGRESS),
    "submit": (S.OPENED, S.IN_PROGRESS),
    "decline": PENDING,
    "replace": (*NEEDS_ACTION, *PENDING),  # and a submitted rating that fills no place
    "correct": (S.REQUESTED, S.OPENED),  # before the rater has saved any answer
    "resend": (*PENDING, S.EXPIRED),
    "extend": (*PENDING, S.EXPIRED),
    "expire": PENDING,
}


class RequestStateError(Exception):
    """A state change that is not allowed from the request's current status."""


RATER_ACTIONS = ("open", "save_draft", "submit", "decline")


def _check(action: str, ref: ReferenceRequest) -> None:
    if ref.status not in TRANSITIONS[action]:
        raise RequestStateError(f"cannot {action} a request that is {ref.status}")
    if ref.application.status == WITHDRAWN:
        raise RequestStateError(f"cannot {action}: the application was withdrawn")
    if action in RATER_ACTIONS and ref.token_expires_at <= timezone.now():
        raise RequestStateError(f"cannot {action}: the link expired")


def _locked(ref_id: int) -> ReferenceRequest:
    return (ReferenceRequest.objects.select_for_update(of=("self",))
            .select_related("application__applicant").get(pk=ref_id))


def coordinator_emails() -> list[str]:
    emails = list(User.objects.filter(with_role(Role.COORDINATOR), is_active=True)
                  .order_by("email").values_list("email", flat=True))
    extra = getattr(settings, "COORDINATOR_EMAIL", "")
    if extra and extra.lower() not in emails:
        emails.append(extra.lower())
    return emails


def link_url(raw_token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("references:link", args=[raw_token])


# ---------------------------------------------------------------- the applicant

class RaterNotAllowed(RequestStateError):
    """The applicant cannot ask this rater now; the message says why in plain words."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check_new_rater(application, rater_email: str, replaces, role=None,
                     rater_name: str = "") -> None:
    """Under the application's row lock: at most MAX_ACTIVE raters, each a different person
    (so a double-clicked "Send" or the same rater named twice cannot count twice)."""
    from applicants.models import Application

    fresh = Application.objects.select_for_update().filter(pk=application.pk).first()
    active = (ReferenceRequest.objects.filter(application=application)
              .exclude(status=S.REPLACED))
    if replaces is not None:
        active = active.exclude(pk=replaces.pk)
    if active.filter(rater_email__iexact=rater_email).exists():
        raise RaterNotAllowed(_("You have already asked %(email)s. Each rating must come "
                                "from a different person.") % {"email": rater_email},
                              field="rater_email")
    same_name = active.filter(rater_name__iexact=" ".join(rater_name.split())).first()
    if rater_name and same_name is not None:
        raise RaterNotAllowed(_(
            "You have already asked %(name)s at %(email)s. Each rating must come from a "
            "different person; if that address is wrong, correct it in the list of your "
            "raters.") % {"name": same_name.rater_name, "email": same_name.rater_email},
            field="rater_name")
    if active.count() >= MAX_ACTIVE:
        raise RaterNotAllowed(ngettext(
            "You have already asked %(count)d rater. Replace one who declined or whose link "
            "expired to ask someone else.",
            "You have already asked %(count)d raters. Replace one who declined or whose link "
            "expired to ask someone else.", MAX_ACTIVE) % {"count": MAX_ACTIVE})
    if role is None:
        return
    if role not in allowed_roles(fresh):
        raise RaterNotAllowed(_("This level does not accept a rating from this kind of rater. "
                                "Choose one of the roles offered."), field="role")
    if not slot_gain(fresh, role, exclude=replaces):
        raise RaterNotAllowed(_(
            "Your other raters already fill every place a rater in this role could fill, so "
            "this rating would not count. Still needed: %(needed)s.") % {
                "needed": "; ".join(_still_needed(fresh, replaces))}, field="role")


def _still_needed(application, exclude=None) -> list[str]:
    """The labels of the places the raters asked so far (pending or submitted) leave empty."""
    from endorsement.guidelines import get_edition
    from endorsement.guidelines.case import Reference
    from endorsement.guidelines.references import fill_slots

    refs = [Reference(r.role, None, True, "submitted") for r in active_requests(application)
            if r.status not in NEEDS_ACTION and r != exclude]
    filling = fill_slots(slots_for(application), refs,
                         get_edition().endorsed_rater_levels.value, False)
    return [s.label for s in filling.empty_slots]


def replaceable(ref: ReferenceRequest) -> bool:
    """The applicant may ask someone else instead: declined, expired, not yet answered, or
    submitted but filling none of the level's places."""
    if ref.status in TRANSITIONS["replace"]:
        return True
    return ref.status == S.SUBMITTED and ref.pk in unused_ratings(ref.application)


@transaction.atomic
def request_reference(application, actor, *, rater_name, rater_email, role, known_for,
                      rater_endorsement="", rater_endorsement_number="", waiver_name,
                      replaces: ReferenceRequest | None = None,
                      language: str = "") -> ReferenceRequest:
    """Name a rater, record the signed waiver and email the rater a personal link.

    Raises :class:`RaterNotAllowed` if the person was already asked for this application or
    its raters are complete."""
    rater_name = " ".join(rater_name.split())
    _check_new_rater(application, rater_email, replaces, role, rater_name)
    now = timezone.now()
    raw, digest = tokens.new_token()
    ref = ReferenceRequest.objects.create(
        application=application, rater_name=rater_name, rater_email=rater_email.lower(),
        role=role, known_for=known_for, rater_endorsement=rater_endorsement,
        rater_endorsement_number=rater_endorsement_number, waiver_signed_at=now,
        waiver_signed_name=waiver_name, token_hash=digest,
        token_expires_at=tokens.new_expiry(now), sent_at=now, created_by=actor,
        replaces=replaces,
        language=normalize(language or application.applicant.language),
    )
    record("reference.requested", ref, actor=actor, role=role,
           replaces=replaces.pk if replaces else None)
    notices.invitation(ref, link_url(raw))
    return ref


@transaction.atomic
def replace(old: ReferenceRequest, actor, **rater) -> ReferenceRequest:
    """Ask someone else instead of a rater who declined, whose link expired, who has not
    answered yet (their link stops working), or whose rating fills no place."""
    old = _locked(old.pk)
    if not replaceable(old):
        raise RequestStateError(f"cannot replace a request that is {old.status}")
    if old.status != S.SUBMITTED or old.application.status == WITHDRAWN:
        _check("replace", old)
    previous = old.status
    old.status = S.REPLACED
    old.save(update_fields=["status"])
    record("reference.replaced", old, actor=actor, was=previous)
    return request_reference(old.application, actor, replaces=old, **rater)


@transaction.atomic
def correct_rater(ref: ReferenceRequest, actor, *, rater_name: str,
                  rater_email: str) -> ReferenceRequest:
    """Fix a mistyped name or address before the rater answers: the old link is closed and
    a new one goes to the corrected address, with a fresh expiry."""
    ref = _locked(ref.pk)
    _check("correct", ref)
    rater_email, rater_name = rater_email.lower(), " ".join(rater_name.split())
    _check_new_rater(ref.application, rater_email, replaces=ref, rater_name=rater_name)
    old_email, now = ref.rater_email, timezone.now()
    RetiredLink.objects.get_or_create(request=ref, token_hash=ref.token_hash,
                                      defaults={"withdrawn": True})
    raw, ref.token_hash = tokens.new_token()
    ref.rater_name, ref.rater_email = rater_name, rater_email
    ref.status, ref.opened_at, ref.sent_at = S.REQUESTED, None, now
    ref.token_expires_at = tokens.new_expiry(now)
    ref.save(update_fields=["rater_name", "rater_email", "status", "opened_at", "sent_at",
                            "token_hash", "token_expires_at"])
    record("reference.corrected", ref, actor=actor, old_email=old_email, new_email=rater_email)
    notices.invitation(ref, link_url(raw))
    return ref


# ---------------------------------------------------------------- the rater

@transaction.atomic
def open_link(ref: ReferenceRequest) -> ReferenceRequest:
    """The rater pressed "Start" (a POST, never a mail scanner's GET)."""
    ref = _locked(ref.pk)
    _check("open", ref)
    if ref.status == S.REQUESTED:
        ref.status = S.OPENED
        ref.opened_at = timezone.now()
        ref.save(update_fields=["status", "opened_at"])
        record("reference.opened", ref, actor_label=ref.rater_email)
    return ref


def _fill(rating: ReferenceRating, data: dict, areas) -> None:
    keys = [a.key for a in areas]
    rating.scores = {k: data[k] for k in keys if data.get(k)}
    rating.comments = data.get("comments", "")
    rating.recommendation = data.get("recommendation", "")
    rating.rater_endorsement = data.get("rater_endorsement", "")
    rating.rater_endorsement_number = data.get("rater_endorsement_number", "")
    rating.not_enough_info_count = sum(v == Score.NOT_ENOUGH_INFO for v in rating.scores.values())


@transaction.atomic
def save_draft(ref: ReferenceRequest, data: dict) -> ReferenceRating:
    """Keep the rater's answers so far; they can come back through the same link."""
    ref = _locked(ref.pk)
    _check("save_draft", ref)
    rating, _created = ReferenceRating.objects.get_or_create(request=ref)
    _fill(rating, data, areas_for(ref.application))
    rating.save()
    if ref.status != S.IN_PROGRESS:
        ref.status = S.IN_PROGRESS
        ref.save(update_fields=["status"])
    record("reference.draft_saved", ref, actor_label=ref.rater_email)
    return rating


@transaction.atomic
def submit_rating(ref: ReferenceRequest, data: dict) -> ReferenceRating:
    """Make the rating final (once: a second submit raises RequestStateError)."""
    ref = _locked(ref.pk)
    _check("submit", ref)
    now = timezone.now()
    rating, _created = ReferenceRating.objects.get_or_create(request=ref)
    _fill(rating, data, areas_for(ref.application))
    rating.submitted_at = now
    rating.flagged = rating.not_enough_info_count >= settings.REFERENCE_FLAG_NOT_ENOUGH_INFO
    rating.save()
    ref.status = S.SUBMITTED
    ref.submitted_at = now
    ref.save(update_fields=["status", "submitted_at"])
    record("reference.submitted", ref, actor_label=ref.rater_email, flagged=rating.flagged)
    # A rating that fills none of the level's places: the applicant hears why at once.
    notices.submitted(ref, rating, coordinator_emails(),
                      not_counted=unused_ratings(ref.application).get(ref.pk, ""))
    return rating


@transaction.atomic
def decline(ref: ReferenceRequest, reason: str) -> ReferenceRequest:
    """The rater says no; the applicant and the coordinators are told (without the reason)."""
    ref = _locked(ref.pk)
    _check("decline", ref)
    ref.status = S.DECLINED
    ref.declined_at = timezone.now()
    ref.decline_reason = reason
    ref.save(update_fields=["status", "declined_at", "decline_reason"])
    record("reference.declined", ref, actor_label=ref.rater_email)
    notices.declined(ref, coordinator_emails())
    return ref


# ---------------------------------------------------------------- the coordinator

def _status_after_revival(ref: ReferenceRequest) -> str:
    if ref.status != S.EXPIRED:
        return ref.status
    if hasattr(ref, "rating") or ReferenceRating.objects.filter(request=ref).exists():
        return S.IN_PROGRESS
    return S.OPENED if ref.opened_at else S.REQUESTED


class ChangedSince(RequestStateError):
    """The coordinator's page was older than the rater's last change (a retried POST, a second
    tab, a colleague): nothing is done again. ``changes``: the audit events since."""

    def __init__(self, changes):
        super().__init__("changed since the page was opened")
        self.changes = changes


def _unchanged_since(ref: ReferenceRequest, version: int | None) -> None:
    """Under the row lock: refuse when ``ref`` changed after ``version`` (None: not checked)."""
    if version is not None:
        changes = staleness.changes_since(ref, version)
        if changes:
            raise ChangedSince(changes)


@transaction.atomic
def resend_link(ref: ReferenceRequest, actor, *, version: int | None = None) -> ReferenceRequest:
    """A new link (the old one stops working), a fresh expiry and reminder cycle, emailed.

    ``version``: the rater's version the coordinator's page showed; a second post of the same
    page (a retry, a double click) then sends nothing a second time."""
    ref = _locked(ref.pk)
    _unchanged_since(ref, version)
    _check("resend", ref)
    now = timezone.now()
    raw = tokens.rotate(ref)
    ref.token_expires_at = tokens.new_expiry(now)
    ref.sent_at = now
    ref.status = _status_after_revival(ref)
    ref.save(update_fields=["token_hash", "token_expires_at", "sent_at", "status"])
    record("reference.link_resent", ref, actor=actor)
    notices.invitation(ref, link_url(raw), resent=True)
    return ref


@transaction.atomic
def extend_link(ref: ReferenceRequest, actor, *, version: int | None = None) -> ReferenceRequest:
    """Keep the same link working for another REFERENCE_LINK_DAYS from today."""
    ref = _locked(ref.pk)
    _unchanged_since(ref, version)
    _check("extend", ref)
    ref.token_expires_at = tokens.new_expiry()
    ref.status = _status_after_revival(ref)
    ref.save(update_fields=["token_expires_at", "status"])
    record("reference.link_extended", ref, actor=actor,
           expires=ref.token_expires_at.isoformat())
    return ref


class VettingError(RequestStateError):
    """The vetting record contradicts itself (or dates a call in the future)."""


def vetting_problems(*, call_date, has_guidelines_copy, familiar, outcome) -> dict:
    """field -> why, for a vetting that cannot be true; empty when it holds together."""
    problems = {}
    if call_date > timezone.localdate():
        problems["call_date"] = _("The call cannot be on a date that has not come yet.")
    if outcome == VettingOutcome.ACCEPTED and not (has_guidelines_copy and familiar):
        problems["outcome"] = _("A rater is accepted only when they have a copy of the "
                                "Competency Guidelines and are familiar enough with them to "
                                "rate: tick both checks, or record “Not accepted”.")
    return problems


@transaction.atomic
def vet_rater(ref: ReferenceRequest, actor, *, call_date, has_guidelines_copy, familiar,
              outcome, note="", version: int | None = None) -> RaterVetting:
    """Record the call with a rater who is not endorsed; an accepted rater counts as vetted.
    The outcome must agree with the checks, and the call cannot be in the future."""
    problems = vetting_problems(call_date=call_date, has_guidelines_copy=has_guidelines_copy,
                                familiar=familiar, outcome=outcome)
    if problems:
        raise VettingError(" ".join(problems.values()))
    ref = _locked(ref.pk)
    _unchanged_since(ref, version)  # a retried post records one call
    vetting = RaterVetting.objects.create(
        request=ref, call_date=call_date, has_guidelines_copy=has_guidelines_copy,
        familiar=familiar, outcome=outcome, note=note, recorded_by=actor,
    )
    ref.vetted = outcome == VettingOutcome.ACCEPTED
    ref.save(update_fields=["vetted"])
    record("reference.vetted", ref, actor=actor, outcome=outcome,
           call_date=call_date.isoformat(), guidelines_copy=has_guidelines_copy,
           familiar=familiar)
    return vetting


@transaction.atomic
def verify_endorsement(ref: ReferenceRequest, actor, *, verified: bool = True,
                       level: str | None = None, number: str = "",
                       source: str = "", version: int | None = None) -> ReferenceRequest:
    """The coordinator checked the rater's Endorsement®. What the applicant said
    (``rater_endorsement``) is kept; what was found (level, number) is recorded beside it,
    with where it was checked (``source``), by whom and when."""
    ref = _locked(ref.pk)
    _unchanged_since(ref, version)
    if verified:
        ref.verified_level = level or ref.rater_endorsement
        ref.verified_number = number
        ref.verification_source = source
        ref.endorsement_verified = bool(ref.verified_level)
    else:
        ref.verified_level, ref.verified_number, ref.endorsement_verified = "", "", False
        ref.verification_source = source
    ref.verified_at, ref.verified_by = timezone.now(), actor
    ref.save(update_fields=["verified_level", "verified_number", "verification_source",
                            "endorsement_verified", "verified_at", "verified_by"])
    record("reference.endorsement_verified", ref, actor=actor,
           verified=ref.endorsement_verified, stated=ref.rater_endorsement,
           level=ref.verified_level, number=number, source=source)
    return ref


@transaction.atomic
def set_aside(ref: ReferenceRequest, actor, *, reason: str = "",
              version: int | None = None) -> ReferenceRequest:
    """A flagged rating (too many "not enough information") no longer counts; the applicant
    is asked, by email, for another rater."""
    ref = _locked(ref.pk)
    _unchanged_since(ref, version)
    rating = ReferenceRating.objects.filter(request=ref).first()
    if ref.status != S.SUBMITTED or rating is None or not rating.flagged:
        raise RequestStateError(_("Only a submitted, flagged rating can be set aside."))
    ref.status = S.SET_ASIDE
    ref.set_aside_reason = reason.strip()
    ref.save(update_fields=["status", "set_aside_reason"])
    record("reference.set_aside", ref, actor=actor, reason=ref.set_aside_reason)
    notices.set_aside(ref, ref.set_aside_reason)
    return ref


# ---------------------------------------------------------------- scheduled jobs

def expire_overdue(now=None) -> int:
    """Mark links past their expiry as expired and tell the applicant and coordinators once."""
    now = now or timezone.now()
    count = 0
    # A withdrawn application's links are already closed: nobody is told they expired.
    ids = list(ReferenceRequest.objects.filter(status__in=PENDING, token_expires_at__lte=now)
               .exclude(application__status=WITHDRAWN).values_list("pk", flat=True))
    for ref_id in ids:
        with transaction.atomic():
            # The conditional update is the claim: a second worker updates 0 rows and skips.
            claimed = ReferenceRequest.objects.filter(
                pk=ref_id, status__in=PENDING, token_expires_at__lte=now
            ).exclude(application__status=WITHDRAWN).update(status=S.EXPIRED)
            if not claimed:
                continue
            ref = ReferenceRequest.objects.select_related("application__applicant").get(pk=ref_id)
            record("reference.expired", ref, actor_label="scheduler")
            notices.expired(ref, coordinator_emails())
            count += 1
    if count:
        log.info("marked %d reference links expired", count)
    return count


REMINDER_KIND = "references.reminder"


def reminder_occasion(sent_at, days: int) -> str:
    """The reminder ``days`` after the link sent at ``sent_at``: a new link (resend, correct)
    starts a new cycle of occasions, so its reminders go out again."""
    return f"{sent_at:%Y%m%d%H%M%S}+{days}"


def send_reminders(now=None) -> int:
    """Remind raters who have not submitted, REFERENCE_REMINDER_DAYS after the link was sent.

    Each reminder is claimed through endorsement.reminders.claim_once in the same transaction
    as the queued mail, so two runs (or two workers) send one reminder; earlier reminders
    that were never sent are claimed with it and skipped, not sent late.
    """
    now = now or timezone.now()
    days = sorted(settings.REFERENCE_REMINDER_DAYS)
    sent = 0
    candidates = list(ReferenceRequest.objects
                  .filter(status__in=PENDING, token_expires_at__gt=now,
                          sent_at__lte=now - timedelta(days=days[0]))
                  .exclude(application__status=WITHDRAWN)
                  .values_list("pk", "sent_at"))
    for ref_id, sent_at in candidates:
        due = [d for d in days if sent_at <= now - timedelta(days=d)]
        occasion = reminder_occasion(sent_at, due[-1])
        with transaction.atomic():
            won = claim_once(REMINDER_KIND, ReferenceRequest,
                             [(ref_id, reminder_occasion(sent_at, d)) for d in due])
            if (ref_id, occasion) not in won:
                continue
            ref = _locked(ref_id)  # waits for a rater submitting or a resend at this moment
            if (ref.status not in PENDING or ref.token_expires_at <= now
                    or ref.sent_at != sent_at or ref.application.status == WITHDRAWN):
                transaction.set_rollback(True)
                continue
            raw = tokens.rotate(ref)
            ref.save(update_fields=["token_hash"])
            record("reference.reminded", ref, actor_label="scheduler",
                   kind=f"reminder_{due[-1]}")
            notices.reminder(ref, link_url(raw), final=due[-1] == days[-1])
            sent += 1
    if sent:
        log.info("sent %d reference reminders", sent)
    return sent


@transaction.atomic
def set_rater_language(ref: ReferenceRequest, code: str) -> bool:
    """The rater chose another language on their pages: their pages and any later email
    (reminders, thanks) use it. An unknown code changes nothing (returns False)."""
    if code not in dict(settings.LANGUAGES):
        return False
    changed = ReferenceRequest.objects.filter(pk=ref.pk).exclude(language=code).update(
        language=code)
    if changed:
        record("reference.language_changed", ref, actor_label="rater", language=code)
    ref.language = code
    return bool(changed)
