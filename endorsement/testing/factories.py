"""factory_boy factories for the core records (used by every app's tests and the demo data)."""
import factory
from allauth.account.models import EmailAddress

from endorsement.models import Role, User

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.APPLICANT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Users made by the factory have a verified primary email (as after sign-up)."""
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
    is_staff = True

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """Coordinators have TOTP set up; the secret is kept on the object for tests."""
        if create:
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            obj.totp_secret = extracted or generate_totp_secret()
            TOTP.activate(obj, obj.totp_secret)


class ReviewerFactory(UserFactory):
    role = Role.REVIEWER

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """Reviewers have TOTP set up too (they read transcripts)."""
        CoordinatorFactory.totp.function(obj, create, extracted, **kwargs)

    @factory.post_generation
    def endorsed(obj, create, extracted, **kwargs):
        """``ReviewerFactory(endorsed="IV-C")``: the reviewer holds a current Endorsement®
        at that category (reviewers are assigned at the applied level or higher)."""
        if create and extracted:
            import datetime

            from endorsement.credentials.services import record_endorsement

            today = datetime.date.today()
            record_endorsement(holder=obj, program=kwargs.get("program", "IMH-E"),
                               category=extracted, issued_on=today.replace(month=1, day=1),
                               rules_edition="massaimh-2015", actor=None,
                               valid_through=today.replace(year=today.year + 1, month=12, day=31))


class AdvisorFactory(UserFactory):
    role = Role.ADVISOR

    @factory.post_generation
    def endorsed(obj, create, extracted, **kwargs):
        """Advisors hold a current Endorsement® at Level II or higher (``endorsed=False``:
        none; ``endorsed="III"``: that category)."""
        if create and extracted is not False:
            ReviewerFactory.endorsed.function(obj, create, extracted or "II", **kwargs)


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show now."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
