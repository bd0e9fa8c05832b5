"""The extra question on allauth's sign-up form: the name people know the applicant by."""
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .i18n import normalize


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Your name, as people know you"), max_length=150,
        help_text=_("For example: María José O'Neill-García. Your raters and the Endorsement® "
                    "Coordinator see this name, never just your email address."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}))

    field_order = ["name"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Enter the name people know you by."))
        return name

    def signup(self, request, user):
        """allauth calls this once the account exists: keep the whole name as written, and
        the language the person signed up in (their pages and emails follow it)."""
        user.first_name, user.last_name = self.cleaned_data["name"], ""
        user.language = normalize(get_language())
        user.save(update_fields=["first_name", "last_name", "language"])
