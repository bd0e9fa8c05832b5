from django import forms
from django.utils.translation import gettext_lazy as _

from applicants.forms import DateInput

from .models import RenewalStatus


class DetailsForm(forms.Form):
    membership_number = forms.CharField(label=_("Membership number"), max_length=50,
                                        required=False)
    membership_expires = forms.DateField(
        label=_("Membership paid through"), required=False, widget=DateInput(),
        help_text=_("Your association membership must be renewed past December 31 of the "
                    "renewal year."))
    provides_rsc = forms.BooleanField(
        label=_("I provide reflective supervision/consultation to others"), required=False)


class SubmitForm(forms.Form):
    code_of_ethics = forms.BooleanField(
        label=_("I have read the Code of Ethics again and agree to follow it"))
    no_sanction = forms.BooleanField(
        label=_("No licensing or certification board has sanctioned me since my last "
                "renewal"))
    typed_name = forms.CharField(
        label=_("Your full name, typed as your signature"), max_length=200,
        help_text=_("As it is printed on your certificate."))


class SeenForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ReturnForm(SeenForm):
    message = forms.CharField(label=_("What the holder must change"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class QueueForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Waiting for you (submitted)")), *RenewalStatus.choices, ("all", _("All"))])
