"""Who qualifies to provide reflective supervision/consultation (facilitate a group, appear in
the directory): a current Endorsement® whose category is one of the association's rules
edition's RSC provider codes (MassAIMH: III and IV-C; Virginia: IV-C, and II/III holding the
ERS add-on).

"Current" is computed from the record itself: active, issued on or before the day and valid
through it. The day after its valid-through date the provider stops qualifying (and leaves the
directory) with no job having to run; the day before, they still qualify.

A ``<level>-ERS`` code matches a current Endorsement® at that level whose record carries the
ERS add-on (``Endorsement.ers``, entered by the coordinator).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from endorsement.credentials.models import Endorsement, EndorsementStatus
from endorsement.guidelines.editions import get_edition
from endorsement.guidelines.vocabulary import DEGREE_RANK


def provider_codes(edition: str | None = None) -> frozenset[str]:
    """Every code that may provide RSC to someone under ``edition`` (the association's)."""
    e = get_edition(edition or settings.RULES_EDITION)
    codes = set(e.rsc_providers.value)
    for rule in e.rsc_providers_by_category.values():
        codes |= set(rule.value)
    return frozenset(codes)


def qualifying_categories(edition: str | None = None) -> list[str]:
    """The Endorsement® categories that qualify on their own (no ERS add-on needed)."""
    return sorted(c for c in provider_codes(edition) if not c.endswith("-ERS"))


def ers_categories(edition: str | None = None) -> list[str]:
    """The categories that qualify when the record carries the ERS add-on."""
    return sorted(c.removesuffix("-ERS") for c in provider_codes(edition) if c.endswith("-ERS"))


def current_q(day: dt.date | None = None, prefix: str = "") -> Q:
    day = day or timezone.localdate()
    qualifies = Q(**{f"{prefix}category__in": qualifying_categories()})
    if ers := ers_categories():
        qualifies |= Q(**{f"{prefix}category__in": ers, f"{prefix}ers": True})
    return qualifies & Q(**{f"{prefix}status": EndorsementStatus.ACTIVE,
                            f"{prefix}issued_on__lte": day, f"{prefix}valid_through__gte": day})


def qualifying_endorsement(user_or_id, day: dt.date | None = None) -> Endorsement | None:
    """The person's Endorsement® that makes them a qualified RSC provider on ``day`` (the
    highest category, then the longest valid), or None."""
    user_id = getattr(user_or_id, "pk", user_or_id)
    return (Endorsement.objects.filter(current_q(day), holder_id=user_id)
            .order_by("-category", "-valid_through").first())


def qualified_exists(outer: str = "pk", day: dt.date | None = None) -> Exists:
    """For annotating or filtering people (``outer`` names the user id) in one query."""
    return Exists(Endorsement.objects.filter(current_q(day), holder_id=OuterRef(outer)))


def qualified_people(day: dt.date | None = None):
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(qualified_exists("pk", day), is_active=True)
            .order_by("last_name", "first_name", "pk"))


def highest_degree(user_or_id, endorsement: Endorsement) -> str:
    """The provider's highest degree from their own application records; for someone endorsed
    before this system (no degree rows), the least their category required under its edition."""
    from applicants.models import Degree

    user_id = getattr(user_or_id, "pk", user_or_id)
    types = set(Degree.objects.filter(application__applicant_id=user_id)
                .values_list("type", flat=True))
    if types:
        return max(types, key=lambda t: DEGREE_RANK.get(t, 0))
    try:
        education = get_edition(endorsement.rules_edition).education
    except ValueError:
        education = get_edition(settings.RULES_EDITION).education
    rule = education.get(endorsement.level) or education.get("IV")
    return rule.value if rule else "master"
