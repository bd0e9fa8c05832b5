"""Demo reference requests for `manage.py seed_demo` (runs after applicants.demo).

Each demo application without requests gets raters at different stages; the first gets a
submitted rating flagged for too many "not enough information" answers. Idempotent, silent.
"""
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from applicants.models import Application
from endorsement.models import Role

from . import services
from .models import ReferenceRequest

PLANS = [
    # (name, role, endorsement, what happens)
    [("Maya Supervisor", "supervisor", "II", "submit_flagged"),
     ("Reza Provider", "rsc_provider", "", "draft"),
     ("Cleo Colleague", "colleague", "", "decline")],
    [("Tom Teacher", "teacher", "III", "submit"),
     ("Rana Provider", "rsc_provider", "", "open"),
     ("Cal Consultant", "consultant", "", "expire")],
    [("Sara Supervisor", "supervisor", "III", "submit"),
     ("Rafe Provider", "rsc_provider", "", "submit"),
     ("Cora Colleague", "colleague", "", "submit")],
]


def _answers(application, na=0) -> dict:
    areas = services.areas_for(application)
    scores = {a.key: ("na" if i < na else "3") for i, a in enumerate(areas)}
    return {**scores, "recommendation": "recommend", "comments": "Demo rating.",
            "rater_endorsement": "", "rater_endorsement_number": ""}


def _play(application, ref, step, coordinator):
    if step == "expire":
        ReferenceRequest.objects.filter(pk=ref.pk).update(
            token_expires_at=timezone.now() - timedelta(minutes=1))
        services.expire_overdue()
        return
    if step == "decline":
        services.decline(ref, "I have not worked with the applicant for some years.")
        return
    services.open_link(ref)
    if step == "draft":
        services.save_draft(ref, {**_answers(application), "recommendation": ""})
        if coordinator is not None:
            services.vet_rater(ref, coordinator, call_date=date.today(), familiar=True,
                               has_guidelines_copy=True, outcome="accepted", note="Demo call")
    elif step in ("submit", "submit_flagged"):
        services.submit_rating(ref, _answers(application, na=7 if step == "submit_flagged" else 0))
        if ref.rater_endorsement:
            services.verify_endorsement(ref, coordinator)


def seed(people) -> None:
    applicant = people.get(Role.APPLICANT)
    coordinator = people.get(Role.COORDINATOR)
    applications = Application.objects.filter(
        applicant__email__endswith="@demo.test").order_by("id")
    plans = iter(PLANS)
    with transaction.atomic():
        for application in applications:
            if ReferenceRequest.objects.filter(application=application).exists():
                next(plans, None)
                continue
            plan = next(plans, None)
            if plan is None:
                break
            for n, (name, role, level, step) in enumerate(plan):
                slug = name.split()[0].lower()
                ref = services.request_reference(
                    application, application.applicant or applicant, rater_name=name,
                    rater_email=f"{slug}.{application.pk}.{n}@example.org", role=role,
                    known_for="3 years", rater_endorsement=level,
                    rater_endorsement_number=f"MA-{1000 + n}" if level else "",
                    waiver_name=application.applicant.display_name)
                _play(application, ref, step, coordinator)
