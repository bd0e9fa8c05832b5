from django import forms
from django.utils.translation import gettext_lazy as _

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers()
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


class BulkAssignForm(forms.Form):
    """One reviewer for the applications ticked in the queue."""

    applications = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Tick at least one application first.")})
    reviewer = forms.ModelChoiceField(
        queryset=None, label=_("Reviewer for the ticked applications"),
        empty_label=_("Choose a reviewer"),
        error_messages={"required": _("Choose the reviewer to assign.")})

    def __init__(self, *args, **kwargs):
        from applicants.models import Application

        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.select_related("applicant")
        self.fields["reviewer"].queryset = reviewers()
        self.fields["reviewer"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
        help_text=_("Only staff read this; the applicant never sees it and gets no email."),
    )
