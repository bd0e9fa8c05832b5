"""Pages for reviewer reviews, versions, the decision and hand-entered Endorsements®.
Anyone else gets 404."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, trans_real
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants import workflow
from applicants.models import Application, Status, SubmissionVersion
from endorsement.access import permission_required_404
from endorsement.credentials.models import Endorsement
from endorsement.credentials.services import record_endorsement
from references.models import ReferenceRequest, Score
from references.status import areas_for as rating_areas

from . import reviewing
from .forms import ConflictForm, DecisionForm, EndorsementEntryForm, ReviewForm
from .models import ReviewAssignment
from .services import ReviewError

SCORES = dict(Score.choices)
DECISIONS = (Status.APPROVED_FOR_EXAM, Status.ENDORSED, Status.NOT_ENDORSED, Status.DEFERRED)


def _assignment(request, assignment_id):
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("application__applicant"), pk=assignment_id)
    if not request.user.has_perm("reviews.review", assignment):
        raise Http404
    return assignment


def _ratings(application):
    """The final reference ratings, area by area (reviewers read them: the waiver says so)."""
    areas = rating_areas(application)
    rows = []
    for ref in ReferenceRequest.objects.filter(application=application).select_related("rating"):
        rating = getattr(ref, "rating", None)
        if rating is None or not rating.is_final:
            continue
        rows.append({"ref": ref, "rating": rating,
                     "scores": [(_(a.name), SCORES.get(rating.scores.get(a.key), "—"))
                                for a in areas]})
    return rows


# The review form's fields as an unanswered form renders them, per language and set of
# competency areas: the same for every reviewer of a level, and ~18 crispy fields are most of
# the page's time. A form posted back with values or errors is rendered afresh.
_BLANK_FORMS: dict = {}


def _blank_form_html(form, areas) -> str:
    # the active catalog itself (kept by the key, so never mistaken for another), not only
    # its language: a catalog replaced while the process runs renders afresh
    key = (get_language(), trans_real.catalog(),
           tuple((a.key, str(a.name), tuple(map(str, a.items))) for a in areas))
    html = _BLANK_FORMS.get(key)
    if html is None:
        if len(_BLANK_FORMS) > 100:
            _BLANK_FORMS.clear()
        html = _BLANK_FORMS[key] = render_to_string("reviews/_review_fields.html",
                                                    {"form": form})
    return html


@permission_required_404("reviews.view_assigned")
def review(request, assignment_id):
    """The reviewer's page: declare a conflict first; then read and review."""
    assignment = _assignment(request, assignment_id)
    application = assignment.application
    areas = reviewing.areas_for(application)
    own = reviewing.own_review(assignment)
    submitted = own is not None and own.submitted_at is not None
    form = None
    if assignment.conflict is False and not submitted and application.status == Status.IN_REVIEW:
        form = ReviewForm(request.POST or None, areas=areas)
        if request.method == "POST" and form.is_valid():
            try:
                reviewing.submit_review(
                    assignment, areas=form.areas_data(),
                    recommendation=form.cleaned_data["recommendation"],
                    reasons=form.cleaned_data["reasons"], actor=request.user)
            except ReviewError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your review is submitted. Thank you."))
                return redirect("reviews:review", assignment_id=assignment.pk)
    elif request.method == "POST":
        messages.error(request, _("This review cannot be changed now."))
        return redirect("reviews:review", assignment_id=assignment.pk)
    context = {"assignment": assignment, "application": application, "form": form,
               "blank_form_html": (_blank_form_html(form, areas)
                                   if form is not None and not form.is_bound else ""),
               "own": own, "submitted": submitted,
               "conflict_form": ConflictForm() if assignment.conflict is None else None}
    if assignment.conflict is False:
        snapshot = application.snapshot or {}
        context.update({
            "answers": snapshot.get("answers"), "can_download": True,
            "ratings": _ratings(application),
            "versions": application.versions.defer("snapshot"),  # counted, not read
            # Another reviewer's review only once one's own is in.
            "others": ([r for r in reviewing.submitted_reviews(application)
                        if r.assignment_id != assignment.pk] if submitted else None),
            "area_names": {a.key: _(a.name) for a in areas},
        })
    return render(request, "reviews/review.html", context)


@require_POST
@permission_required_404("reviews.view_assigned")
def declare(request, assignment_id):
    assignment = _assignment(request, assignment_id)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            reviewing.declare_conflict(assignment, conflict=form.cleaned_data["conflict"],
                                       note=form.cleaned_data["note"], actor=request.user)
        except ReviewError as error:
            messages.error(request, str(error))
            return redirect("reviews:review", assignment_id=assignment.pk)
        if form.cleaned_data["conflict"]:
            messages.success(request, _("Thank you: the coordinator will ask someone else."))
            return redirect("reviews:assigned")
        return redirect("reviews:review", assignment_id=assignment.pk)
    return render(request, "reviews/review.html", {
        "assignment": assignment, "application": assignment.application,
        "conflict_form": form})


