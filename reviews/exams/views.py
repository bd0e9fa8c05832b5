"""Exam pages: the coordinator's sittings, candidates and results; the reviewer's blind scripts;
the result panel on the candidate's own application page."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.workflow import TransitionError
from endorsement.access import object_or_404, permission_required_404
from endorsement.models import Role

from . import services
from .forms import (
    AccommodationForm,
    EnrolForm,
    Part1Form,
    ScorerForm,
    SittingForm,
    VignetteAnswersForm,
    VignetteScoreForm,
)
from .models import ExamEnrolment, ExamSitting, VignetteScore
from .services import ExamError, StaleForm

PER_PAGE = 25


def _page_of(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# --- Sittings --------------------------------------------------------------------------------

@permission_required_404("exams.manage")
def sittings(request):
    # Each sitting of the page counts its own candidates (on the enrolments' sitting index),
    # rather than every enrolment ever made grouped by sitting before the page is cut.
    seats_taken = (ExamEnrolment.objects.filter(sitting=OuterRef("pk")).order_by()
                   .values("sitting").annotate(n=Count("*")).values("n"))
    queryset = ExamSitting.objects.annotate(
        enrolled=Coalesce(Subquery(seats_taken), 0)).order_by("-starts_at", "-pk")
    return render(request, "exams/sittings.html", {"page": _page_of(request, queryset)})


@permission_required_404("exams.manage")
def sitting_add(request):
    form = SittingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sitting = services.create_sitting(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The sitting is set up. Enrol candidates below."))
        return redirect("exams:sitting", pk=sitting.pk)
    return render(request, "exams/sitting_form.html", {"form": form, "sitting": None})


@permission_required_404("exams.manage")
def sitting_edit(request, pk):
    sitting = get_object_or_404(ExamSitting, pk=pk)
    if request.method != "POST":
        form = SittingForm(instance=sitting, initial={"version": sitting.version})
        return render(request, "exams/sitting_form.html", {"form": form, "sitting": sitting})
    form = SittingForm(request.POST, instance=ExamSitting.objects.get(pk=pk))
    if form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.SITTING_FIELDS}
        try:
            services.update_sitting(sitting, version=form.cleaned_data["version"] or 0,
                                    actor=request.user, **data)
        except (ExamError, TransitionError) as exc:
            form.add_error(None, str(exc))
            if isinstance(exc, StaleForm):
                sitting.refresh_from_db()
                form.data = form.data.copy()
                form.data["version"] = sitting.version
        else:
            messages.success(request, _("The sitting is saved."))
            return redirect("exams:sitting", pk=pk)
    return render(request, "exams/sitting_form.html",
                  {"form": form, "sitting": sitting, "current": sitting}, status=200)


def _roster(sitting):
    return (sitting.enrolments.select_related("application__applicant")
            .annotate(scored=Count("vignette_scores",
                                   filter=Q(vignette_scores__score__isnull=False)),
                      scorer_count=Count("vignette_scores"))
            .order_by("application__applicant__last_name", "pk"))


def _sitting_page(request, sitting, enrol_form=None, status=200):
    enrolments = list(_roster(sitting))
    return render(request, "exams/sitting.html", {
        "sitting": sitting,
        "enrolments": enrolments,
        "seats_left": max(sitting.capacity - len(enrolments), 0),
        "upcoming": sitting.starts_at > timezone.now(),
        "enrol_form": enrol_form or EnrolForm(candidates=services.candidates_for(sitting)),
        "deadline": services.accommodation_deadline(sitting),
    }, status=status)


@permission_required_404("exams.manage")
def sitting_detail(request, pk):
    return _sitting_page(request, get_object_or_404(ExamSitting, pk=pk))


@require_POST
@permission_required_404("exams.manage")
def enrol(request, pk):
    sitting = get_object_or_404(ExamSitting, pk=pk)
    form = EnrolForm(request.POST, candidates=services.candidates_for(sitting))
    if form.is_valid():
        application = form.cleaned_data["application"]
        if application.applicant_id == request.user.pk:
            raise Http404
        try:
            enrolment = services.enrol(
                sitting, application, actor=request.user,
                accommodation=form.cleaned_data["accommodation"],
                requested_on=form.cleaned_data["requested_on"])
        except (ExamError, TransitionError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s is enrolled, with candidate code %(code)s.")
                             % {"name": application.applicant.display_name,
                                "code": enrolment.candidate_code})
            return redirect("exams:sitting", pk=pk)
    return _sitting_page(request, sitting, enrol_form=form)


# --- One candidate: accommodation, part 1, vignette answers, scorers -------------------------

def _enrolment(request, pk) -> ExamEnrolment:
    enrolment = get_object_or_404(
        ExamEnrolment.objects.select_related("sitting", "application__applicant"), pk=pk)
    if enrolment.application.applicant_id == request.user.pk:
        raise Http404  # no one manages their own examination
    return enrolment


def _forms_for(enrolment):
    return {
        "accommodation_form": AccommodationForm(initial={
            "accommodation": enrolment.accommodation,
            "requested_on": enrolment.accommodation_requested_on,
            "version": enrolment.version}),
        "part1_form": Part1Form(initial={"part1_score": enrolment.part1_score,
                                         "version": enrolment.version}),
        "answers_form": VignetteAnswersForm(initial={
            "vignette_answers": enrolment.vignette_answers, "version": enrolment.version}),
        "scorer_form": None,
    }


def _enrolment_page(request, enrolment, **forms):
    scores = list(enrolment.vignette_scores.select_related("scorer"))
    context = {"enrolment": enrolment, "sitting": enrolment.sitting,
               "application": enrolment.application, "scores": scores,
               "edition": services.get_edition(enrolment.rules_edition),
               "open": enrolment.result == "pending",
               "upcoming": enrolment.sitting.starts_at > timezone.now(),
               "deadline": services.accommodation_deadline(enrolment.sitting),
               **_forms_for(enrolment)}
    context["scorer_form"] = ScorerForm(exclude=[s.scorer_id for s in scores])
    context.update(forms)
    return render(request, "exams/enrolment.html", context)


@permission_required_404("exams.manage")
def enrolment_detail(request, pk):
    return _enrolment_page(request, _enrolment(request, pk))


def _action(make_form, form_name, perform):
    """A POST on one candidate's page: the form is checked, then ``perform`` runs; a refusal
    is shown above the form, with everything typed kept."""

    @require_POST
    @permission_required_404("exams.manage")
    def view(request, pk):
        enrolment = _enrolment(request, pk)
        form = make_form(request.POST, enrolment)
        if form.is_valid():
            try:
                message = perform(enrolment, form.cleaned_data, request.user)
            except (ExamError, TransitionError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, message)
                return redirect("exams:enrolment", pk=pk)
        enrolment.refresh_from_db()
        return _enrolment_page(request, enrolment, **{form_name: form})

    return view


def _accommodation(enrolment, data, actor):
    services.record_accommodation(enrolment, text=data["accommodation"],
                                  requested_on=data["requested_on"], actor=actor,
                                  version=data["version"])
    return _("The accommodation is recorded.")


def _part1(enrolment, data, actor):
    done = services.record_part1(enrolment, score=data["part1_score"], actor=actor,
                                 version=data["version"])
    return (_("Part 1 is recorded: %(score)d%%, passed.") if done.part1_passed
            else _("Part 1 is recorded: %(score)d%%, not passed.")) % {"score": done.part1_score}


def _answers(enrolment, data, actor):
    services.save_vignette_answers(enrolment, text=data["vignette_answers"], actor=actor,
                                   version=data["version"])
    return _("The vignette answers are saved; the scorers can read them.")


def _assign(enrolment, data, actor):
    services.assign_scorer(enrolment, data["scorer"], actor=actor)
    return _("%(name)s will score this candidate's vignettes (by code, without the name).") % {
        "name": data["scorer"].display_name}


record_accommodation = _action(lambda data, e: AccommodationForm(data), "accommodation_form",
                               _accommodation)
record_part1 = _action(lambda data, e: Part1Form(data), "part1_form", _part1)
save_answers = _action(lambda data, e: VignetteAnswersForm(data), "answers_form", _answers)
assign_scorer = _action(
    lambda data, e: ScorerForm(data, exclude=e.vignette_scores.values_list("scorer_id", flat=True)),
    "scorer_form", _assign)


@require_POST
@permission_required_404("exams.manage")
def withdraw(request, pk):
    enrolment = _enrolment(request, pk)
    try:
        services.withdraw_from_sitting(enrolment, actor=request.user)
    except ExamError as exc:
        messages.error(request, str(exc))
        return redirect("exams:enrolment", pk=pk)
    messages.success(request, _("%(name)s is no longer in this sitting; the seat is free.")
                     % {"name": enrolment.application.applicant.display_name})
    return redirect("exams:sitting", pk=enrolment.sitting_id)


# --- The scorer's blind scripts --------------------------------------------------------------

def _scripts():
    """Scripts as a scorer sees them: the candidate code and the sitting, never the person.
    (Only the sitting is joined: no query here reads the application or its applicant.)"""
    return VignetteScore.objects.select_related("enrolment__sitting").only(
        "id", "score", "comment", "scored_at", "assigned_at", "scorer_id",
        "enrolment__id", "enrolment__candidate_code", "enrolment__vignette_answers",
        "enrolment__result", "enrolment__sitting__id", "enrolment__sitting__program",
        "enrolment__sitting__starts_at")


@permission_required_404("exams.view_scoring")
def scoring(request):
    queryset = _scripts().filter(scorer=request.user).order_by(
        "scored_at", "-enrolment__sitting__starts_at", "pk")
    return render(request, "exams/scoring.html", {"page": _page_of(request, queryset)})


@permission_required_404("exams.view_scoring")
def score(request, pk):
    row = object_or_404(request.user, "exams.score", _scripts(), pk=pk)
    form = VignetteScoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_vignette_score(row, score=form.cleaned_data["score"],
                                           comment=form.cleaned_data["comment"],
                                           actor=request.user)
        except (ExamError, TransitionError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your score for %(code)s is recorded. Thank you.")
                             % {"code": row.enrolment.candidate_code})
            return redirect("exams:scoring")
    return render(request, "exams/score.html", {"row": row, "script": row.enrolment,
                                                "form": form})


# --- On the candidate's application page ----------------------------------------------------

def result_panel(application, user) -> str:
    """The candidate's sitting and result, for the candidate and the coordinator (never the
    candidate code: a reviewer who scores blind must not be able to match it to a name)."""
    is_owner = user.is_authenticated and application.applicant_id == user.pk
    if not (is_owner or (user.is_authenticated and user.has_role(Role.COORDINATOR))):
        return ""
    enrolment = services.latest_result(application)
    if enrolment is None:
        return ""
    return render_to_string("exams/_result_panel.html", {
        "enrolment": enrolment, "is_owner": is_owner,
        "edition": services.get_edition(enrolment.rules_edition)})
