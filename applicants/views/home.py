"""The applicant's home, the category finder and starting an application."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from endorsement.access import permission_required_404
from endorsement.guidelines import (
    CATEGORIES,
    FINDER_DISCLAIMER,
    FinderError,
    applicable_questions,
    find_category,
)
from endorsement.i18n import finder_in_language

from .. import requirements
from ..models import EDITABLE_STATUSES, Application, Category, Program
from ..sections import BY_ID, resume_section
from ..services import start_application


@login_required
def home(request):
    applications = list(Application.objects.filter(applicant=request.user))
    shown = next((a for a in applications if a.is_editable), None)  # the one offered
    for application in applications:
        section = BY_ID.get(application.last_section)
        application.last_section_title = section.title if section else ""
        if application is shown and section is not None:
            section = resume_section(application)  # the next one not complete
        application.last_section_url = section.url(application) if section else ""
        application.resume_title = section.title if section else ""
    return render(request, "applicants/home.html", {
        "applications": applications, "editable": [a for a in applications if a.is_editable],
    })


@permission_required_404("applicants.view_advised")
def advised(request):
    applications = Application.objects.filter(advisor=request.user).select_related("applicant")
    return render(request, "applicants/advised.html", {"applications": applications})


def _category_options(program):
    return [(code, _("Level %(level)s: %(name)s (%(code)s)") % {
        "level": code, "name": cat.name_for(program), "code": cat.code_for(program)})
        for code, cat in CATEGORIES.items()]


@login_required
def finder(request):
    """One page, answered step by step with GET: each answer reveals the next question."""
    answers = {k: v for k, v in request.GET.items() if v}
    questions = applicable_questions(answers)
    # Drop answers to questions that no longer apply (the person changed an earlier answer).
    keys = {q.key for q in questions} | {requirements.DEGREE_QUESTION.key}
    answers = {k: v for k, v in answers.items() if k in keys}
    if answers.get("degree") not in dict(requirements.DEGREE_QUESTION.choices):
        answers.pop("degree", None)
    # The highest degree is asked first: it decides what the category's requirements mean.
    questions = (requirements.DEGREE_QUESTION, *applicable_questions(answers))
    recommendation = None
    if all(q.key in answers for q in questions):
        try:
            recommendation = find_category(
                {k: v for k, v in answers.items() if k != "degree"})
        except FinderError:
            recommendation = None
    program = (recommendation.program if recommendation and recommendation.program
               else Program.IMH_E)
    shown, shown_recommendation = finder_in_language(questions, recommendation)
    return render(request, "applicants/finder.html", {
        "questions": shown, "answers": answers, "recommendation": shown_recommendation,
        "disclaimer": _(FINDER_DISCLAIMER), "programs": Program.choices,
        "categories": _category_options(program), "program": program,
        "next_unanswered": next((q.key for q in questions if q.key not in answers), None),
        "missing": _missing(request, questions, answers),
        "requires": (requirements.summary(recommendation.level)
                     if recommendation and recommendation.level else []),
        "degree_note": (requirements.degree_note(recommendation.level, answers.get("degree"))
                        if recommendation and recommendation.level else ""),
    })


def _missing(request, questions, answers):
    """The question left unanswered when Next was pressed (the form sends, as ``step``, the
    question it was waiting for)."""
    asked = request.GET.get("step")
    keys = [q.key for q in questions]
    return asked if asked in keys and asked not in answers else None


@login_required
@require_POST
def start(request):
    program, category = request.POST.get("program"), request.POST.get("category")
    if program not in Program.values or category not in Category.values:
        raise Http404
    existing = Application.objects.filter(
        applicant=request.user, program=program, category=category,
        status__in=EDITABLE_STATUSES).first()
    application = existing or start_application(request.user, program, category)
    return redirect("applicants:application", pk=application.pk)
