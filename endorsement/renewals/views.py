"""The holder's renewal page (the evidence log, the checklist, sign and submit) and the
coordinator's renewal queue. Strangers get 404."""
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from applicants import once
from applicants.forms import RscForm, TrainingForm
from applicants.models import EvidenceLog, RscSession, TrainingEntry
from endorsement import audit
from endorsement.access import object_or_404, permission_required_404
from endorsement.credentials.certificates import current_certificate
from endorsement.credentials.models import Endorsement, EndorsementStatus

from . import services
from .forms import DetailsForm, QueueForm, ReturnForm, SeenForm, SubmitForm
from .models import Renewal, RenewalStatus
from .panels import render_panels

MANAGE = "renewals.manage_renewals"
NOT_READY = {
    "attestations": gettext_lazy("Tick both statements to sign."),
    "name": gettext_lazy("Type your full name exactly as it is printed on your certificate."),
    "checklist": gettext_lazy("Your renewal does not meet every requirement yet; see what "
                              "is missing."),
}
EVENT_LABELS = {
    "renewal.opened": gettext_lazy("Opened by the holder"),
    "renewal.details_saved": gettext_lazy("Membership and RSC details saved"),
    "renewal.submitted": gettext_lazy("Signed and submitted"),
    "renewal.fee_recorded": gettext_lazy("Fee status changed (from the payments)"),
    "payment.recorded": gettext_lazy("Payment recorded"),
    "payment.refunded": gettext_lazy("Refund recorded"),
    "renewal.approved": gettext_lazy("Approved"),
    "renewal.returned": gettext_lazy("Returned with a message"),
}


def _context(renewal, today):
    endorsements = list(renewal.endorsements.all())
    training, rsc = services.log_rows(renewal)
    start, end = services.period_of(renewal)
    verdict = services.checklist(renewal, endorsements, (training, rsc))
    fee, late = services.renewal_fee(renewal, today)
    return {"renewal": renewal, "endorsements": endorsements, "verdict": verdict,
            "missing": services.missing_in_words(verdict),
            "training": training, "rsc": rsc, "period_start": start, "period_end": end,
            "fee": fee, "late_fee": late, "late_fee_setting": services.fee_for(
                renewal.due_on, renewal.due_on + timedelta(days=1),
                endorsements[0].category if endorsements else "")[1],
            "opens_on": services.window_opens(renewal.due_on),
            "membership": services.membership_of(renewal)}


@login_required
def mine(request, details_form=None, submit_form=None, status=200):
    today = timezone.localdate()
    renewal = services.current_renewal(request.user, today)
    due = services.due_endorsements(request.user, today)
    holds = Endorsement.objects.filter(holder=request.user).exists()
    ctx = {"due": due, "renewal": renewal, "holds": holds}
    if renewal is not None:
        ctx.update(_context(renewal, today))
        membership = ctx["membership"]
        ctx["details_form"] = details_form or DetailsForm(initial={
            "membership_number": membership.number if membership else "",
            "membership_expires": membership.valid_through if membership else None,
            "provides_rsc": renewal.provides_rsc})
        ctx["submit_form"] = submit_form or SubmitForm()
        ctx["panels"] = render_panels("holder", renewal, request)
    else:
        ctx["training"], ctx["rsc"] = services.log_rows_of(request.user)
        # The last renewal (approved) keeps its fee, payments and receipts in reach.
        last = Renewal.objects.filter(holder=request.user).first()
        ctx["last_renewal"] = last
        ctx["panels"] = render_panels("holder", last, request) if last else []
        if due is None:
            next_due = services.next_due_on(request.user)
            ctx["next_due"] = next_due
            ctx["next_opens"] = services.window_opens(next_due) if next_due else None
        else:
            ctx["due_fee"] = services.fee_for(due[1], today, due[2][0].category)
    locked = services.locked_years(request.user.pk)
    for row in [*ctx["training"], *ctx["rsc"]]:
        row.locked = row.date.year in locked
    return render(request, "renewals/mine.html", ctx, status=status)


