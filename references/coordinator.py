"""The coordinator's reference pages: every request and rating of an application, vetting,
verifying a rater's Endorsement®, resending or extending a link. Others get 404."""
from datetime import timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from applicants.models import Application
from endorsement.access import permission_required_404

from . import services
from .forms import VerifyForm, VettingForm
from .models import ReferenceRequest, RequestStatus, Score

PERM = "references.manage_references"
SCORE_LABELS = dict(Score.choices)


def _rows(ref, areas):
    rating = getattr(ref, "rating", None)
    if rating is None or not rating.is_final:
        return None
    return [(area.name, SCORE_LABELS.get(rating.scores.get(area.key), "—")) for area in areas]


@permission_required_404(PERM)
def application(request, application_id):
    app = get_object_or_404(
        Application.objects.select_related("applicant").prefetch_related(Prefetch(
            "reference_requests",
            queryset=ReferenceRequest.objects.select_related("rating", "replaces")
            .prefetch_related("vettings__recorded_by"))),
        pk=application_id)
    _not_own(request, app)
    areas = services.areas_for(app)
    requests = list(app.reference_requests.all())
    return render(request, "references/coordinator_application.html", {
        "application": app,
        "entries": [{"ref": r, "rating": getattr(r, "rating", None), "rows": _rows(r, areas)}
                    for r in requests],
        "status": services.section_status(app),
        "verify_form": VerifyForm(),
        "revivable": services.TRANSITIONS["resend"],
    })


def _ref(request, request_id):
    ref = get_object_or_404(ReferenceRequest.objects.select_related("application"),
                            pk=request_id)
    _not_own(request, ref.application)
    return ref


def _not_own(request, application):
    """A coordinator does not vet or verify the raters of their own application."""
    if application.applicant_id == request.user.pk:
        raise Http404


def _back(ref):
    return redirect("references:coordinator_application", application_id=ref.application_id)


@permission_required_404(PERM)
@require_POST
def resend(request, request_id):
    ref = _ref(request, request_id)
    try:
        services.resend_link(ref, request.user)
        messages.success(request, f"A new link was emailed to {ref.rater_name}; the old one "
                                  "no longer works.")
    except services.RequestStateError:
        messages.error(request, "This request is finished; its link cannot be sent again.")
    return _back(ref)


@permission_required_404(PERM)
@require_POST
def extend(request, request_id):
    ref = _ref(request, request_id)
    try:
        ref = services.extend_link(ref, request.user)
        messages.success(request, f"The link to {ref.rater_name} now works until "
                                  f"{ref.token_expires_at:%B %-d, %Y}.")
    except services.RequestStateError:
        messages.error(request, "This request is finished; its link cannot be extended.")
    return _back(ref)


@permission_required_404(PERM)
@require_POST
def verify(request, request_id):
    ref = _ref(request, request_id)
    form = VerifyForm(request.POST)
    if request.POST.get("verified") == "no":
        services.verify_endorsement(ref, request.user, verified=False)
        messages.success(request, f"{ref.rater_name}'s Endorsement® is marked as not verified.")
    elif form.is_valid():
        services.verify_endorsement(ref, request.user, level=form.cleaned_data["level"])
        messages.success(request, f"{ref.rater_name}'s Endorsement® is marked as verified.")
    else:
        messages.error(request, "Choose the Endorsement® level you checked.")
    return _back(ref)


@permission_required_404(PERM)
@require_http_methods(["GET", "POST"])
def vet(request, request_id):
    ref = _ref(request, request_id)
    form = VettingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.vet_rater(ref, request.user, **form.cleaned_data)
        messages.success(request, f"The call with {ref.rater_name} is recorded.")
        return _back(ref)
    return render(request, "references/vet.html", {"ref": ref, "form": form})


@permission_required_404(PERM)
def overview(request):
    """Requests that need the coordinator, so none stalls unnoticed."""
    now = timezone.now()
    base = ReferenceRequest.objects.select_related("application__applicant").exclude(
        status=RequestStatus.REPLACED).exclude(  # a coordinator who applied: not their own
        application__applicant=request.user).order_by("application_id", "id")
    return render(request, "references/coordinator_overview.html", {
        "groups": [
            ("Ratings flagged for too many “not enough information” answers",
             base.filter(rating__flagged=True, status=RequestStatus.SUBMITTED)),
            ("Declined or expired, not yet replaced",
             base.filter(status__in=services.NEEDS_ACTION)),
            ("Raters' Endorsement® to verify",
             base.filter(endorsement_verified=False).exclude(rater_endorsement="")),
            ("Links expiring within 7 days",
             base.filter(status__in=services.PENDING,
                         token_expires_at__lte=now + timedelta(days=7))),
        ],
    })
