"""Staff must set up two-factor authentication before they can use anything else."""
from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/accounts/", "/static/", "/verify/")
# Set in the session once the person is known to have TOTP, so the check costs one query.
TWO_FACTOR_CHECKED = "has_totp"


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.needs_two_factor
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.session.get(TWO_FACTOR_CHECKED)
        ):
            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                request.session[TWO_FACTOR_CHECKED] = True
            else:
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
