"""django-allauth glue: its emails go through our outbox, and people land on their role's home."""
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.base import forms as mfa_forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from . import clientip, mail


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


class NumericCodeMixin:
    """Phones show a number pad for the 6-digit code (and 8-digit recovery codes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(inputmode="numeric")
        self.fields["code"].label = "6-digit code from your authenticator app (or a recovery code)"


class AuthenticateForm(NumericCodeMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(NumericCodeMixin, mfa_forms.ReauthenticateForm):
    pass
