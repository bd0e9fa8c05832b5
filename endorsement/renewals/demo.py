"""Demo renewals for `manage.py seed_demo`: the demo reviewer (a Level IV-C holder who also
reviews others' applications) has submitted this year's renewal, so the coordinator finds it in
the Renewals queue with its fee to record; the demo applicant (Level I) has opened theirs and
sees what is still missing. Only while the renewal window is open (October 1 on, and after the
due date with the late fee); idempotent."""
import datetime as dt

from django.utils import timezone

from applicants.models import EvidenceLog, RscSession, TrainingEntry
from endorsement.models import Role

from . import services
from .models import EDITABLE


def _log(user, year: int) -> None:
    log = EvidenceLog.of(user)
    if log.training.filter(date__year=year).exists():
        return
    TrainingEntry.objects.create(log=log, title="Reflective practice in home visiting",
                                 sponsor="MassAIMH", date=dt.date(year, 3, 12), hours=12)
    TrainingEntry.objects.create(log=log, title="Providing reflective supervision",
                                 sponsor="MassAIMH", date=dt.date(year, 5, 7), hours=6,
                                 about_rsc=True)
    for month in range(1, 10):
        RscSession.objects.create(log=log, date=dt.date(year, month, 15), hours=1.5,
                                  format="group", provider_name="Dr. Lena Ortiz",
                                  provider_level="IV-C", provider_degree="doctorate")


def seed(people) -> None:
    today = timezone.localdate()
    reviewer, applicant = people[Role.REVIEWER], people[Role.APPLICANT]
    try:
        renewal = services.open_renewal(reviewer, today)
    except services.NotDue:
        return
    if renewal.status in EDITABLE and renewal.submitted_at is None:
        _log(reviewer, renewal.year)
        renewal = services.save_details(
            renewal.pk, actor=reviewer, membership_number="MA-1187",
            membership_expires=dt.date(renewal.year + 1, 12, 31), provides_rsc=True)
        if services.checklist(renewal)["eligible"]:
            services.submit_renewal(renewal.pk, actor=reviewer,
                                    typed_name=f"{reviewer.first_name} {reviewer.last_name}",
                                    code_of_ethics=True, no_sanction=True, today=today)
    try:
        services.open_renewal(applicant, today)
    except services.NotDue:
        pass
