"""Demo review work for `manage.py seed_demo`: the demo reviewer and advisor get work."""
from django.conf import settings
from django.utils import timezone

from applicants.models import Application, Status
from applicants.workflow import transition
from endorsement.credentials.models import Endorsement
from endorsement.credentials.services import record_endorsement
from endorsement.models import Role

from .models import ReviewAssignment


def seed(people) -> None:
    reviewer, advisor = people[Role.REVIEWER], people[Role.ADVISOR]
    coordinator = people[Role.COORDINATOR]
    # The demo reviewer was endorsed before this system: a hand-entered Level IV record.
    if not Endorsement.objects.filter(holder=reviewer).exists():
        today = timezone.localdate()
        record_endorsement(holder=reviewer, program="IMH-E", category="IV-C",
                           issued_on=today.replace(year=today.year - 3, month=1, day=1),
                           valid_through=today.replace(month=12, day=31),
                           rules_edition=settings.RULES_EDITION, actor=coordinator)
    # One application in review waits for the demo reviewer's conflict declaration and review.
    waiting = Application.objects.filter(status=Status.SUBMITTED).exclude(
        applicant=reviewer).order_by("pk").first()
    if waiting is not None and not Application.objects.filter(
            status=Status.IN_REVIEW, review_assignments__reviewer=reviewer).exists():
        transition(waiting, Status.IN_REVIEW, actor=coordinator)
        ReviewAssignment.objects.get_or_create(
            application=waiting, reviewer=reviewer, defaults={"assigned_by": coordinator})
    draft = Application.objects.filter(
        applicant=people[Role.APPLICANT], status=Status.DRAFT, advisor__isnull=True
    ).order_by("pk").first()
    if draft is not None and not Application.objects.filter(advisor=advisor).exists():
        draft.advisor = advisor
        draft.save(update_fields=["advisor"])
