"""The coordinator's side: every Endorsement®, its history, status changes and renewals."""
from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from endorsement import audit
from endorsement.access import permission_required_404
from endorsement.counting import CountedPaginator
from endorsement.models import User

from . import public, services
from .certificates import current_certificate
from .forms import CoordinatorSearchForm, RenewalForm, StatusForm
from .models import Endorsement

PERM = "credentials.manage_endorsements"
EVENT_LABELS = {
    "endorsement.issued": _lazy("Endorsement® issued"),
    "endorsement.certificate_made": _lazy("Certificate made"),
    "endorsement.status_changed": _lazy("Status changed"),
    "endorsement.renewed": _lazy("Renewal recorded"),
    "endorsement.lapsed": _lazy("Lapsed (not renewed)"),
    "membership.recorded": _lazy("Membership recorded"),
}


def _held_by(holders) -> Q:
    """Endorsements® whose holder is among ``holders`` (a ``values("pk")`` of users).

    On PostgreSQL as ``holder_id = ANY(ARRAY(subquery))``: the holders are found once, and
    ORed with the number's trigram index the match is two bitmap index scans, then a sort of
    the matches (a number typed in full: a few). ``holder_id IN (subquery)`` under an OR
    reads every Endorsement® in number order, testing each (0.25 s at 100,000)."""
    if connection.vendor != "postgresql":
        return Q(holder_id__in=holders)
    sql, params = holders.query.sql_with_params()
    column = f"{connection.ops.quote_name(Endorsement._meta.db_table)}.\"holder_id\""
    return Q(RawSQL(f"{column} = ANY(ARRAY({sql}))", params,  # noqa: S611 - ORM's own SQL
                    output_field=BooleanField()))


@permission_required_404(PERM)
def endorsement_list(request):
    form = CoordinatorSearchForm(request.GET or None)
    # A coordinator's own Endorsement® is not theirs to manage (its page is 404): not listed.
    endorsements = (Endorsement.objects.select_related("holder").exclude(holder_id=request.user.pk)
                    .order_by("number"))
    if form.is_valid():
        search = form.cleaned_data["q"].replace("\x00", "").strip()
        for word in search.split()[:5]:
            # The holders matching are found on their own (trigram indexes on the user
            # table): an OR across the join would read every Endorsement® and its holder.
            holders = User.objects.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word)
                | Q(email__icontains=word)).values("pk")
            if Endorsement.objects.filter(number__icontains=word).exists():
                endorsements = endorsements.filter(Q(number__icontains=word)
                                                   | _held_by(holders))
            else:
                # A name or an address (no number has it): the holder alone, with no OR,
                # so PostgreSQL weighs the match: a common name walks the number index
                # until the page is full, a rare one gathers its few and sorts them.
                endorsements = endorsements.filter(holder_id__in=holders)
        if form.cleaned_data["status"]:
            endorsements = endorsements.filter(status=form.cleaned_data["status"])
    page = CountedPaginator(endorsements, settings.REGISTRY_PAGE_SIZE, group="registry").get_page(
        request.GET.get("page"))
    for endorsement in page.object_list:
        endorsement.state = public.state_of(endorsement)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "credentials/coordinator_list.html", {
        "form": form, "page": page, "query": query.urlencode()})


def _detail(request, endorsement, status_form=None, renewal_form=None, status=200):
    seen = services.version_of(endorsement)
    events = list(audit.events_for(endorsement)[:50])
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    return render(request, "credentials/coordinator_detail.html", {
        "endorsement": endorsement, "state": public.state_of(endorsement),
        "certificate": current_certificate(endorsement),
        "events": events,
        "status_form": status_form or StatusForm(endorsement=endorsement,
                                                 initial={"seen": seen}),
        "renewal_form": renewal_form or RenewalForm(initial={"seen": seen}),
        "can_renew": endorsement.status == "active",
        "next_valid_through": services.renewed_valid_through(endorsement),
    }, status=status)


def _endorsement(request, pk):
    """The Endorsement® to manage; a coordinator's own is not theirs to manage (404, as for
    their own application)."""
    endorsement = get_object_or_404(Endorsement.objects.select_related("holder"), pk=pk)
    if endorsement.holder_id == request.user.pk:
        raise Http404
    return endorsement


@permission_required_404(PERM)
def endorsement_detail(request, pk):
    return _detail(request, _endorsement(request, pk))


@permission_required_404(PERM)
@require_POST
def change_status(request, pk):
    endorsement = _endorsement(request, pk)
    form = StatusForm(request.POST, endorsement=endorsement)
    if not form.is_valid():
        return _detail(request, endorsement, status_form=form, status=400)
    try:
        services.change_status(endorsement.pk, status=form.cleaned_data["status"],
                               reason=form.cleaned_data["reason"], actor=request.user,
                               seen=form.cleaned_data["seen"])
    except (services.StaleChange, services.NotAllowed):
        messages.error(request, _("This Endorsement® changed while you were looking at it; "
                                  "nothing was saved. Check it below and try again."))
        # What was typed stays; the form now carries the new state.
        fresh = _endorsement(request, pk)
        retry = StatusForm(endorsement=fresh, initial={
            "status": form.cleaned_data["status"], "reason": form.cleaned_data["reason"],
            "seen": services.version_of(fresh)})
        return _detail(request, fresh, status_form=retry, status=409)
    messages.success(request, _("The status is changed and kept in the history."))
    return redirect("credentials:coordinator_detail", pk=pk)


@permission_required_404(PERM)
@require_POST
def record_renewal(request, pk):
    endorsement = _endorsement(request, pk)
    form = RenewalForm(request.POST)
    try:
        if not form.is_valid():
            raise services.StaleChange
        services.record_renewal(endorsement.pk, actor=request.user,
                                seen=form.cleaned_data["seen"])
    except (services.StaleChange, services.NotAllowed):
        messages.error(request, _("This Endorsement® changed while you were looking at it; "
                                  "nothing was saved. Check it below and try again."))
        return _detail(request, _endorsement(request, pk), status=409)
    messages.success(request, _("The renewal is recorded; a new certificate is being made."))
    return redirect("credentials:coordinator_detail", pk=pk)
