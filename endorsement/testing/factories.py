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


class AdvisorFactory(UserFactory):
    role = Role.ADVISOR


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show now."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
