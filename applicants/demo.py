"""Demo applications for `manage.py seed_demo`. Idempotent: a second run adds nothing."""
import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from endorsement.demo import demo_user
from endorsement.models import Role

from .choices import AGREEMENTS_VERSION
from .models import (
    AgreementSignature,
    ApplicantProfile,
    Application,
    CoordinatorMessage,
    Degree,
    EvidenceLog,
    LeadershipActivity,
    RscSession,
    TrainingEntry,
    WorkEntry,
)
from .workflow import transition

DEMO_PDF = b"%PDF-1.4\n% demo transcript\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MORE_APPLICANTS = [
    ("priya@demo.test", "Priya", "Shah"),
    ("marcus@demo.test", "Marcus", "Reed"),
    ("jo@demo.test", "Jo", "Kim"),
]


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _profile(user, region, setting):
    ApplicantProfile.objects.get_or_create(user=user, defaults={
        "full_name": user.get_full_name(), "phone": "617-555-0142", "address": "12 Elm Street",
        "city": {"western": "Springfield", "central": "Worcester"}.get(region, "Boston"),
        "postal_code": "01103", "employer": "Community Family Center", "work_setting": setting,
        "region": region, "languages": "English"})


def _degree(application, kind, name, years_ago, transcript=True):
    degree = Degree(application=application, type=kind, name=name,
                    institution="University of Massachusetts", awarded=_ago(365 * years_ago),
                    related_field=True)
    if transcript:
        degree.transcript.save("demo.pdf", ContentFile(DEMO_PDF), save=False)
        degree.transcript_name = f"{name} transcript.pdf"
    degree.save()


def _training(application, hours_each, count):
    for i in range(count):
        TrainingEntry.objects.create(
            application=application, title=f"Infant mental health series, part {i + 1}",
            sponsor="MassAIMH", date=_ago(60 + 45 * i), hours=hours_each,
            competency_areas=["theoretical_foundations", "reflection"])


def _work(application, kind, years, **extra):
    WorkEntry.objects.create(
        application=application, employer="Community Family Center", role=extra.pop(
            "role", "Home visitor"), start=_ago(365 * years), end=None, paid=True, kind=kind,
        families_served=extra.pop("families", 18), social_emotional_focus=True,
        relationship_focus=True, **extra)


def _rsc(application, sessions, hours=2):
    log = EvidenceLog.of(application.applicant_id)
    RscSession.objects.bulk_create([
        RscSession(application=application, log=log, date=_ago(20 + 14 * i), hours=hours,
                   format="individual", provider_name="Dr. Maria Rivera", provider_level="IV-C",
                   provider_degree="doctorate") for i in range(sessions)])


def _sign(application):
    for document in AgreementSignature.Document.values:
        AgreementSignature.objects.get_or_create(
            application=application, document=document,
            defaults={"version": AGREEMENTS_VERSION,
                      "typed_name": application.applicant.get_full_name(),
                      "signed_at": timezone.now()})


def _membership(application):
    application.membership_number = f"MA-{1000 + application.applicant_id}"
    application.membership_expires = timezone.localdate() + dt.timedelta(days=240)
    application.save(update_fields=["membership_number", "membership_expires"])


def _application(user, program, category):
    application, created = Application.objects.get_or_create(
        applicant=user, program=program, category=category)
    return application, created


def _level_ii_half_done(user):
    application, created = _application(user, "IMH-E", "II")
    if created:
        _degree(application, "bachelor", "BSW", 7)
        _training(application, 6, 3)
        _work(application, "infant_family", 4)
        application.last_section, application.last_section_at = "work", timezone.now()
        application.save(update_fields=["last_section", "last_section_at"])


def _level_i_submitted(user):
    application, created = _application(user, "ECMH-E", "I")
    if created:
        _degree(application, "cda", "CDA credential", 5)
        _training(application, 10, 3)
        _work(application, "early_childhood", 6, role="Preschool teacher")
        _sign(application)
        _membership(application)
        transition(application, "submitted", actor=user)


def _level_iv_policy_nearly_done(user):
    application, created = _application(user, "IMH-E", "IV-P")
    if created:
        _degree(application, "master", "MPP", 10)
        _training(application, 10, 3)
        _work(application, "policy_leadership", 6, role="Early childhood policy director",
              families=0)
        LeadershipActivity.objects.create(
            application=application, scope="state",
            description="Co-chair of the state early childhood mental health task force.",
            examples=["policy_groups", "policy_feedback"])
        _sign(application)
        application.last_section, application.last_section_at = "agreements", timezone.now()
        application.save(update_fields=["last_section", "last_section_at"])


def _level_iii_submitted(user, advisor):
    application, created = _application(user, "IMH-E", "III")
    if created:
        _degree(application, "master", "MSW", 6)
        _training(application, 12, 3)
        _work(application, "imh_specialized", 4, role="Infant-parent therapist")
        _rsc(application, 30)
        _sign(application)
        _membership(application)
        application.advisor = advisor
        application.save(update_fields=["advisor"])
        transition(application, "submitted", actor=user, note="Thank you for reviewing.")


def _level_i_returned(user, coordinator):
    application, created = _application(user, "IMH-E", "I")
    if created:
        _degree(application, "associate", "AS Early Childhood Education", 3)
        _training(application, 11, 3)
        _sign(application)
        _membership(application)
        transition(application, "submitted", actor=user)
        note = ("Please upload the official transcript from your college (the copy you sent "
                "is unofficial), then submit again.")
        CoordinatorMessage.objects.create(application=application, author=coordinator,
                                          body=note)
        transition(application, "returned", actor=coordinator, note=note)


def seed(people) -> None:
    applicant, coordinator = people[Role.APPLICANT], people[Role.COORDINATOR]
    advisor = people[Role.ADVISOR]
    _profile(applicant, "western", "home_visiting")
    _level_ii_half_done(applicant)
    _level_i_submitted(applicant)
    priya, marcus, jo = (demo_user(email, first, last, Role.APPLICANT)
                         for email, first, last in MORE_APPLICANTS)
    for user, region, setting in ((priya, "metro_boston", "policy"),
                                  (marcus, "central", "mental_health"),
                                  (jo, "southeast", "child_care")):
        _profile(user, region, setting)
    _level_iv_policy_nearly_done(priya)
    _level_iii_submitted(marcus, advisor)
    _level_i_returned(jo, coordinator)
