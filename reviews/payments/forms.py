from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Category

from .models import FeeKind, Method


class AmountField(forms.Field):
    """Dollars and cents written with a point: "125" or "12.50". Anything else is refused
    with a sentence that says what to write ("12,50", "-5", "$")."""

    def __init__(self, *, allow_zero=False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal",
                                                            "maxlength": "14"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "").strip().replace("$", "").replace(" ", "")[:40]
        if not text:
            return None
        if "," in text:
            raise forms.ValidationError(
                _("Write the amount with a point before the cents, e.g. 12.50 (not 12,50)."),
                code="comma")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Write the amount as a number, e.g. 125 or 12.50."),
                                        code="invalid") from None
        if not amount.is_finite():
            raise forms.ValidationError(_("Write the amount as a number, e.g. 125 or 12.50."),
                                        code="invalid")
        if amount < 0 or (amount == 0 and not self.allow_zero):
            raise forms.ValidationError(
                _("The amount must be more than zero. To give money back, choose "
                  "'Refund'.") if not self.allow_zero else _("A fee cannot be below zero."),
                code="negative")
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("Cents have two digits at most, e.g. 12.50."),
                                        code="cents")
        if amount >= Decimal("1000000"):
            raise forms.ValidationError(_("The amount is too large."), code="large")
        return amount.quantize(Decimal("0.01"))


class PaymentForm(forms.Form):
    amount = AmountField(label=_("Amount (US$)"))
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Reference (check number, transfer, purchase order)"),
                                max_length=100, required=False)
    purpose = forms.ChoiceField(label=_("For"), choices=FeeKind.choices,
                                initial=FeeKind.PROCESSING)
    refund = forms.BooleanField(label=_("This is a refund (money given back)"),
                                required=False)

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class RenewalPaymentForm(PaymentForm):
    """The same form and checks for a renewal's fee: it is for the renewal or its late fee."""
    purpose = forms.ChoiceField(label=_("For"), initial=FeeKind.RENEWAL, choices=[
        (FeeKind.RENEWAL, FeeKind.RENEWAL.label), (FeeKind.LATE, FeeKind.LATE.label)])


class FeeForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("Every category"))] + list(Category.choices))
    kind = forms.ChoiceField(label=_("Kind of fee"), choices=FeeKind.choices)
    amount = AmountField(label=_("Amount (US$)"), allow_zero=True)
    effective_on = forms.DateField(label=_("Takes effect on"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class InstructionsForm(forms.Form):
    text = forms.CharField(label=_("How to pay"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 6}), help_text=_(
                               "Shown to applicants: where to send a check, the bank transfer "
                               "details, how an employer pays for a group."))
    version = forms.CharField(widget=forms.HiddenInput, required=False)
