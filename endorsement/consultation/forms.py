import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsultationGroup, Fee, Format, GroupRegion, ProviderListing, SeatRequest
from .qualify import qualified_people


class FacilitatorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.email})"


class GroupForm(forms.ModelForm):
    facilitator = FacilitatorField(
        queryset=None, label=_("Facilitator"),
        help_text=_("Only people whose current Endorsement® qualifies them to provide "
                    "reflective supervision/consultation are listed."))

    class Meta:
        model = ConsultationGroup
        fields = ["name", "facilitator", "region", "language", "format", "capacity",
                  "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = qualified_people()
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format="%Y-%m-%dT%H:%M"),
        help_text=_("In the association's time zone."))
    hours = forms.DecimalField(label=_("Hours"), min_value=0.25, max_value=8, decimal_places=2,
                               initial=1.5)

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        if value.year < 2000 or value > timezone.now() + dt.timedelta(days=730):
            raise forms.ValidationError(_("Give a date within the next two years."))
        return value


YES_NO = [("no", _("No, I have no other access to reflective supervision/consultation")),
          ("yes", _("Yes, I have some other access"))]


class SeatRequestForm(forms.Form):
    other_access = forms.ChoiceField(
        label=_("Do you have any other access to reflective supervision/consultation (RSC)?"),
        choices=YES_NO, widget=forms.RadioSelect,
        help_text=_("People with no other access are placed first."))
    note = forms.CharField(label=SeatRequest._meta.get_field("note").verbose_name,
                           required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ListingForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(label=_("Regions"), choices=GroupRegion.choices,
                                        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ProviderListing
        fields = ["listed", "offers_individual", "offers_group", "regions", "languages",
                  "online", "in_person", "fee", "fee_note", "openings", "about",
                  "contact_email", "contact_phone"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["regions"] = self.instance.region_list

    def clean(self):
        data = super().clean()
        if not (data.get("offers_individual") or data.get("offers_group")):
            self.add_error("offers_individual", _("Tick individual sessions, group sessions, "
                                                  "or both."))
        if not (data.get("online") or data.get("in_person")):
            self.add_error("online", _("Tick online, in person, or both."))
        return data


class SearchForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", _("Any region"))] + list(GroupRegion.choices))
    language = forms.CharField(label=_("Language"), required=False, max_length=60)
    format = forms.ChoiceField(label=_("Online or in person"), required=False,
                               choices=[("", _("Either"))] + list(Format.choices))
    kind = forms.ChoiceField(label=_("Individual or group"), required=False,
                             choices=[("", _("Either")), ("individual", _("Individual")),
                                      ("group", _("Group"))])
    fee = forms.ChoiceField(label=_("Cost"), required=False,
                            choices=[("", _("Any"))] + list(Fee.choices))
    openings = forms.BooleanField(label=_("Only providers with openings now"), required=False)


class ProviderRequestForm(forms.Form):
    wants = forms.ChoiceField(label=_("You are looking for"), choices=[
        ("individual", _("Individual sessions")), ("group", _("Group sessions"))])
    message = forms.CharField(
        label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you are looking for (how often, online or in person, your "
                    "level). Your email is shared only if the provider accepts."))
