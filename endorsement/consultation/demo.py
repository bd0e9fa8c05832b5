"""Demo data for `manage.py seed_demo`: a consultation group the demo reviewer (endorsed IV-C)
facilitates, with the demo applicant and two others in it, one session whose roll was taken
(so the applicant's RSC section shows a confirmed session) and the next ones scheduled; a
request for a seat waiting for the coordinator; and the reviewer's entry in the RSC directory.
Idempotent: a second run adds nothing."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from endorsement.demo import demo_user
from endorsement.models import Role

from . import services
from .models import ConsultationGroup, GroupMember, GroupSession, ProviderListing, SeatRequest
from .qualify import qualifying_endorsement

GROUP_NAME = "Central Massachusetts reflective consultation group"


def seed(people) -> None:
    reviewer, coordinator = people[Role.REVIEWER], people[Role.COORDINATOR]
    if qualifying_endorsement(reviewer) is None:
        return  # the reviewer's Endorsement® comes from reviews.demo
    if ConsultationGroup.objects.filter(name=GROUP_NAME).exists():
        return
    group = services.create_group(
        actor=coordinator, name=GROUP_NAME, facilitator=reviewer, region="central",
        language="English", format="online", capacity=8,
        description="Monthly reflective consultation for home visitors and early "
                    "educators with no other access to RSC. Online, 90 minutes.")
    members = [people[Role.APPLICANT],
               demo_user("maya@demo.test", "Maya", "Santos", Role.APPLICANT),
               demo_user("lee@demo.test", "Lee", "Tran", Role.APPLICANT)]
    for person in members:
        GroupMember.objects.create(group=group, person=person, placed_by=coordinator)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    past = GroupSession.objects.create(group=group, starts_at=now - dt.timedelta(days=14),
                                       hours=Decimal("1.5"))
    for weeks in (2, 6):
        GroupSession.objects.create(group=group, starts_at=now + dt.timedelta(weeks=weeks),
                                    hours=Decimal("1.5"))
    services.take_roll(past.pk, actor=reviewer, present_ids=[m.pk for m in members[:2]])
    waiting = demo_user("sam@demo.test", "Sam", "Rivera", Role.APPLICANT)
    SeatRequest.objects.get_or_create(group=group, person=waiting, defaults={
        "other_access": False, "note": "I work in a rural family child care home."})
    ProviderListing.objects.get_or_create(provider=reviewer, defaults={
        "offers_individual": True, "offers_group": True, "regions": ",central,metro_boston,",
        "languages": "English, Spanish", "online": True, "in_person": True, "fee": "sliding",
        "fee_note": "Sliding scale from $20 a session", "openings": 3,
        "about": "Reflective consultation for home visitors and early intervention staff.",
        "contact_email": reviewer.email})
