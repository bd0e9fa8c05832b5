"""Forms for each section. Every message says what to do to fix the value."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from endorsement.guidelines import competency_areas

from . import choices as c
from .models import (
    ApplicantProfile,
    Degree,
    LeadershipActivity,
    Region,
    RscSession,
    TrainingEntry,
    WorkEntry,
    WorkSetting,
)
from .uploads import check_upload, delete_after_commit

EARLIEST = dt.date(1950, 1, 1)
MAX_TRAINING_HOURS = 1000
MAX_SESSION_HOURS = 24
MAX_WEEK_HOURS = 80
MAX_SERIES_SESSIONS = 200


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def long_date(value: dt.date) -> str:
    """"March 1, 2026" in English, the reader's own words for it in Spanish."""
    # Translators: a date format (Django's date filter), e.g. "3 de marzo de 2026"
    return formats.date_format(value, _("F j, Y"))


# Each date's two messages, whole sentences (a translation needs the sentence, not a noun
# to fit into one): (in the future, implausibly old).
DATE_MESSAGES = {
    "date awarded": (
        gettext_lazy("The date awarded cannot be in the future. Enter a date on or before "
                     "%(today)s."),
        gettext_lazy("Please check the year: the date awarded looks too early.")),
    "training date": (
        gettext_lazy("The training date cannot be in the future. Enter a date on or before "
                     "%(today)s."),
        gettext_lazy("Please check the year: the training date looks too early.")),
    "start date": (
        gettext_lazy("The start date cannot be in the future. Enter a date on or before "
                     "%(today)s."),
        gettext_lazy("Please check the year: the start date looks too early.")),
    "end date": (
        gettext_lazy("The end date cannot be in the future. Enter a date on or before "
                     "%(today)s."),
        gettext_lazy("Please check the year: the end date looks too early.")),
    "session date": (
        gettext_lazy("The session date cannot be in the future. Enter a date on or before "
                     "%(today)s."),
        gettext_lazy("Please check the year: the session date looks too early.")),
    "first session date": (
        gettext_lazy("The first session date cannot be in the future. Enter a date on or "
                     "before %(today)s."),
        gettext_lazy("Please check the year: the first session date looks too early.")),
    "last session date": (
        gettext_lazy("The last session date cannot be in the future. Enter a date on or "
                     "before %(today)s."),
        gettext_lazy("Please check the year: the last session date looks too early.")),
}

# The hours of one training or one session: (not above 0, more than the maximum).
HOURS_MESSAGES = {
    "hours of training": (
        gettext_lazy("Enter the hours of training as a number above 0, for example 1.5."),
        gettext_lazy("%(value)s hours is more than %(maximum)s hours for one training. Enter "
                     "the clock hours of this one training only.")),
    "hours of session": (
        gettext_lazy("Enter the hours of session as a number above 0, for example 1.5."),
        gettext_lazy("%(value)s hours is more than %(maximum)s hours for one session. Enter "
                     "the clock hours of this one session only.")),
}


def past_date(value: dt.date | None, what: str) -> dt.date | None:
    """A date that is not in the future and not implausibly old (``what``: a DATE_MESSAGES
    key)."""
    if value is None:
        return value
    future, too_early = DATE_MESSAGES[what]
    today = timezone.localdate()
    if value > today:
        raise forms.ValidationError(future % {"today": long_date(today)})
    if value < EARLIEST:
        raise forms.ValidationError(too_early)
    return value


def hours_in_range(value, maximum: int, what: str):
    """``what``: a HOURS_MESSAGES key."""
    if value is None:
        return value
    not_positive, too_many = HOURS_MESSAGES[what]
    if value <= 0:
        raise forms.ValidationError(not_positive)
    if value > maximum:
        raise forms.ValidationError(too_many % {"value": formats.number_format(value),
                                                "maximum": maximum})
    return value


