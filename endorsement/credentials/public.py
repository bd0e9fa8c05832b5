"""What the public may learn: verification of one number, the opt-in registry, the rate limit.

Nothing here reveals more than a name, a credential and whether it is current.
"""
from __future__ import annotations

import dataclasses
import re
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from endorsement.guidelines.vocabulary import CATEGORIES

from .models import Endorsement, EndorsementStatus, Program, RegistryListing
from .names import credential_name, holder_name

# Our numbers (MASSAIMH-2026-00042) and those imported from the old system as they were
# given (letters, digits, hyphens, dots and slashes; see docs/import.md).
NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9./-]{0,39}$")


def normalize_number(raw: str | None) -> str | None:
    """``massaimh-2026-00042 `` -> ``MASSAIMH-2026-00042``; None when it cannot be a number."""
    text = "".join((raw or "").split()).upper().replace("\u2013", "-").replace("\u2014", "-")
    return text if len(text) <= 40 and NUMBER.match(text) else None


@dataclasses.dataclass(frozen=True)
class Verification:
    number: str
    state: str          # valid | lapsed | inactive | revoked
    holder_name: str
    credential: str

    LABELS = {"valid": _("Valid"), "lapsed": _("Lapsed"), "inactive": _("Inactive"),
              "revoked": _("Revoked")}

    @property
    def label(self):
        return self.LABELS[self.state]


def state_of(endorsement: Endorsement, today=None) -> str:
    """Valid only while active and within its dates; past valid-through counts as lapsed even
    before the lapse job has marked it."""
    today = today or timezone.localdate()
    if endorsement.status == EndorsementStatus.ACTIVE:
        return "valid" if endorsement.valid_through >= today else "lapsed"
    return endorsement.status


def verify(number: str) -> Verification | None:
    """The public facts about an Endorsement® number, or None (a constant number of queries:
    the Endorsement® with its holder, and any registered name source's)."""
    endorsement = (Endorsement.objects.select_related("holder")
                   .filter(number=number).first())
    if endorsement is None:
        return None
    return Verification(number=endorsement.number, state=state_of(endorsement),
                        holder_name=holder_name(endorsement.holder, or_email=False)
                        or _("(name not given)"),
                        credential=endorsement.credential_name)


def client_ip(request) -> str:
    """The client's address as allauth's sign-in rate limit sees it (its proxy settings)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def allow_lookup(request) -> bool:
    """Count one verification look-up for this client; False once over the per-minute limit."""
    window = int(time.time() // 60)
    key = f"credentials:verify:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        used = 1
    return used <= settings.VERIFY_RATE_PER_MINUTE


# --- The registry --------------------------------------------------------------------------

def credential_choices() -> list[tuple[str, str]]:
    """("IMH-E:II", "Infant Family Specialist (IFS), IMH-E®"), ... for every program and
    category."""
    return [(f"{program}:{code}", credential_name(program, code))
            for program in Program.values for code in CATEGORIES]


def _current(today):
    return Endorsement.objects.filter(status=EndorsementStatus.ACTIVE, valid_through__gte=today)


def registry(*, name: str = "", credential: str = "", region: str = ""):
    """Listed holders with at least one current Endorsement®, each with ``current`` (their
    current Endorsements®) prefetched: three queries for a page, whatever its size."""
    today = timezone.localdate()
    current = _current(today)
    if credential and ":" in credential:
        program, category = credential.split(":", 1)
        current = current.filter(program=program, category=category)
    # "holder IN (one uncorrelated subquery)": SQLite otherwise checks each listing against
    # every active Endorsement® through the (status, valid_through) index (seconds at 100,000).
    listings = (RegistryListing.objects.filter(holder__in=current.values("holder"))
                .select_related("holder")
                .prefetch_related(Prefetch("holder__endorsements",
                                           queryset=_current(today).order_by("program",
                                                                             "category"),
                                           to_attr="current"))
                .order_by("sort_name", "display_name", "holder_id"))
    if region:
        listings = listings.filter(region=region)
    for word in name.split()[:5]:
        listings = listings.filter(display_name__icontains=word)
    return listings
