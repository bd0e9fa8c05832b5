"""Shared builders for the consultation tests."""
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from endorsement.credentials.models import Endorsement
from endorsement.testing.factories import UserFactory

from .. import services
from ..models import ConsultationGroup, GroupMember, GroupSession, ProviderListing


def endorse(user, category="IV-C", valid_through=None, issued_on=None):
    today = timezone.localdate()
    return Endorsement.objects.create(
        number=f"T-{user.pk}-{category}", holder=user, program="IMH-E", category=category,
        issued_on=issued_on or today.replace(year=today.year - 2),
        valid_through=valid_through or today + dt.timedelta(days=300),
        rules_edition=settings.RULES_EDITION)


def facilitator(**kw):
    user = UserFactory(first_name="Faye", last_name="Cilitator", **kw)
    endorse(user)
    return user


def group(fac, members=(), capacity=10, name="Western Mass RSC group"):
    g = ConsultationGroup.objects.create(name=name, facilitator=fac, region="western",
                                         language="English", format="online",
                                         capacity=capacity)
    for person in members:
        GroupMember.objects.create(group=g, person=person)
    return g


def past_session(g, hours="1.5", days_ago=1):
    return GroupSession.objects.create(
        group=g, starts_at=timezone.now() - dt.timedelta(days=days_ago), hours=Decimal(hours))


def listing(provider, **kw):
    defaults = {"offers_individual": True, "regions": ",western,central,",
                "languages": "English, Spanish", "online": True, "fee": "sliding",
                "openings": 2, "contact_email": "provider-contact@example.org"}
    defaults.update(kw)
    return ProviderListing.objects.create(provider=provider, **defaults)


__all__ = ["endorse", "facilitator", "group", "past_session", "listing", "services"]
