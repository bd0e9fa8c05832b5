"""Rater links: 256-bit random tokens, only their sha256 is stored, expiring, dead once used.

The raw token exists only in the email sent to the rater. Looking one up never raises:
it returns an outcome the view turns into a friendly page.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import ReferenceRequest, RequestStatus, RetiredLink

TOKEN_BYTES = 32
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")

OK = "ok"
MALFORMED = "malformed"
UNKNOWN = "unknown"
EXPIRED = "expired"
USED = "used"            # the rating was submitted
DECLINED = "declined"
WITHDRAWN = "withdrawn"  # the applicant asked someone else, or withdrew the application
SUPERSEDED = "superseded"  # a newer link was emailed (reminder or resend)


def new_token() -> tuple[str, str]:
    """A fresh raw token and its hash."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    return raw, hash_token(raw)


def rotate(ref: ReferenceRequest) -> str:
    """Give ``ref`` a new token (caller saves it); the old link is kept only as retired."""
    RetiredLink.objects.get_or_create(request=ref, token_hash=ref.token_hash)
    raw, ref.token_hash = new_token()
    return raw


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("ascii")).hexdigest()


def new_expiry(now=None):
    return (now or timezone.now()) + timedelta(days=settings.REFERENCE_LINK_DAYS)


def is_well_formed(raw: str) -> bool:
    return bool(TOKEN_RE.fullmatch(raw or ""))


@dataclass(frozen=True)
class Lookup:
    outcome: str
    request: ReferenceRequest | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == OK


def outcome_for(ref: ReferenceRequest, now=None) -> str:
    """Whether a request's link may still be used, and if not, why."""
    if ref.status == RequestStatus.SUBMITTED:
        return USED
    if ref.status == RequestStatus.DECLINED:
        return DECLINED
    if ref.status == RequestStatus.REPLACED or ref.application.status == "withdrawn":
        return WITHDRAWN
    if ref.status == RequestStatus.EXPIRED or ref.token_expires_at <= (now or timezone.now()):
        return EXPIRED
    return OK


def lookup(raw: str, queryset=None) -> Lookup:
    """Find the request behind a raw token and say whether the link may be used."""
    if not is_well_formed(raw):
        return Lookup(MALFORMED)
    qs = queryset if queryset is not None else ReferenceRequest.objects.all()
    digest = hash_token(raw)
    ref = qs.select_related("application__applicant").filter(token_hash=digest).first()
    if ref is None:
        retired = RetiredLink.objects.select_related("request").filter(token_hash=digest).first()
        if retired is None:
            return Lookup(UNKNOWN)
        if retired.withdrawn:  # sent to an address the applicant corrected
            return Lookup(WITHDRAWN)
        outcome = outcome_for(retired.request)
        return Lookup(SUPERSEDED if outcome == OK else outcome)
    return Lookup(outcome_for(ref), ref)
