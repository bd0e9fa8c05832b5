"""Demo people for `make run`: one login per role. Idempotent: a second run adds nothing."""
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from .models import Role, User

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the demo on purpose
# A fixed demo secret so the coordinator can be added to an authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only

DEMO_PEOPLE = [
    ("applicant@demo.test", "Ana", "Lopez", Role.APPLICANT),
    ("coordinator@demo.test", "Cora", "Ward", Role.COORDINATOR),
    ("reviewer@demo.test", "Rae", "Quinn", Role.REVIEWER),
    ("advisor@demo.test", "Ada", "Moss", Role.ADVISOR),
    ("partner@demo.test", "Pat", "Rivera", Role.PARTNER),
]


def demo_user(email, first_name, last_name, role) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "role": role,
                  "is_staff": role == Role.COORDINATOR},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_people() -> dict[str, User]:
    people = {role: demo_user(email, first, last, role) for email, first, last, role in DEMO_PEOPLE}
    # Coordinators and reviewers sign in with the second factor (the same demo secret).
    for staff in (people[Role.COORDINATOR], people[Role.REVIEWER]):
        if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(staff, DEMO_TOTP_SECRET)
        if not Authenticator.objects.filter(
            user=staff, type=Authenticator.Type.RECOVERY_CODES
        ).exists():
            RecoveryCodes.activate(staff)
    return people


def recovery_codes(user: User) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()
