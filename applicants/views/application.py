"""The task list, checking the answers and submitting, the submitted view, withdrawing."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from endorsement.guidelines import for_audience

from .. import panels
from ..models import Status
from ..outstanding import outstanding
from ..sections import BY_ID, resume_section, task_list
from ..services import answers, dossier, dossier_with_panels, submission_blockers
from ..workflow import TransitionError, transition
from .access import editable_view, viewable


@login_required
def application_home(request, pk):
    application = viewable(request, pk)
    if not request.user.has_perm("applicants.change_application", application):
        return redirect("applicants:submitted", pk=application.pk)
    tasks = task_list(application)
    last = resume_section(application, tasks) if application.last_section else None
    done = sum(1 for t in tasks if t["status"] == "complete")
    return render(request, "applicants/application.html", {
        "application": application, "tasks": tasks, "done": done,
        "checklist": dossier(application).verdict["requirements"],
        "last_section": last, "last_url": last.url(application) if last else "",
        "messages_from_coordinator": list(application.coordinator_messages.all()),
    })


@editable_view
def review(request, application):
    """Check your answers, then submit."""
    blockers = submission_blockers(application)
    if request.method == "POST":
        # Not through a form: drop NUL characters, which PostgreSQL text cannot hold.
        note = request.POST.get("note", "").replace("\x00", "").strip()[:2000]
        try:
            transition(application, Status.SUBMITTED, actor=request.user, note=note)
        except TransitionError:
            messages.error(request, _("Your application could not be submitted yet. "
                                      "See what is still missing below."))
            return redirect("applicants:review", pk=application.pk)
        messages.success(request, _("Thank you. Your application has been submitted. We "
                                    "sent you a confirmation email."))
        return redirect("applicants:submitted", pk=application.pk)
    return render(request, "applicants/review.html", {
        "application": application, "answers": answers(application), "blockers": blockers,
        "show_rsc": BY_ID["rsc"].is_applicable(application),
        "show_leadership": BY_ID["leadership"].is_applicable(application),
        "checklist": dossier(application).verdict["requirements"],
    })


@login_required
def submitted(request, pk):
    """Read-only: what was submitted (the snapshot), the timeline and messages."""
    application = viewable(request, pk)
    snapshot = application.snapshot
    if snapshot:
        shown, requirements = snapshot["answers"], snapshot["checklist"]["requirements"]
        panels.preload(application)  # what the panels show, in one query
    else:  # a draft seen by its advisor or a coordinator: the answers so far
        requirements = dossier_with_panels(application).verdict["requirements"]
        shown = answers(application)
    # Re-rendered from the stored messages in the reader's language: staff read about the
    # applicant, the applicant is spoken to (the snapshot keeps messages, not just English).
    audience = "applicant" if application.applicant_id == request.user.pk else "staff"
    requirements = for_audience({"requirements": requirements}, audience)["requirements"]
    return render(request, "applicants/submitted.html", {
        "application": application, "answers": shown, "checklist": requirements,
        "snapshot": snapshot,
        "events": application.events.select_related("actor"),
        "messages_from_coordinator": application.coordinator_messages.select_related("author"),
        "is_owner": application.applicant_id == request.user.pk,
        "outstanding": (outstanding(application) if application.submitted_at
                        and application.applicant_id == request.user.pk else []),
        "can_edit": request.user.has_perm("applicants.change_application", application),
        "can_download": request.user.has_perm("applicants.view_document", application),
    })


@editable_view
@require_POST
def withdraw(request, application):
    try:
        transition(application, Status.WITHDRAWN, actor=request.user)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("applicants:application", pk=application.pk)
    messages.success(request, _("Your application was withdrawn."))
    return redirect("applicants:home")
