"""Making partners and trainings in tests (the permission matrix's world uses them too)."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from endorsement.models import Role
from endorsement.testing.factories import UserFactory

from ..models import Training, TrainingPartner


def partner_user(email="trainer@example.org", organisation="Family Institute", **extra):
    """A person holding the training partner role, attached to ``organisation``."""
    user = UserFactory(email=email, role=Role.PARTNER, first_name=extra.pop("first_name", "Tia"),
                       last_name=extra.pop("last_name", "Trainer"), **extra)
    partner, _created = TrainingPartner.objects.get_or_create(name=organisation)
    partner.members.add(user)
    return user


def make_training(partner=None, *, days=7, hours="6", capacity=20, **extra) -> Training:
    """A training ``days`` from now (negative: in the past), 10:00 to 16:00 local time."""
    partner = partner or TrainingPartner.objects.get_or_create(name="Family Institute")[0]
    day = timezone.localdate() + dt.timedelta(days=days)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    defaults = {"title": "Attachment and early relationships", "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=6), "hours": Decimal(hours),
                "format": "in_person", "place": "1 Main Street, Worcester", "region": "central",
                "language": "en", "competency_areas": ["theoretical_foundations"],
                "capacity": capacity, "cost": Decimal("0"), "about_rsc": False}
    defaults.update(extra)
    return Training.objects.create(partner=partner, **defaults)
