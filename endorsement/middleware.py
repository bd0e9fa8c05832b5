"""Staff must set up two-factor authentication before they can use anything else."""
from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

# Public pages (verification, the registry) need no second factor: they show nothing private;
# /language/: the switch works on the second-factor set-up page too (it only sets a language).
OPEN_PREFIXES = ("/accounts/", "/static/", "/verify/", "/registry/", "/language/")
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


class AccountLanguageMiddleware:
    """A signed-in person sees the site in the language kept on their account, whatever
    browser they use (kept at sign-up, changed with the switch: ``views.set_language``).
    An account with none kept yet, and anyone not signed in: Django's LocaleMiddleware (the
    language cookie, then the browser's Accept-Language). No query: the user is loaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            from .i18n import supported

            chosen = supported(user.language)
            if chosen and chosen != request.LANGUAGE_CODE:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)


# A page may load scripts, styles, fonts and images from this site only; no inline script or
# style (they live in static/), no plugins, no framing. QR codes are data: images.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
    "form-action 'self'", "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb", "serial", "bluetooth", "hid",
))
# Rater pages carry a rating in progress: never kept by a browser or proxy cache.
RATER_PREFIXES = ("/references/r/", "/references/rate/")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every page, and ``Cache-Control:
    no-store`` on every page of a signed-in person and every rater page (a shared computer's
    back button or cache shows nothing private). Django's debug pages (DEBUG=true) use inline
    script, so the policy is left off there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils.cache import add_never_cache_headers

        response = self.get_response(request)
        if not settings.DEBUG:
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(
                RATER_PREFIXES):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response
