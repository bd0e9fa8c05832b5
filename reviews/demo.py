"""Demo review work for `manage.py seed_demo`: the demo reviewer and advisor get work."""
from applicants.models import Application, Status
from endorsement.models import Role

from .models import ReviewAssignment


def seed(people) -> None:
    reviewer, advisor = people[Role.REVIEWER], people[Role.ADVISOR]
    coordinator = people[Role.COORDINATOR]
    submitted = Application.objects.filter(status=Status.SUBMITTED).order_by("pk").first()
    if submitted is not None:
        ReviewAssignment.objects.get_or_create(
            application=submitted, reviewer=reviewer, defaults={"assigned_by": coordinator}
        )
    draft = Application.objects.filter(
        applicant=people[Role.APPLICANT], status=Status.DRAFT, advisor__isnull=True
    ).order_by("pk").first()
    if draft is not None and not Application.objects.filter(advisor=advisor).exists():
        draft.advisor = advisor
        draft.save(update_fields=["advisor"])
