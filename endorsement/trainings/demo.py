"""Demo training calendar for `manage.py seed_demo`: a partner organisation and its trainer
(partner@demo.test), trainings to come (one full, with a waiting list) and one held, whose
roll credited the demo applicant's evidence log. Idempotent: a second run adds nothing."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from endorsement.models import Role, User

from . import services
from .models import Signup, Training, TrainingPartner

ORGANISATION = "Commonwealth Family Institute"


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _training(partner, trainer, title, days, hours, **extra) -> tuple[Training, bool]:
    existing = Training.objects.filter(partner=partner, title=title).first()
    if existing is not None:
        return existing, False
    hours = Decimal(hours)
    starts = _at(days, 9 if hours > 3 else 13)
    data = {"partner": partner, "title": title, "description": "", "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=float(hours) + 1), "hours": hours,
            "format": "in_person", "place": "", "region": "central", "language": "en",
            "competency_areas": [], "capacity": 20, "cost": Decimal("0"), "about_rsc": False}
    data.update(extra)
    return services.publish(data, actor=trainer), True


def seed(people) -> None:
    trainer = people[Role.PARTNER]
    partner, _created = TrainingPartner.objects.get_or_create(name=ORGANISATION)
    partner.members.add(trainer)
    applicant = people[Role.APPLICANT]
    others = list(User.objects.filter(email__in=["priya@demo.test", "marcus@demo.test",
                                                 "jo@demo.test"]).order_by("email"))

    ahead, new = _training(
        partner, trainer, "Attachment and early relationships", 10, "6",
        place="Worcester Public Library, 3 Salem Square, Worcester", region="central",
        competency_areas=["theoretical_foundations", "direct_service_skills"],
        description="A day on attachment, separation and the first relationships.")
    if new:
        services.sign_up(ahead.pk, applicant)
    full, new = _training(
        partner, trainer, "Reflective practice: supervising with curiosity", 20, "3",
        format="online", place="Online (the link is emailed the day before)",
        region="metro_boston", language="es", about_rsc=True, capacity=2,
        competency_areas=["reflection", "leading_people"])
    if new:
        for person in others:   # two seats: the third waits
            services.sign_up(full.pk, person)
    _training(partner, trainer, "Home visiting with newborns", 35, "2.5", region="western",
              place="Springfield Family Center, 1 Main Street, Springfield", cost=Decimal("25"),
              competency_areas=["direct_service_skills"])
    held, new = _training(
        partner, trainer, "Trauma-informed care with infants", 20, "12",
        place="Brockton Family Center, 10 Main Street, Brockton", region="southeast",
        competency_areas=["theoretical_foundations", "working_with_others"])
    if new:
        services.sign_up(held.pk, applicant)
        if others:
            services.sign_up(held.pk, others[0])
        # It took place twelve days ago; the trainer took the roll.
        Training.objects.filter(pk=held.pk).update(starts_at=_at(-12, 9),
                                                   ends_at=_at(-12, 9) + dt.timedelta(hours=13))
        services.take_roll(held.pk, [applicant.pk], actor=trainer)
    assert Signup.objects.filter(training=held, user=applicant).exists()
