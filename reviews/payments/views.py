"""The fee schedule, the payment instructions, an application's payments and their receipts."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from applicants.models import Application
from endorsement import staleness
from endorsement.access import object_or_404, permission_required_404
from endorsement.models import Role
from endorsement.renewals.models import Renewal

from . import services
from .forms import FeeForm, InstructionsForm, PaymentForm, RenewalPaymentForm
from .models import Fee, Payment, PaymentInstructions

PER_PAGE = 25


@permission_required_404("payments.manage")
def fees(request):
    form = FeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_fee(fee=None, category=data["category"], kind=data["kind"],
                              amount=data["amount"], effective_on=data["effective_on"],
                              actor=request.user)
        except services.PaymentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The fee is saved."))
            return redirect("payments:fees")
    page = Paginator(Fee.objects.select_related("updated_by").order_by(
        "kind", "category", "-effective_on", "pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "payments/fees.html", {
        "page": page, "form": form, "instructions": services.instructions()})


@permission_required_404("payments.manage")
def fee_edit(request, pk):
    fee = get_object_or_404(Fee, pk=pk)
    initial = {"category": fee.category, "kind": fee.kind, "amount": fee.amount,
               "effective_on": fee.effective_on, "version": services.fee_version(fee)}
    form = FeeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_fee(fee=fee, category=data["category"], kind=data["kind"],
                              amount=data["amount"], effective_on=data["effective_on"],
                              actor=request.user, seen=data["version"])
        except services.PaymentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The fee is saved."))
            return redirect("payments:fees")
    return render(request, "payments/fee_edit.html", {"form": form, "fee": fee})


@permission_required_404("payments.manage")
def instructions_edit(request):
    row = PaymentInstructions.objects.order_by("pk").first()
    initial = {"text": row.text if row else "",
               "version": row.updated_at.isoformat() if row else ""}
    form = InstructionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_instructions(form.cleaned_data["text"], actor=request.user,
                                       seen=form.cleaned_data["version"])
        except services.PaymentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The payment instructions are saved."))
            return redirect("payments:fees")
    return render(request, "payments/instructions.html", {"form": form})


@permission_required_404("payments.manage")
def application_payments(request, pk):
    application = get_object_or_404(Application.objects.select_related("applicant"), pk=pk)
    if application.applicant_id == request.user.pk:
        raise Http404
    form = PaymentForm(request.POST or None)
    stale_note = ""
    if request.method == "POST" and form.is_valid():
        changes = staleness.stale(application, request.POST)
        if changes:
            stale_note = staleness.describe(changes)
            form.add_error(None, stale_note)
        else:
            data = form.cleaned_data
            try:
                payment = services.record_payment(
                    application, amount=data["amount"], method=data["method"],
                    received_on=data["received_on"], reference=data["reference"],
                    purpose=data["purpose"], refund=data["refund"], actor=request.user)
            except services.PaymentError as exc:
                form.add_error("amount", str(exc))
            else:
                messages.success(request, _("%(what)s %(receipt)s of $%(amount)s is recorded.")
                                 % {"what": payment.get_kind_display(),
                                    "receipt": payment.receipt_number,
                                    "amount": payment.amount})
                return redirect("payments:application", pk=pk)
    page = Paginator(application.payments.select_related("recorded_by").order_by(
        "-received_on", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "payments/application.html", {
        "application": application, "form": form, "page": page,
        "due": services.due_for(application),
        "version": staleness.version_of(application)})


@permission_required_404("payments.manage")
def renewal_payments(request, pk):
    """A renewal's payments and the form to record one (the renewal's coordinator page shows
    the same form and posts here; done, the coordinator goes back to the renewal)."""
    renewal = get_object_or_404(Renewal.objects.select_related("holder"), pk=pk)
    if renewal.holder_id == request.user.pk:
        raise Http404
    form = RenewalPaymentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            changes = staleness.stale(renewal, request.POST)
            if changes:
                form.add_error(None, staleness.describe(changes))
                status = 409
            else:
                data = form.cleaned_data
                try:
                    payment = services.record_renewal_payment(
                        renewal, amount=data["amount"], method=data["method"],
                        received_on=data["received_on"], reference=data["reference"],
                        purpose=data["purpose"], refund=data["refund"], actor=request.user)
                except services.PaymentError as exc:
                    form.add_error("amount", str(exc))
                else:
                    messages.success(
                        request, _("%(what)s %(receipt)s of $%(amount)s is recorded.")
                        % {"what": payment.get_kind_display(),
                           "receipt": payment.receipt_number, "amount": payment.amount})
                    return redirect("renewals:detail", pk=pk)
    renewal.refresh_from_db(fields=["fee_paid"])
    page = Paginator(renewal.payments.select_related("recorded_by").order_by(
        "-received_on", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "payments/renewal.html", {
        "renewal": renewal, "form": form, "page": page,
        "due": services.due_for_renewal(renewal),
        "version": staleness.version_of(renewal)}, status=status)


@login_required
def receipt(request, pk):
    payment = object_or_404(request.user, "payments.view_receipt", Payment.objects
                            .select_related("payer", "application", "renewal"), pk=pk)
    response = HttpResponse(services.render_receipt(payment), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="receipt-{payment.receipt_number}.pdf"')
    return response


def fee_panel(application, user) -> str:
    """What is due, how to pay and the receipts, for the applicant and the coordinator."""
    is_owner = user.is_authenticated and application.applicant_id == user.pk
    if not (is_owner or (user.is_authenticated and user.role == Role.COORDINATOR)):
        return ""
    due = services.due_for(application)
    return render_to_string("payments/_panel.html", {
        "application": application, "due": due, "is_owner": is_owner,
        # how to pay: for the applicant, until the fees are paid (the panel shows it then only)
        "instructions": services.instructions() if is_owner and not due.settled else "",
        "payments": services.recent_payments(application)})


def renewal_holder_panel(renewal, request) -> str:
    """What the renewal owes, what was paid, how to pay and the receipts, for its holder."""
    if renewal.holder_id != request.user.pk:
        return ""
    due = services.due_for_renewal(renewal)
    return render_to_string("payments/_renewal_panel.html", {
        "renewal": renewal, "due": due, "is_owner": True,
        "instructions": services.instructions(),
        "payments": list(renewal.payments.order_by("-received_on", "-pk")[:20])})


def renewal_staff_panel(renewal, request) -> str:
    """The same for the coordinator, with the form to record a payment or a refund."""
    user = request.user
    if not user.has_perm("payments.manage") or renewal.holder_id == user.pk:
        return ""
    payments = list(renewal.payments.select_related("recorded_by")
                    .order_by("-received_on", "-pk")[:PER_PAGE + 1])
    return render_to_string("payments/_renewal_panel.html", {
        "renewal": renewal, "due": services.due_for_renewal(renewal), "is_owner": False,
        "payments": payments[:PER_PAGE], "more": len(payments) > PER_PAGE,
        "form": RenewalPaymentForm(), "version": staleness.version_of(renewal)},
        request=request)
