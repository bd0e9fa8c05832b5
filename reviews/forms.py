from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from applicants.models import Category, Program
from endorsement.models import User

from .models import Recommendation
from .reviewing import assignable_reviewers
from .services import advisors, reviewers


class _ReadOnce(forms.models.ModelChoiceIterator):
    """The choices read with one plain query (Django's default walks a server-side cursor on
    PostgreSQL: three round trips for a list of a few dozen people)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html, written out."""
    return "".join(format_html(" {}", name) if value is True else
                   format_html(' {}="{}"', name, str(value))
                   for name, value in attrs.items() if value is not False)


class Select(forms.Select):
    """Django's select, its options written here (the same HTML) rather than through two
    template includes each: with a few dozen people that was most of the form's time.
    (Named Select: crispy gives a widget its class name as a CSS class.)"""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                out.append(format_html('\n  <option value="{}"{}>{}</option>\n',
                                       str(option["value"]), _attrs(option["attrs"]),
                                       option["label"]))
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 - every value went through format_html


class PeopleChoiceField(forms.ModelChoiceField):
    iterator = _ReadOnce
    widget = Select


class FeeForm(forms.Form):
    fee_paid = forms.BooleanField(label=_("The processing fee has been received"), required=False)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the applicant"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant sees this on their application and gets it by email."),
    )


class ReturnForm(forms.Form):
    message = forms.CharField(
        label=_("What should the applicant revise?"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Be specific: name the section and what is missing. The applicant gets this "
                    "by email and can edit their application again."),
    )


class AssignForm(forms.Form):
    reviewer = PeopleChoiceField(
        queryset=None, label=_("Add a reviewer"), empty_label=_("Choose a reviewer")
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: reviewers endorsed at the level or higher, not yet assigned (the service
        # refuses anyone else, whichever list the form was posted from).
        self.fields["reviewer"].queryset = (
            reviewers() if application is None else assignable_reviewers(application))
        self.fields["reviewer"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class AdvisorForm(forms.Form):
    advisor = PeopleChoiceField(
        queryset=None, required=False, label=_("Endorsement Advisor"),
        empty_label=_("No advisor"),
        help_text=_("The advisor can read this application (not the transcripts or ratings)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()
        self.fields["advisor"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class ApplicationsField(forms.ModelMultipleChoiceField):
    """Ticked application numbers; a value that is no possible number (or one too large for
    the database to compare: a 500 otherwise) is refused like any unknown one."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit()) or int(text) >= 2 ** 63:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"],
                                            code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)


class BulkAssignForm(forms.Form):
    """One reviewer for the applications ticked in the queue."""

    applications = ApplicationsField(
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


# --- Reviewer reviews, the decision, hand-entered Endorsements® ---------------------------

class ConflictForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this applicant?"),
        choices=[("no", _("No: I can review this application fairly")),
                 ("yes", _("Yes: I should not review it"))],
        widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        help_text=_("For example: you supervise them, work with them, are related to them or "
                    "rated them as a reference."))
    note = forms.CharField(label=_("What is the conflict? (only if yes)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("conflict") and not (data.get("note") or "").strip():
            self.add_error("note", _("Say briefly what the conflict is: the coordinator "
                                     "reads it."))
        return data


MET_CHOICES = [("met", _("Met")), ("not_yet", _("Not yet shown"))]


class ReviewForm(forms.Form):
    """One pair of fields per competency area of the level, then the recommendation."""

    recommendation = forms.ChoiceField(label=_("Overall recommendation"),
                                       choices=Recommendation.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed if you recommend deferring or not endorsing; the coordinator may "
                    "send them to the applicant."))

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        fields = {}
        for area in self.areas:
            fields[f"met_{area.key}"] = forms.ChoiceField(
                label=_(area.name), choices=MET_CHOICES, widget=forms.RadioSelect)
            fields[f"comment_{area.key}"] = forms.CharField(
                label=_("Comment on %(area)s") % {"area": _(area.name)}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.fields = {**fields, **self.fields}

    def area_fields(self):
        return [(area, self[f"met_{area.key}"], self[f"comment_{area.key}"])
                for area in self.areas]

    def clean(self):
        data = super().clean()
        if data.get("recommendation") in (Recommendation.DEFER, Recommendation.NOT_ENDORSE) \
                and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("Give the reasons for deferring or not endorsing."))
        return data

    def areas_data(self) -> dict:
        return {area.key: {"met": self.cleaned_data[f"met_{area.key}"] == "met",
                           "comment": self.cleaned_data[f"comment_{area.key}"]}
                for area in self.areas}


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Reasons (sent to the applicant when deferring or not endorsing)"),
        required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EndorsementEntryForm(forms.Form):
    """An Endorsement® made before this system, entered by a coordinator."""

    email = forms.EmailField(label=_("Email of the person endorsed"),
                             help_text=_("They must have an account here already."))
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    category = forms.ChoiceField(label=_("Level and designation"), choices=Category.choices)
    issued_on = forms.DateField(label=_("Issued on"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    valid_through = forms.DateField(label=_("Valid through"),
                                    widget=forms.DateInput(attrs={"type": "date"}))
    ers = forms.BooleanField(
        label=_("Holds the ERS add-on (Endorsed Reflective Supervisor)"), required=False,
        help_text=_("Virginia: with it, a Level II or III holder provides reflective "
                    "supervision/consultation to others."))

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.holder = User.objects.filter(email__iexact=email).first()
        if self.holder is None:
            raise forms.ValidationError(_("No one with this email has an account here."))
        return email

    def clean(self):
        data = super().clean()
        issued, through = data.get("issued_on"), data.get("valid_through")
        if issued and through and through < issued:
            self.add_error("valid_through", _("The end date cannot be before the issue date."))
        if issued and issued > timezone.localdate():
            self.add_error("issued_on", _("The issue date cannot be in the future."))
        return data