class ProfileForm(forms.ModelForm):
    gender = forms.ChoiceField(label=gettext_lazy("Gender (optional)"),
                               choices=c.GENDER_CHOICES, required=False)
    race_ethnicity = forms.MultipleChoiceField(
        label=gettext_lazy("Race or ethnicity (optional, choose any)"),
        choices=c.RACE_ETHNICITY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple)
    age_range = forms.ChoiceField(label=gettext_lazy("Age (optional)"),
                                  choices=c.AGE_RANGE_CHOICES, required=False)

    class Meta:
        model = ApplicantProfile
        fields = ["full_name", "phone", "address", "city", "state", "postal_code", "employer",
                  "work_setting", "region", "languages", "gender", "race_ethnicity",
                  "age_range"]
        labels = {"full_name": gettext_lazy("Your full name (as you will sign the agreements)"),
                  "region": gettext_lazy("Your region (Massachusetts Department of Mental "
                                         "Health)"),
                  "languages": gettext_lazy("Languages you work in"),
                  "city": gettext_lazy("City"),
                  "state": pgettext_lazy("a postal address", "State"),
                  "work_setting": gettext_lazy("Work setting")}
        help_texts = {"languages": gettext_lazy("For example: English, Spanish"),
                      "region": gettext_lazy("Where you mostly work.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_setting"].choices = [("", _("Choose one")), *WorkSetting.choices]
        self.fields["region"].choices = [("", _("Choose one")), *Region.choices]
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"

    def clean_race_ethnicity(self):
        value = self.cleaned_data["race_ethnicity"]
        if "prefer_not" in value and len(value) > 1:
            raise forms.ValidationError(
                _("Choose “Prefer not to say” on its own, or untick it to choose others."))
        return value


class DegreeForm(forms.ModelForm):
    type = forms.ChoiceField(label=gettext_lazy("Kind of degree"),
                             choices=[("", gettext_lazy("Choose one")), *c.DEGREE_CHOICES])
    transcript = forms.FileField(
        label=gettext_lazy("Official transcript (PDF, PNG or JPEG)"), required=False,
        help_text=gettext_lazy("For a CDA, upload the credential or its transcript."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
    pending_upload = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Degree
        fields = ["type", "name", "institution", "awarded", "related_field"]
        widgets = {"awarded": DateInput()}
        help_texts = {"name": gettext_lazy("For example: BSW, MEd, Child Development Associate")}

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.pending = None
        pending_id = self.data.get("pending_upload") if self.is_bound else None
        if pending_id and str(pending_id).isdigit():
            from .models import PendingUpload

            self.pending = PendingUpload.objects.filter(owner=owner, pk=pending_id).first()

    def clean_awarded(self):
        return past_date(self.cleaned_data["awarded"], "date awarded")

    def clean_transcript(self):
        upload = self.cleaned_data.get("transcript")
        if upload:
            extension = check_upload(upload)
            self.original_name = upload.name[-200:]
            upload.name = f"transcript{extension}"
        return upload

    def keep_upload(self) -> None:
        """After a failed save, keep a good new file so it need not be chosen again."""
        upload = self.cleaned_data.get("transcript") if hasattr(self, "cleaned_data") else None
        if upload and "transcript" not in self.errors:
            from .models import PendingUpload

            self.pending = PendingUpload.objects.create(
                owner=self.owner, file=upload, original_name=self.original_name)

    def save(self, commit=True):
        degree = super().save(commit=False)
        upload = self.cleaned_data.get("transcript")
        storage, replaced = degree.transcript.storage, degree.transcript.name
        if upload:
            degree.transcript = upload
            degree.transcript_name = self.original_name
            if self.pending is not None:  # newer than the file kept: the kept one goes
                delete_after_commit(self.pending.file.storage, self.pending.file.name)
        elif self.pending is not None:
            degree.transcript.name = self.pending.file.name
            degree.transcript_name = self.pending.original_name
        else:
            replaced = ""
        delete_after_commit(storage, replaced)  # the file this degree had before, if any
        if commit:
            degree.save()
            if self.pending is not None:
                self.pending.delete()  # the row only: the file now belongs to the degree
        return degree


class TrainingForm(forms.ModelForm):
    competency_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Competency areas this training touched (choose any)"), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = TrainingEntry
        fields = ["title", "sponsor", "date", "hours", "competency_areas", "about_rsc"]
        widgets = {"date": DateInput()}
        labels = {"title": gettext_lazy("Title")}
        help_texts = {"hours": gettext_lazy("Clock hours of this training, for example 6 or 1.5.")}

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = competency_areas(application.program, application.category)
        self.fields["competency_areas"].choices = [(a.key, _(a.name)) for a in areas]
        self.fields["hours"].widget.attrs.update(min="0.25", step="0.25")

    def clean_date(self):
        return past_date(self.cleaned_data["date"], "training date")

    def clean_hours(self):
        return hours_in_range(self.cleaned_data["hours"], MAX_TRAINING_HOURS, "hours of training")


class WorkForm(forms.ModelForm):
    kind = forms.ChoiceField(label=gettext_lazy("What kind of work was it?"),
                             choices=c.WORK_KIND_CHOICES, widget=forms.RadioSelect)
    internship_supervisor_level = forms.ChoiceField(
        label=gettext_lazy("Your internship supervisor's Endorsement®"),
        choices=c.ENDORSEMENT_CHOICES, required=False)

    class Meta:
        model = WorkEntry
        fields = ["employer", "role", "start", "end", "hours_per_week", "duties", "paid", "kind",
                  "families_served", "social_emotional_focus", "relationship_focus",
                  "internship", "internship_supervisor_level"]
        widgets = {"start": DateInput(), "end": DateInput(),
                   "duties": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}
        labels = {
            "employer": gettext_lazy("Employer"),
            "hours_per_week": gettext_lazy("Hours you worked in a usual week"),
            "duties": gettext_lazy("Your main duties, in a few words"),
            "end": gettext_lazy("End date (leave empty if you still work there)"),
            "families_served": gettext_lazy("How many families with babies or young children "
                                            "did you serve in this role?"),
            "social_emotional_focus": gettext_lazy("The main focus of my work was the "
                                                   "children's social and emotional needs"),
            "relationship_focus": gettext_lazy("My work paid attention to the relationships "
                                               "around the child (parents and caregivers)"),
            "internship": gettext_lazy("This was a supervised graduate internship"),
        }

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_per_week"].widget.attrs.update(min="1", max=str(MAX_WEEK_HOURS),
                                                          inputmode="numeric")
        self.fields["hours_per_week"].help_text = _(
            "Under %(full)d hours a week is part-time: it still counts, and the Endorsement® "
            "Coordinator judges how.") % {"full": WorkEntry.FULL_TIME_HOURS}
        if application.category not in ("III", "IV-C"):
            del self.fields["internship"]
            del self.fields["internship_supervisor_level"]
        if application.category in ("IV-P", "IV-RF"):  # leaders: no direct-service questions
            for name in ("families_served", "social_emotional_focus", "relationship_focus"):
                del self.fields[name]
        else:
            self.fields["families_served"].widget.attrs["max"] = "10000"

    def clean_start(self):
        return past_date(self.cleaned_data["start"], "start date")

    def clean_end(self):
        return past_date(self.cleaned_data["end"], "end date")

    def clean_hours_per_week(self):
        value = self.cleaned_data["hours_per_week"]
        if value is None:
            raise forms.ValidationError(_("Enter the hours you worked in a usual week, for "
                                          "example 40, or 20 for part-time work."))
        if not 1 <= value <= MAX_WEEK_HOURS:
            raise forms.ValidationError(_(
                "Enter a number of hours between 1 and %(max)d for a usual week. "
                "Part-time work counts too: the Endorsement® Coordinator looks at it.") % {
                    "max": MAX_WEEK_HOURS})
        return value

    def clean_duties(self):
        value = " ".join(self.cleaned_data["duties"].split())
        if len(value) < 3:
            raise forms.ValidationError(_("Describe your main duties in a few words, for "
                                          "example: home visits with families of infants."))
        if len(value) > 1000:
            raise forms.ValidationError(_("Keep the duties to 1,000 characters or fewer."))
        return value

    def clean_families_served(self):
        value = self.cleaned_data["families_served"]
        if value is not None and value > 10000:
            raise forms.ValidationError(_("Please check this number: enter the number of "
                                          "families you served in this role."))
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date. Enter an end "
                                    "date on or after %(start)s, or leave it empty if you "
                                    "still work there.") % {"start": long_date(start)})
        if data.get("internship_supervisor_level") and not data.get("internship"):
            data["internship_supervisor_level"] = ""
        return data


