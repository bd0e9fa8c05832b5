"""django-allauth glue: its emails go through our outbox, and people land on their role's home."""
from urllib.parse import urlsplit

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.base import forms as mfa_forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from . import clientip, i18n, mail


def on_site(url: str) -> str:
    """``url`` on SITE_URL: emailed links never follow the Host header a request came with."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")


class AccountAdapter(DefaultAccountAdapter):
    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix, email, context):
        context = {k: on_site(v) if isinstance(v, str) and v.startswith(("http://", "https://"))
                   else v for k, v in context.items()}
        with translation.override(recipient_language(email, context)):
            message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        text = message.body if message.content_subtype != "html" else ""
        if not html:
            html = message.body if message.content_subtype == "html" else ""
        if not html:
            html = render_to_string("emails/plain_as_html.html", {"text": text})
        mail.queue_rendered(
            to=email, subject=message.subject, body_text=text or html, body_html=html,
            template=template_prefix.rsplit("/", 1)[-1],
        )

    def get_client_ip(self, request):
        """The real visitor behind our proxies (TRUSTED_PROXY_COUNT): allauth's rate limits
        for sign-in, sign-up and password reset key on it, not on the proxy's address."""
        return clientip.client_ip(request)

    def get_login_redirect_url(self, request):
        return reverse("home")


def recipient_language(email: str, context: dict) -> str:
    """The language an account email is written in: the account's own (a reset link asked
    for from a browser in another language still reaches a Spanish reader in Spanish), else
    the language of the page that asked (an address with no account)."""
    user = context.get("user")
    chosen = getattr(user, "language", "") if user is not None else ""
    if chosen:
        return i18n.normalize(chosen)
    return i18n.language_for_email(email, default=translation.get_language())


class NumericCodeMixin:
    """Phones show a number pad for the 6-digit code (and 8-digit recovery codes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(inputmode="numeric")
        self.fields["code"].label = gettext(
            "6-digit code from your authenticator app (or a recovery code)")


class AuthenticateForm(NumericCodeMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(NumericCodeMixin, mfa_forms.ReauthenticateForm):
    pass


# ---------------------------------------------------------------- no account pre-hijacking
# An account has ONE address (ACCOUNT_CHANGE_EMAIL): a new one waits, unverified, until its
# owner clicks the link, then replaces the old. An address nobody has verified belongs to
# nobody: it never blocks its owner's sign-up, never receives a reset link for someone else's
# account, and is dropped from other accounts as soon as its owner verifies it.

def release_unverified(email: str, keep_user=None) -> int:
    """Drop pending (unverified, not sign-in) copies of ``email`` held by other accounts."""
    from allauth.account.models import EmailAddress

    pending = EmailAddress.objects.filter(email__iexact=email, verified=False, primary=False)
    if keep_user is not None:
        pending = pending.exclude(user=keep_user)
    released = pending.delete()[0]
    if released:
        # The squatter's confirmation email started a 3-minute cool-down on the address;
        # the owner's own confirmation must not wait for it.
        from allauth.core import ratelimit

        ratelimit.clear(None, action="confirm_email", key=email.lower())
    return released


def may_reset(user, email: str) -> bool:
    """A reset link goes only to the account's own sign-in address or a verified one."""
    from allauth.account.models import EmailAddress

    return user.email.lower() == email.lower() or EmailAddress.objects.filter(
        user=user, email__iexact=email, verified=True).exists()


class SignupForm(allauth_forms.SignupForm):
    def validate_unique_email(self, value):
        release_unverified(value)
        return super().validate_unique_email(value)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def clean_email(self):
        email = super().clean_email()
        self.users = [user for user in self.users if may_reset(user, email)]
        return email


def address_verified(request, email_address, **kwargs):
    """Its owner verified it: any other account's pending copy is released."""
    release_unverified(email_address.email, keep_user=email_address.user)
