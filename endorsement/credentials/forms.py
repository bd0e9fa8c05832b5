from django import forms
from django.utils.translation import gettext_lazy as _

from . import public
from .models import EndorsementStatus, Region
from .services import STATUS_MOVES


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("Endorsement® number"), max_length=60,
        help_text=_("As printed on the certificate, for example MASSAIMH-2026-00042."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update({"autocomplete": "off",
                                                   "spellcheck": "false"})


class RegistrySearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    credential = forms.ChoiceField(label=_("Endorsement®"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", _("Any region")), *Region.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].choices = [("", _("Any Endorsement®")),
                                             *public.credential_choices()]

    def filters(self) -> dict:
        """The valid filters; a bad value is dropped rather than answered with an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: (data.get(key) or "").replace("\x00", "").strip()
                for key in ("name", "credential", "region") if key not in self.errors}


class RegistryChoiceForm(forms.Form):
    display_name = forms.CharField(label=_("Name shown in the registry"), max_length=200)
    region = forms.ChoiceField(label=_("Region shown in the registry"), choices=Region.choices)


class CoordinatorSearchForm(forms.Form):
    q = forms.CharField(label=_("Number, name or email"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *EndorsementStatus.choices])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason (kept in the history)"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    seen = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, endorsement, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(EndorsementStatus.choices)
        self.fields["status"].choices = [
            (value, labels[value]) for value in EndorsementStatus.values
            if value in STATUS_MOVES[endorsement.status]]


class RenewalForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput)


class MembershipForm(forms.Form):
    """The coordinator records or corrects a person's membership."""

    number = forms.CharField(label=_("Membership number"), max_length=50)
    association = forms.CharField(label=_("Association"), max_length=100, required=False)
    valid_through = forms.DateField(label=_("Paid through"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.CharField(widget=forms.HiddenInput, required=False)