class RscFields(forms.Form):
    """The provider fields shared by one session and a series."""

    def clean_kind(self):
        return self.cleaned_data.get("kind") or "rsc"

    format = forms.ChoiceField(label=gettext_lazy("Individual or group"),
                               choices=c.FORMAT_CHOICES, widget=forms.RadioSelect)
    provider_name = forms.CharField(label=gettext_lazy("Provider's name"), max_length=200)
    provider_level = forms.ChoiceField(label=gettext_lazy("Provider's Endorsement®"),
                                       choices=c.ENDORSEMENT_CHOICES, required=False)
    provider_degree = forms.ChoiceField(label=gettext_lazy("Provider's highest degree"),
                                        choices=[("", gettext_lazy("Choose one")),
                                                 *c.DEGREE_CHOICES])
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of supervision was it?"),
        choices=c.SUPERVISION_KIND_CHOICES, widget=forms.RadioSelect, initial="rsc",
        required=False,
        help_text=gettext_lazy(
            "Only reflective supervision/consultation counts toward the Endorsement®. "
            "Administrative supervision, or clinical case supervision alone, does not."))


class RscForm(forms.ModelForm):
    clean_kind = RscFields.clean_kind
    kind = RscFields.base_fields["kind"]
    format = RscFields.base_fields["format"]
    provider_level = RscFields.base_fields["provider_level"]
    provider_degree = RscFields.base_fields["provider_degree"]

    class Meta:
        model = RscSession
        fields = ["date", "hours", "kind", "format", "provider_name", "provider_level",
                  "provider_degree"]
        widgets = {"date": DateInput()}
        labels = {"date": gettext_lazy("Date of the session"), "hours": gettext_lazy("Hours")}
        help_texts = {"hours": gettext_lazy("For example 1 or 1.5.")}

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].widget.attrs.update(min="0.25", step="0.25")

    def clean_date(self):
        return past_date(self.cleaned_data["date"], "session date")

    def clean_hours(self):
        return hours_in_range(self.cleaned_data["hours"], MAX_SESSION_HOURS, "hours of session")


