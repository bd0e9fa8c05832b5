from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from endorsement.models import Role

STAFF_CHOICES = [(Role.REVIEWER, Role.REVIEWER.label), (Role.ADVISOR, Role.ADVISOR.label),
                 (Role.COORDINATOR, Role.COORDINATOR.label),
                 (Role.PARTNER, Role.PARTNER.label)]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_CHOICES)


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role to grant"), choices=Role.choices)


class AcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput,
                                max_length=200)
    password2 = forms.CharField(label=_("Password (again)"), widget=forms.PasswordInput,
                                max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class EraseForm(forms.Form):
    confirm = forms.CharField(label=_("Type ERASE to confirm"), max_length=10)
    reason = forms.CharField(label=_("Why (kept in the audit trail)"), max_length=500)

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() != "ERASE":
            raise forms.ValidationError(_("Type ERASE in capitals."))
        return "ERASE"


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person (email or name)"), required=False, max_length=100)
    application = forms.IntegerField(label=_("Application number"), required=False,
                                     min_value=1, max_value=10**12)
    kind = forms.CharField(label=_("Kind"), required=False, max_length=80)
    since = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
