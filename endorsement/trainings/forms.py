from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from endorsement.guidelines import AREA_NAMES

from .models import LANGUAGES, REGIONS, Format, Training

MAX_HOURS = 200
MAX_CAPACITY = 2000


# The engine's competency areas (its keys, its English names) as a reader sees them: the
# engine is Django-free, so its names are translated here.
AREA_LABELS = {
    "theoretical_foundations": _("Theoretical Foundations"),
    "law_regulation_agency_policy": _("Law, Regulation, & Agency Policy"),
    "systems_expertise": _("Systems Expertise"),
    "direct_service_skills": _("Direct Service Skills"),
    "working_with_others": _("Working With Others"),
    "leading_people": _("Leading People"),
    "communicating": _("Communicating"),
    "thinking": _("Thinking"),
    "reflection": _("Reflection"),
    "administration": _("Administration"),
    "research_evaluation": _("Research & Evaluation"),
}


def area_choices():
    return [(key, AREA_LABELS.get(key, name)) for key, (name, _kind) in AREA_NAMES.items()]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            # The form gives the local time, naive (Django converts initial values).
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class TrainingForm(forms.ModelForm):
    """A training as its partner (or a coordinator) publishes or changes it."""

    competency_areas = forms.MultipleChoiceField(
        label=_("Competency areas it covers (choose any)"), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Training
        fields = ["partner", "title", "description", "starts_at", "ends_at", "hours", "format",
                  "place", "region", "language", "competency_areas", "capacity", "cost",
                  "about_rsc"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "format": forms.RadioSelect,
                   "description": forms.Textarea(attrs={"rows": 3, "maxlength": 4000})}
        help_texts = {
            "starts_at": _("Eastern time (Massachusetts)."),
            "place": _("The address, or how people join online (the link is sent before)."),
            "cost": _("0 if it is free."),
            "hours": _("Clock hours credited to each attendee, for example 6 or 1.5."),
        }

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].empty_label = None if len(partners) == 1 else "---------"
        self.fields["competency_areas"].choices = area_choices()
        self.fields["region"].choices = [("", "---------"), *REGIONS]
        self.fields["language"].choices = LANGUAGES
        self.fields["hours"].widget.attrs.update(min="0.25", step="0.25")
        self.fields["cost"].widget.attrs.update(min="0", step="0.01")
        self.fields["capacity"].widget.attrs.update(min="1", inputmode="numeric")

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and not 0 < hours <= MAX_HOURS:
            raise forms.ValidationError(_("Give the clock hours, more than 0 and at most "
                                          "%(max)d.") % {"max": MAX_HOURS})
        return hours

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
            raise forms.ValidationError(_("Give the number of seats, from 1 to %(max)d.")
                                        % {"max": MAX_CAPACITY})
        return capacity

    def clean_cost(self):
        cost = self.cleaned_data["cost"]
        if cost is not None and cost < 0:
            raise forms.ValidationError(_("The cost cannot be negative (0 if it is free)."))
        return cost

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The training must end after it starts."))
        return data


class FilterForm(forms.Form):
    """The calendar's filters (every one optional; anything unknown is ignored)."""

    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", _("Any region")), *REGIONS])
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Any language")), *LANGUAGES])
    format = forms.ChoiceField(label=_("Online or in person"), required=False,
                               choices=[("", _("Either")), *Format.choices])
    month = forms.CharField(label=_("Month"), required=False, max_length=7,
                            widget=forms.DateInput(attrs={"type": "month"}))

    def clean_month(self):
        import datetime as dt

        raw = self.cleaned_data["month"].strip()
        if not raw:
            return None
        try:
            return dt.datetime.strptime(raw, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Choose a month, for example 2026-12.")) from None


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Organisation"), max_length=200)
    email = forms.EmailField(label=_("Email of a person who runs its trainings"),
                             max_length=254, required=False,
                             help_text=_("They get the training partner role."))


class WalkInForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"), max_length=254,
                             help_text=_("The address of their account on this site."))