class RscSeriesForm(RscFields):
    """"Every 2 weeks from DATE, N sessions of H hours with PROVIDER" -> N rows."""

    field_order = ["first_date", "every_weeks", "last_date", "count", "hours"]
    first_date = forms.DateField(label=gettext_lazy("Date of the first session"),
                                 widget=DateInput())
    every_weeks = forms.IntegerField(label=gettext_lazy("Every how many weeks?"), min_value=1,
                                     max_value=8, initial=2)
    last_date = forms.DateField(
        label=gettext_lazy("Date of the last session"), widget=DateInput(), required=False,
        help_text=gettext_lazy("Give the last date or the number of sessions."))
    count = forms.IntegerField(
        label=gettext_lazy("Number of sessions"), min_value=1, max_value=MAX_SERIES_SESSIONS,
        required=False,
        error_messages={"max_value": gettext_lazy(
            "At most %(limit_value)s sessions in one series: add a longer stretch as two "
            "series.")})
    hours = forms.DecimalField(label=gettext_lazy("Hours of each session"), max_digits=5,
                               decimal_places=2)

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_first_date(self):
        return past_date(self.cleaned_data["first_date"], "first session date")

    def clean_hours(self):
        return hours_in_range(self.cleaned_data["hours"], MAX_SESSION_HOURS, "hours of session")

    def clean_last_date(self):
        return past_date(self.cleaned_data["last_date"], "last session date")

    def dates(self) -> list[dt.date]:
        data = self.cleaned_data
        step = dt.timedelta(weeks=data["every_weeks"])
        return [data["first_date"] + i * step for i in range(data["count"])]

    def clean(self):
        data = super().clean()
        first, last, every = data.get("first_date"), data.get("last_date"), data.get("every_weeks")
        if not data.get("count") and "count" not in self.errors:
            if last and first and every:
                if last < first:
                    self.add_error("last_date", _("The last session is before the first. "
                                                  "Check the two dates."))
                    return data
                data["count"] = (last - first).days // (7 * every) + 1
                if data["count"] > MAX_SERIES_SESSIONS:
                    self.add_error("last_date", _(
                        "That makes %(n)d sessions, more than %(max)d in one series. Add it "
                        "as two series.") % {"n": data["count"], "max": MAX_SERIES_SESSIONS})
                    return data
            elif not last and "last_date" not in self.errors:
                self.add_error("count", _("Enter the number of sessions, or the date of the "
                                          "last session."))
                return data
        if all(data.get(k) for k in ("first_date", "every_weeks", "count")):
            last = self.dates()[-1]
            today = timezone.localdate()
            if last > today:
                fits = (today - data["first_date"]).days // (7 * data["every_weeks"]) + 1
                self.add_error("count", _(
                    "The last session would be on %(last)s, which is in the future. Enter "
                    "%(fits)s or fewer sessions, or an earlier first date.") % {
                        "last": long_date(last), "fits": fits})
        return data


