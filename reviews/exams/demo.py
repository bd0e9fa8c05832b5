"""Demo examination for `manage.py seed_demo`: a sitting that took place last week with a
Level III candidate whose vignettes wait for the demo reviewer's blind score, an upcoming
sitting, and a second candidate approved to sit the exam, ready to enrol. Idempotent."""
import datetime as dt

from django.db.models import F
from django.utils import timezone

from applicants import demo as applicant_demo
from applicants.models import Application, Status
from applicants.workflow import TransitionError, transition
from endorsement.demo import demo_user
from endorsement.models import Role

from . import services
from .models import ExamSitting

CANDIDATES = [("lena@demo.test", "Lena", "Ortiz"), ("dev@demo.test", "Dev", "Patel")]
SECOND_SCORER = ("scorer@demo.test", "Sol", "Avery")
ANSWERS = (
    "Vignette 1 (a mother and her 9-month-old, referred after a hospital stay):\n"
    "I would begin by wondering with the mother about what the hospital stay was like for "
    "her and for her baby, and watch how she reads his cues when he turns away...\n\n"
    "Vignette 2 (a toddler in child care who bites):\n"
    "I would first meet with the teacher to hear her experience, then observe...")


def _approved_level_iii(user, coordinator) -> Application:
    application, created = Application.objects.get_or_create(
        applicant=user, program="IMH-E", category="III")
    if not created:
        return application
    applicant_demo._profile(user, "central", "mental_health")
    applicant_demo._degree(application, "master", "MSW", 6)
    applicant_demo._training(application, 12, 3)
    applicant_demo._work(application, "imh_specialized", 4, role="Infant-parent therapist")
    applicant_demo._rsc(application, 30)
    applicant_demo._sign(application)
    applicant_demo._membership(application)
    application.fee_paid = True
    application.save(update_fields=["fee_paid"])
    transition(application, Status.SUBMITTED, actor=user)
    transition(application, Status.IN_REVIEW, actor=coordinator)
    note = "The reviewers recommend the written examination."
    try:
        transition(application, Status.APPROVED_FOR_EXAM, actor=coordinator, note=note)
    except TransitionError:
        # The reviews app may ask for submitted reviews first; the demo has none for this
        # candidate, so it is placed there directly (demo data only).
        Application.objects.filter(pk=application.pk).update(status=Status.APPROVED_FOR_EXAM)
        application.refresh_from_db()
    return application


def seed(people) -> None:
    if ExamSitting.objects.exists():
        return
    coordinator, reviewer = people[Role.COORDINATOR], people[Role.REVIEWER]
    second_scorer = demo_user(*SECOND_SCORER, Role.REVIEWER)
    lena, dev = (demo_user(email, first, last, Role.APPLICANT)
                 for email, first, last in CANDIDATES)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    past = services.create_sitting(
        actor=coordinator, program="IMH-E", starts_at=now + dt.timedelta(days=1), mode="in_person",
        place="MassAIMH office, 1 Main Street, Worcester", capacity=12)
    enrolment = services.enrol(past, _approved_level_iii(lena, coordinator), actor=coordinator)
    # The sitting took place last week.
    ExamSitting.objects.filter(pk=past.pk).update(starts_at=now - dt.timedelta(days=7),
                                                  version=F("version") + 1)
    services.record_part1(enrolment, score=86, actor=coordinator)
    services.save_vignette_answers(enrolment, text=ANSWERS, actor=coordinator)
    for scorer in (reviewer, second_scorer):
        services.assign_scorer(enrolment, scorer, actor=coordinator)

    services.create_sitting(
        actor=coordinator, program="IMH-E", starts_at=now + dt.timedelta(days=45),
        mode="online", place="Video call; the link is emailed a week before", capacity=20)
    services.create_sitting(
        actor=coordinator, program="ECMH-E", starts_at=now + dt.timedelta(days=60),
        mode="in_person", place="Community Family Center, Springfield", capacity=8)
    _approved_level_iii(dev, coordinator)