@login_required
@require_POST
def open_renewal(request):
    try:
        services.open_renewal(request.user)
    except services.NotDue:
        messages.info(request, _("No renewal is due for you now."))
    return redirect("renewals:mine")


def _own(request, pk):
    return object_or_404(request.user, "renewals.change_renewal",
                         Renewal.objects.select_related("holder"), pk=pk)


@login_required
@require_POST
def details(request, pk):
    renewal = _own(request, pk)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return mine(request, details_form=form, status=400)
    services.save_details(renewal.pk, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Your renewal details were saved."))
    return redirect("renewals:mine")


@login_required
@require_POST
def submit(request, pk):
    renewal = _own(request, pk)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            services.submit_renewal(renewal.pk, actor=request.user, **form.cleaned_data)
        except services.NotReady as why:
            form.add_error(None, NOT_READY[why.args[0]])
        except services.NotAllowed:
            form.add_error(None, _("This renewal was already submitted."))
        else:
            messages.success(request, _("Your renewal is submitted. The Endorsement "
                                        "Coordinator will review it."))
            return redirect("renewals:mine")
    return mine(request, submit_form=form, status=400)


LOG_KINDS = {"training": (TrainingEntry, TrainingForm), "rsc": (RscSession, RscForm)}


def _held_program(user):
    """The program and category the forms offer competency areas for: the person's latest
    Endorsement®. Someone who holds none keeps their log through their application: 404."""
    held = (Endorsement.objects.filter(holder=user).exclude(status=EndorsementStatus.REVOKED)
            .order_by("-valid_through", "-id").first())
    if held is None:
        raise Http404
    return SimpleNamespace(program=held.program, category=held.category)


def _log_row_form(request, form_class, noun, instance=None):
    """Add (or change) a training or an RSC session in the person's evidence log, all year,
    with the applicants' own form and its checks (the rows their applications read too)."""
    program = _held_program(request.user)
    if instance is None and (with_token := once.token_in_url(request)):
        return with_token
    form = form_class(request.POST or None, instance=instance, application=program)
    done = reverse("renewals:mine")
    if request.method == "POST":
        if instance is None and (url := once.saved_before(request)):
            return once.already_saved_response(request, url)
        if form.is_valid():
            try:
                with once.saving_once(request, done):
                    row = form.save(commit=False)
                    row.log = EvidenceLog.of(request.user)
                    row.save()
            except once.AlreadySaved as saved:
                return once.already_saved_response(request, saved.url)
            messages.success(request, _("Saved in your evidence log."))
            return redirect(done)
    return render(request, "renewals/row_form.html", {
        "form": form, "noun": noun, "row": instance,
        "kind": "rsc" if form_class is RscForm else "training",
        "form_token": once.token_for(request)},
        status=400 if request.method == "POST" else 200)


def _log_row(request, kind, row_id):
    if kind not in LOG_KINDS:
        raise Http404
    model, form_class = LOG_KINDS[kind]
    # A row the program confirmed (a trainer's roll) is not the person's to change: 404.
    return get_object_or_404(model.objects.for_user(request.user).filter(
        confirmed_at__isnull=True), pk=row_id), form_class


def _refuse_locked(request, row):
    if isinstance(row, RscSession) and row.confirmed:  # credited by a group's roll
        messages.info(request, _("This session was confirmed by %(name)s, so it cannot be "
                                 "changed or removed.") % {"name": row.confirmed_by})
        return redirect("renewals:mine")
    year = services.locked_year(row)
    if year is None:
        return None
    messages.info(request, _("This entry is part of your renewal for %(year)s, which is "
                             "submitted or approved, so it cannot be changed now.")
                  % {"year": year})
    return redirect("renewals:mine")


@login_required
def edit_row(request, kind, row_id):
    row, form_class = _log_row(request, kind, row_id)
    if refused := _refuse_locked(request, row):
        return refused
    noun = _("Change a training") if kind == "training" else _("Change an RSC session")
    return _log_row_form(request, form_class, noun, instance=row)


@login_required
@require_POST
def remove_row(request, kind, row_id):
    row, _form = _log_row(request, kind, row_id)
    if refused := _refuse_locked(request, row):
        return refused
    services.remove_log_row(row, actor=request.user)
    messages.success(request, _("Removed from your evidence log."))
    return redirect("renewals:mine")


@login_required
def add_training(request):
    return _log_row_form(request, TrainingForm, _("Add a training"))


@login_required
def add_rsc(request):
    return _log_row_form(request, RscForm,
                         _("Add a reflective supervision/consultation session"))


# --- the coordinator ------------------------------------------------------------------------

@permission_required_404(MANAGE)
def queue(request):
    form = QueueForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    renewals = (Renewal.objects.select_related("holder").exclude(holder_id=request.user.pk)
                .order_by("submitted_at", "id"))
    if status == "":
        renewals = renewals.filter(status=RenewalStatus.SUBMITTED)
    elif status != "all":
        renewals = renewals.filter(status=status)
    page = Paginator(renewals, settings.RENEWAL_QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "renewals/queue.html", {"form": form, "page": page,
                                                    "query": query.urlencode()})


def _staff_detail(request, renewal, return_form=None, status=200):
    ctx = _context(renewal, timezone.localdate())
    ctx["verdict"] = services.checklist(renewal, ctx["endorsements"],
                                        (ctx["training"], ctx["rsc"]), audience="staff")
    ctx["missing"] = services.missing_in_words(ctx["verdict"])
    for endorsement in ctx["endorsements"]:
        endorsement.certificate = current_certificate(endorsement)
    events = list(audit.events_for(renewal)[:50])
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    ctx["events"] = events
    ctx["panels"] = render_panels("staff", renewal, request)
    seen = services.version_of(renewal)
    ctx.update(seen_form=SeenForm(initial={"seen": seen}),
               return_form=return_form or ReturnForm(initial={"seen": seen}))
    return render(request, "renewals/detail.html", ctx, status=status)


def _renewal(request, pk):
    """A renewal the coordinator may manage: never their own (a stranger's 404)."""
    return get_object_or_404(Renewal.objects.select_related("holder")
                             .exclude(holder_id=request.user.pk), pk=pk)


@permission_required_404(MANAGE)
def detail(request, pk):
    return _staff_detail(request, _renewal(request, pk))


def _staff_action(request, pk, action, done_text, form_class=SeenForm, **extra):
    renewal = _renewal(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        if form_class is ReturnForm and "seen" not in form.errors:
            return _staff_detail(request, renewal, return_form=form, status=400)
        messages.error(request, _("This renewal changed while you were looking at it; "
                                  "nothing was saved."))
        return redirect("renewals:detail", pk=pk)
    data = dict(form.cleaned_data)
    try:
        action(renewal.pk, actor=request.user, **data)
    except services.NotAllowed:
        messages.error(request, _("This renewal changed while you were looking at it, or the "
                                  "fee is not paid in full yet; nothing was saved. Check it "
                                  "below and try again."))
        fresh = _renewal(request, pk)
        retry = None
        if form_class is ReturnForm:
            retry = ReturnForm(initial={"seen": services.version_of(fresh),
                                        "message": data.get("message", "")})
        return _staff_detail(request, fresh, return_form=retry, status=409)
    messages.success(request, done_text)
    return redirect("renewals:detail", pk=pk)


@permission_required_404(MANAGE)
@require_POST
def approve(request, pk):
    return _staff_action(request, pk, services.approve_renewal,
                         _("The renewal is approved; new certificates are being made."))


@permission_required_404(MANAGE)
@require_POST
def return_it(request, pk):
    return _staff_action(request, pk, services.return_renewal,
                         _("The renewal is returned to the holder with your message."),
                         form_class=ReturnForm)