class RscSeriesChangeForm(RscFields):
    """What every session of a series shares: change it once for all of them."""

    field_order = ["hours"]
    hours = forms.DecimalField(label=gettext_lazy("Hours of each session"), max_digits=5,
                               decimal_places=2)

    def clean_hours(self):
        return hours_in_range(self.cleaned_data["hours"], MAX_SESSION_HOURS, "hours of session")


class LeadershipForm(forms.ModelForm):
    scope = forms.ChoiceField(label=gettext_lazy("At what level?"), choices=c.SCOPE_CHOICES,
                              widget=forms.RadioSelect)
    examples = forms.MultipleChoiceField(
        label=gettext_lazy("Which of these examples describe it? (optional, choose any)"),
        required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = LeadershipActivity
        fields = ["description", "scope", "examples"]
        labels = {"description": gettext_lazy("Describe the leadership activity")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["examples"].choices = c.leadership_example_choices(application.track)


class SignatureForm(forms.Form):
    typed_name = forms.CharField(label=gettext_lazy("Type your full name to sign"),
                                 max_length=200)

    def __init__(self, *args, expected_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_name = expected_name

    def clean_typed_name(self):
        typed = " ".join(self.cleaned_data["typed_name"].split())
        expected = " ".join(self.expected_name.split())
        if not expected:
            raise forms.ValidationError(_("First enter your full name in the “About you” "
                                          "section, then sign here."))
        if typed.casefold() != expected.casefold():
            raise forms.ValidationError(_("Type your name exactly as in “About you”: "
                                          "%(name)s.") % {"name": expected})
        return expected  # kept as the applicant wrote it in About you


class MembershipForm(forms.Form):
    membership_number = forms.CharField(label=gettext_lazy("MassAIMH membership number"),
                                        max_length=50)
    membership_expires = forms.DateField(
        label=gettext_lazy("Membership paid through"), widget=DateInput(),
        help_text=gettext_lazy("The last day of your current membership year."))

    def clean_membership_expires(self):
        value = self.cleaned_data["membership_expires"]
        if value < dt.date(2000, 1, 1) or value > timezone.localdate() + dt.timedelta(days=3660):
            raise forms.ValidationError(_("Please check the year of this date."))
        return value