def _managed(request, pk):
    application = get_object_or_404(Application.objects.select_related("applicant"), pk=pk)
    if application.applicant_id == request.user.pk:
        raise Http404
    return application


@permission_required_404("reviews.manage_application")
def reviews_side_by_side(request, pk):
    application = _managed(request, pk)
    areas = reviewing.areas_for(application)
    done = list(reviewing.submitted_reviews(application))
    rows = [{"area": area, "cells": [r.areas.get(area.key, {}) for r in done]} for area in areas]
    assignments = application.review_assignments.select_related("reviewer")
    return render(request, "reviews/reviews.html", {
        "application": application, "reviews": done, "rows": rows,
        "assignments": assignments, "needed": reviewing.reviews_required(),
        "version": reviewing.current_version(application),
    })


def _decision_page(request, application, form, status=200):
    moves = [m for m in workflow.allowed(application, request.user) if m.target in DECISIONS]
    return render(request, "reviews/decide.html", {
        "application": application, "form": form,
        "moves": [{"move": m, "refusal": workflow.refusal(application, m.target,
                                                          actor=request.user)}
                  for m in moves],
        "reviews_done": reviewing.submitted_reviews(application).count(),
        "needed": reviewing.reviews_required(),
    }, status=status)


@permission_required_404("reviews.manage_application")
def decide(request, pk):
    """The decision: endorse, approve to sit the exam, defer or do not endorse."""
    application = _managed(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = request.POST.get("to_status", "")
        if target not in DECISIONS:
            form.add_error(None, _("Choose one of the decisions."))
        else:
            try:
                workflow.transition(application, target, actor=request.user,
                                    note=form.cleaned_data["note"])
            except workflow.TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The decision is recorded: %(status)s.")
                                 % {"status": application.get_status_display()})
                return redirect("reviews:application", pk=pk)
    return _decision_page(request, application, form)


@login_required
def versions(request, pk):
    """Every submitted version, and what changed between two of them."""
    application = get_object_or_404(Application.objects.select_related("applicant"), pk=pk)
    if not request.user.has_perm("reviews.view_versions", application):
        raise Http404
    page = Paginator(application.versions.select_related("submitted_by"), 25).get_page(
        request.GET.get("page"))
    numbers = list(application.versions.values_list("number", flat=True))
    compare = None
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        a = b = None
    if a in numbers and b in numbers and a != b:
        older, newer = (application.versions.get(number=n) for n in sorted((a, b)))
        compare = {"older": older, "newer": newer, "rows": reviewing.changes(older, newer)}
    elif len(numbers) >= 2 and "a" not in request.GET:
        a, b = numbers[-2], numbers[-1]
    return render(request, "reviews/versions.html", {
        "application": application, "page": page, "numbers": numbers, "compare": compare,
        "a": a, "b": b,
    })


@login_required
def version(request, pk, number):
    application = get_object_or_404(Application.objects.select_related("applicant"), pk=pk)
    if not request.user.has_perm("reviews.view_versions", application):
        raise Http404
    kept = get_object_or_404(SubmissionVersion, application=application, number=number)
    return render(request, "reviews/version.html", {
        "application": application, "version": kept,
        "answers": (kept.snapshot or {}).get("answers"), "can_download": False,
    })


@permission_required_404("reviews.enter_endorsement")
def enter_endorsement(request):
    """A coordinator enters an Endorsement® made before this system (e.g. a reviewer's)."""
    form = EndorsementEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.holder.pk == request.user.pk:
        # No one records their own Endorsement®: another coordinator does.
        form.add_error("email", _("You cannot enter your own Endorsement®; ask another "
                                  "coordinator to enter it."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        endorsement = record_endorsement(
            holder=form.holder, program=data["program"], category=data["category"],
            issued_on=data["issued_on"], valid_through=data["valid_through"],
            rules_edition=settings.RULES_EDITION, actor=request.user, ers=data["ers"])
        messages.success(request, _("Endorsement® %(number)s is recorded for %(name)s.")
                         % {"number": endorsement.number, "name": form.holder.display_name})
        return redirect("reviews:endorsement_add")
    recent = Paginator(Endorsement.objects.filter(application__isnull=True)
                       .select_related("holder"), 20).get_page(request.GET.get("page"))
    return render(request, "reviews/endorsement_add.html", {"form": form, "recent": recent})
