"""Forms: naming a rater (with the waiver), the rating, declining, and the coordinator's."""
from django import forms
from django.utils.translation import gettext_lazy as _

from endorsement.guidelines import CATEGORY_TERMS

from .models import RaterRole, RaterVetting, Recommendation, Score

ENDORSEMENT_CHOICES = [("", "Not endorsed, or I don't know")] + [
    (t.value, t.label) for t in CATEGORY_TERMS
]
WAIVER_TEXT = _(
    "I waive my right to see this reference rating. I understand that only the association's "
    "Endorsement® coordinators will read it."
)


class RaterForm(forms.Form):
    rater_name = forms.CharField(label="Rater's full name", max_length=200)
    rater_email = forms.EmailField(
        label="Rater's email address", max_length=254,  # the model's column (forms allow 320)
        help_text="We send the rater a personal link here.")
    role = forms.ChoiceField(label="How does this person know your work?",
                             choices=[("", "Choose one")] + RaterRole.choices)
    known_for = forms.CharField(label="How long have you known each other?", max_length=100,
                                help_text="For example: 3 years")
    rater_endorsement = forms.ChoiceField(
        label="The rater's Endorsement®", choices=ENDORSEMENT_CHOICES, required=False)
    rater_endorsement_number = forms.CharField(
        label="The rater's Endorsement® number (if you know it)", max_length=50, required=False)
    waiver = forms.BooleanField(label=WAIVER_TEXT, error_messages={
        "required": "Tick the box to sign the waiver; a rating cannot be requested without it."})
    waiver_name = forms.CharField(
        label="Type your full name to sign", max_length=200,
        error_messages={"required": "Type your full name to sign the waiver."})

    def __init__(self, *args, applicant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant = applicant

    def clean_rater_email(self):
        email = self.cleaned_data["rater_email"].lower()
        if self.applicant is not None and email in self._applicant_emails():
            raise forms.ValidationError("A rater must be someone else, not you.")
        return email

    def _applicant_emails(self) -> set[str]:
        """Every address of the applicant's account (allauth lets them add more)."""
        from allauth.account.models import EmailAddress

        emails = {self.applicant.email.lower()}
        emails.update(e.lower() for e in EmailAddress.objects.filter(
            user=self.applicant).values_list("email", flat=True))
        return emails

    def clean_waiver_name(self):
        name = " ".join(self.cleaned_data["waiver_name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Type your full name to sign the waiver.")
        return name

    def rater_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("waiver")
        return data


class RatingForm(forms.Form):
    """One radio group per competency area of the level, a comment, the recommendation."""

    comments = forms.CharField(
        label="Comments", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Anything that helps the reviewers understand your ratings (optional).")
    recommendation = forms.ChoiceField(
        label="Your overall recommendation", choices=Recommendation.choices,
        widget=forms.RadioSelect, required=False)
    rater_endorsement = forms.ChoiceField(
        label="Your own Endorsement®", choices=ENDORSEMENT_CHOICES, required=False)
    rater_endorsement_number = forms.CharField(
        label="Your Endorsement® number", max_length=50, required=False)

    def __init__(self, *args, areas=(), final=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.final = final
        for area in areas:
            self.fields[area.key] = forms.ChoiceField(
                label=area.name, choices=Score.choices, widget=forms.RadioSelect,
                required=final, help_text=", ".join(area.items),
                error_messages={"required": f"Choose a rating for {area.name}."})
        if final:
            self.fields["recommendation"].required = True
            self.fields["recommendation"].error_messages["required"] = (
                "Choose your overall recommendation.")

    def area_fields(self):
        return [(area, self[area.key]) for area in self.areas]


def initial_from(ref, rating) -> dict:
    if rating is None:
        return {"rater_endorsement": ref.rater_endorsement,
                "rater_endorsement_number": ref.rater_endorsement_number}
    return {**rating.scores, "comments": rating.comments,
            "recommendation": rating.recommendation,
            "rater_endorsement": rating.rater_endorsement,
            "rater_endorsement_number": rating.rater_endorsement_number}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: I do not know the applicant's work well enough. "
                  "Only the Endorsement® Coordinator reads this.",
        error_messages={"required": "Tell us briefly why you are declining."})


class VettingForm(forms.ModelForm):
    class Meta:
        model = RaterVetting
        fields = ["call_date", "has_guidelines_copy", "familiar", "outcome", "note"]
        widgets = {"call_date": forms.DateInput(attrs={"type": "date"}),
                   "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "Choose the outcome of the call"),
                                          *self.fields["outcome"].choices[1:]]


class VerifyForm(forms.Form):
    level = forms.ChoiceField(label="Endorsement® level checked", choices=ENDORSEMENT_CHOICES[1:])
