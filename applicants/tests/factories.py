"""Factories for the applicants app, and helpers that fill an application section by section."""
import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from applicants.choices import AGREEMENTS_VERSION
from applicants.models import (
    AgreementSignature,
    ApplicantProfile,
    Application,
    Degree,
    LeadershipActivity,
    RscSession,
    TrainingEntry,
    WorkEntry,
)
from endorsement.testing.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d"
                    "49444154789c6360000002000100e221bc330000000049454e44ae426082")


def ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    applicant = factory.SubFactory(UserFactory)
    program = "IMH-E"
    category = "II"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicantProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda p: p.user.get_full_name())
    phone = "617-555-0100"
    address = "1 Main Street"
    city = "Worcester"
    postal_code = "01608"
    work_setting = "home_visiting"
    region = "central"
    languages = "English, Spanish"


class DegreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Degree

    application = factory.SubFactory(ApplicationFactory)
    type = "bachelor"
    name = "BSW"
    institution = "Salem State University"
    awarded = factory.LazyFunction(lambda: ago(365 * 8))
    related_field = True
    transcript = factory.LazyFunction(lambda: ContentFile(PDF, name="t.pdf"))
    transcript_name = "transcript.pdf"


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEntry

    application = factory.SubFactory(ApplicationFactory)
    title = factory.Sequence(lambda n: f"Infant mental health workshop {n}")
    sponsor = "MassAIMH"
    date = factory.LazyFunction(lambda: ago(200))
    hours = 12
    competency_areas = ["theoretical_foundations"]


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkEntry

    application = factory.SubFactory(ApplicationFactory)
    employer = "Family Services of Central MA"
    role = "Home visitor"
    start = factory.LazyFunction(lambda: ago(365 * 5))
    end = None
    paid = True
    kind = "infant_family"
    families_served = 20
    social_emotional_focus = True
    relationship_focus = True


class RscFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RscSession

    application = factory.SubFactory(ApplicationFactory)
    date = factory.Sequence(lambda n: ago(30 + 14 * (n % 40)))
    hours = 2
    format = "individual"
    provider_name = "Dr. Rivera"
    provider_level = "III"
    provider_degree = "master"


class LeadershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipActivity

    application = factory.SubFactory(ApplicationFactory)
    description = "Chair of the state early childhood mental health policy group"
    scope = "state"
    examples = ["policy_groups"]


def sign_both(application, name=None):
    name = name or application.applicant.get_full_name()
    for document in AgreementSignature.Document.values:
        AgreementSignature.objects.update_or_create(
            application=application, document=document,
            defaults={"version": AGREEMENTS_VERSION, "typed_name": name,
                      "signed_at": timezone.now()})


def complete(application):
    """Fill every section the applicant controls so the application can be submitted."""
    ProfileFactory(user=application.applicant)
    level = application.level
    degree = {"I": "cda", "II": "bachelor"}.get(level, "master")
    DegreeFactory(application=application, type=degree, name=degree.upper())
    TrainingFactory.create_batch(3, application=application)
    kind = {"I": "early_childhood", "II": "infant_family", "III": "imh_specialized",
            "IV-C": "imh_specialized", "IV-P": "policy_leadership",
            "IV-RF": "faculty_research"}[application.category]
    WorkFactory(application=application, kind=kind)
    if application.category == "IV-C":
        WorkFactory(application=application, kind="rsc_provider")
    if application.category in ("II", "III", "IV-C"):
        RscFactory.create_batch(13 if level == "II" else 26, application=application)
    if level == "IV":
        LeadershipFactory(application=application)
    sign_both(application)
    application.membership_number = "M-1234"
    application.membership_expires = timezone.localdate() + dt.timedelta(days=200)
    application.save()
    return application
