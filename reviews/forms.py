from django import forms

from .reviewing import assignable_reviewers
from .services import advisors, reviewers


class FeeForm(forms.Form):
    fee_paid = forms.BooleanField(label="The processing fee has been received", required=False)


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message to the applicant", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The applicant sees this on their application and gets it by email.",
    )


class ReturnForm(forms.Form):
    message = forms.CharField(
        label="What should the applicant revise?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Be specific: name the section and what is missing. The applicant gets this "
                  "by email and can edit their application again.",
    )


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        queryset=None, label="Add a reviewer", empty_label="Choose a reviewer"
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: reviewers endorsed at the level or higher, not yet assigned (the service
        # refuses anyone else, whichever list the form was posted from).
        self.fields["reviewer"].queryset = (
            reviewers() if application is None else assignable_reviewers(application))
        self.fields["reviewer"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class AdvisorForm(forms.Form):
    advisor = forms.ModelChoiceField(
        queryset=None, required=False, label="Endorsement Advisor",
        empty_label="No advisor",
        help_text="The advisor can read this application (not the transcripts or ratings).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()
        self.fields["advisor"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"
