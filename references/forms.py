"""Forms: naming a rater (with the waiver), the rating, declining, and the coordinator's."""
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicantProfile
from endorsement.guidelines import CATEGORY_TERMS
from endorsement.i18n import normalize, term_choices

from .models import RaterRole, RaterVetting, Recommendation, Score

# The level names are the engine's, translated when shown (term_choices: gettext_lazy).
ENDORSEMENT_CHOICES = [("", _("Not endorsed, or I don't know")), *term_choices(CATEGORY_TERMS)]
WAIVER_TEXT = _(
    "I waive my right to see this reference rating. I understand that only the association's "
    "Endorsement® coordinators and the reviewers assigned to my application will read it."
)


class RaterForm(forms.Form):
    rater_name = forms.CharField(label=_("Rater's full name"), max_length=200)
    rater_email = forms.EmailField(
        label=_("Rater's email address"), max_length=254,  # the model's column (forms allow 320)
        help_text=_("We send the rater a personal link here."))
    role = forms.ChoiceField(label=_("How does this person know your work?"),
                             choices=[("", _("Choose one")), *RaterRole.choices])
    known_for = forms.CharField(label=_("How long have you known each other?"),
                                max_length=100, help_text=_("For example: 3 years"))
    rater_endorsement = forms.ChoiceField(
        label=_("The rater's Endorsement®"), choices=ENDORSEMENT_CHOICES, required=False)
    rater_endorsement_number = forms.CharField(
        label=_("The rater's Endorsement® number (if you know it)"), max_length=50, required=False)
    language = forms.ChoiceField(
        label=_("The rater's language"), choices=settings.LANGUAGES, required=False,
        help_text=_("The request email and the rating form are in this language; the rater "
                    "can change it."))
    waiver = forms.BooleanField(label=WAIVER_TEXT, error_messages={
        "required": _("Tick the box to sign the waiver; a rating cannot be requested without "
                      "it.")})
    waiver_name = forms.CharField(
        label=_("Type your full name to sign"), max_length=200,
        error_messages={"required": _("Type your full name to sign the waiver.")})

    def __init__(self, *args, applicant=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant = applicant
        if applicant is not None and not self.is_bound:
            self.fields["language"].initial = normalize(getattr(applicant, "language", ""))
        if roles is not None:  # only the roles the level's reference places accept
            self.fields["role"].choices = [("", _("Choose one"))] + [
                (value, label) for value, label in RaterRole.choices if value in roles]
            self.fields["role"].error_messages["invalid_choice"] = _(
                "This level does not accept a rating from this kind of rater. Choose one of "
                "the roles offered.")

    def clean_rater_email(self):
        email = self.cleaned_data["rater_email"].lower()
        if self.applicant is not None and email in self._applicant_emails():
            raise forms.ValidationError(_("A rater must be someone else, not you."))
        return email

    def _applicant_emails(self) -> set[str]:
        """Every address of the applicant's account (allauth lets them add more)."""
        from allauth.account.models import EmailAddress

        emails = {self.applicant.email.lower()}
        emails.update(e.lower() for e in EmailAddress.objects.filter(
            user=self.applicant).values_list("email", flat=True))
        return emails

    def clean_waiver_name(self):
        """One rule for every signature: the typed name matches the applicant's name
        (from About you once given) ignoring case and spacing, and is kept as written there."""
        name = " ".join(self.cleaned_data["waiver_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Type your full name to sign the waiver."))
        expected = " ".join(signing_name(self.applicant).split())
        if expected and name.casefold() != expected.casefold():
            raise forms.ValidationError(_("Type your name as in “About you”: %(name)s.") % {
                "name": expected})
        return expected or name

    def rater_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("waiver")
        data["language"] = normalize(data.get("language")
                                     or getattr(self.applicant, "language", ""))
        return data


class CorrectRaterForm(forms.Form):
    """Fix a mistyped name or address of a rater who has not answered yet."""

    rater_name = forms.CharField(label=_("Rater's full name"), max_length=200)
    rater_email = forms.EmailField(
        label=_("Rater's email address"), max_length=254,
        help_text=_("The link already sent stops working; a new one goes to this address."))

    def __init__(self, *args, applicant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant = applicant

    clean_rater_email = RaterForm.clean_rater_email
    _applicant_emails = RaterForm._applicant_emails


def signing_name(applicant) -> str:
    """The applicant's name as written in About you, else the name on the account."""
    if applicant is None:
        return ""
    profile = ApplicantProfile.objects.filter(user=applicant).only("full_name").first()
    return (profile.full_name if profile and profile.full_name.strip() else
            applicant.get_full_name())


class RatingForm(forms.Form):
    """One radio group per competency area of the level, a comment, the recommendation."""

    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Anything that helps the reviewers understand your ratings (optional)."))
    recommendation = forms.ChoiceField(
        label=_("Your overall recommendation"), choices=Recommendation.choices,
        widget=forms.RadioSelect, required=False)
    rater_endorsement = forms.ChoiceField(
        label=_("Your own Endorsement®"), choices=ENDORSEMENT_CHOICES, required=False)
    rater_endorsement_number = forms.CharField(
        label=_("Your Endorsement® number"), max_length=50, required=False)

    def __init__(self, *args, areas=(), final=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.final = final
        for area in areas:
            self.fields[area.key] = forms.ChoiceField(
                label=area.name, choices=Score.choices, widget=forms.RadioSelect,
                required=final, help_text=", ".join(area.items),
                error_messages={"required": gettext("Choose a rating for %(area)s.") % {
                    "area": area.name}})
        if final:
            self.fields["recommendation"].required = True
            self.fields["recommendation"].error_messages["required"] = (
                gettext("Choose your overall recommendation."))

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
        label=_("Why are you declining?"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: I do not know the applicant's work well enough. "
                    "Only the Endorsement® Coordinator reads this."),
        error_messages={"required": _("Tell us briefly why you are declining.")})


class VettingForm(forms.ModelForm):
    class Meta:
        model = RaterVetting
        fields = ["call_date", "has_guidelines_copy", "familiar", "outcome", "note"]
        widgets = {"call_date": forms.DateInput(attrs={"type": "date"}),
                   "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"outcome": _("Outcome"), "note": _("Note")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", gettext("Choose the outcome of the call")),
                                          *self.fields["outcome"].choices[1:]]
        self.fields["call_date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        """The outcome agrees with the checks, and the call is not in the future."""
        from .services import vetting_problems

        data = super().clean()
        if {"call_date", "outcome"} <= data.keys():
            for name, problem in vetting_problems(
                    call_date=data["call_date"], outcome=data["outcome"],
                    has_guidelines_copy=data.get("has_guidelines_copy", False),
                    familiar=data.get("familiar", False)).items():
                self.add_error(name, problem)
        return data


class VerifyForm(forms.Form):
    level = forms.ChoiceField(label=_("Endorsement® level checked"),
                              choices=ENDORSEMENT_CHOICES[1:])
    number = forms.CharField(label=_("Endorsement® number found"), max_length=50,
                             required=False)
    source = forms.CharField(
        label=_("Where you checked"), max_length=200,
        help_text=_("For example: the association's registry, a certificate the rater sent, "
                    "another association by phone."),
        error_messages={"required": _("Say where you checked the Endorsement®.")})


class SetAsideForm(forms.Form):
    reason = forms.CharField(
        label=_("Note to the applicant (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent with the request to ask another rater."))
