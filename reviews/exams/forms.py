from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ExamSitting
from .services import scorers

PERCENT_ERRORS = {
    "min_value": _("A score is a percent from 0 to 100; it cannot be negative."),
    "max_value": _("A score is a percent from 0 to 100; it cannot be more than 100."),
    "invalid": _("Enter a whole number from 0 to 100."),
}


class VersionField(forms.IntegerField):
    """What the person saw: a form filled on an out-of-date page is refused."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, **kwargs)


class SittingForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = ExamSitting
        fields = ["program", "starts_at", "mode", "place", "capacity"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                             format="%Y-%m-%dT%H:%M"),
            "mode": forms.RadioSelect,
        }
        help_texts = {"capacity": _("How many candidates the room or session can take.")}

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        # The form shows minutes: a past sitting whose time was left alone may still be edited.
        changed = self.instance.pk is None or abs(
            (starts_at - self.instance.starts_at).total_seconds()) >= 60
        if changed and starts_at <= timezone.now():
            raise forms.ValidationError(_("Choose a date and time in the future."))
        return starts_at


class EnrolForm(forms.Form):
    application = forms.ModelChoiceField(
        queryset=None, label=_("Candidate"), empty_label=_("Choose a candidate"),
        error_messages={"invalid_choice": _("This candidate cannot be enrolled in this "
                                            "sitting (any more): choose again.")})
    accommodation = forms.CharField(
        label=_("Accommodation requested (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example extra time or a reader. Requests must come in time before "
                    "the sitting."))
    requested_on = forms.DateField(
        label=_("Date the accommodation was requested"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        field.queryset = candidates
        field.label_from_instance = candidate_label


def candidate_label(application) -> str:
    """A candidate in the enrol form: name – category, with (retake) for a retaker."""
    values = {"name": application.applicant.display_name,
              "category": application.get_category_display()}
    if application.status == "awaiting_decision":
        return gettext("%(name)s – %(category)s (retake)") % values
    return f"{values['name']} – {values['category']}"


class AccommodationForm(forms.Form):
    accommodation = forms.CharField(
        label=_("Accommodation"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to remove it."))
    requested_on = forms.DateField(label=_("Date it was requested"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    version = VersionField()


class Part1Form(forms.Form):
    part1_score = forms.IntegerField(
        label=_("Multiple-choice score (percent)"), min_value=0, max_value=100,
        error_messages=PERCENT_ERRORS, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    version = VersionField()


class VignetteAnswersForm(forms.Form):
    vignette_answers = forms.CharField(
        label=_("The candidate's vignette answers"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paste or type the answers without the candidate's name: the scorers see "
                    "only the candidate code."))
    version = VersionField()


class ScorerForm(forms.Form):
    scorer = forms.ModelChoiceField(queryset=None, label=_("Add a scorer"),
                                    empty_label=_("Choose a reviewer"))

    def __init__(self, *args, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scorer"].queryset = scorers().exclude(pk__in=list(exclude))
        self.fields["scorer"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class VignetteScoreForm(forms.Form):
    score = forms.IntegerField(label=_("Score (percent)"), min_value=0, max_value=100,
                               error_messages=PERCENT_ERRORS,
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    comment = forms.CharField(label=_("Comment (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
