"""Coordinator queues and application pages, and the reviewer's list of assignments."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from applicants.case import checklist
from applicants.models import Application, Status
from applicants.workflow import TransitionError, allowed_moves
from endorsement.access import permission_required_404

from . import queues, services
from .forms import AssignForm, FeeForm, MessageForm, ReturnForm
from .models import ReviewAssignment


@permission_required_404("reviews.view_queue")
def queue(request):
    current = request.GET.get("queue", "submitted")
    if current not in queues.QUEUE_STATUSES:
        current = "submitted"
    search = request.GET.get("q", "").strip()[:100]
    return render(request, "reviews/queue.html", {
        "queues": queues.queue_counts(),
        "current": current,
        "search": search,
        "applications": queues.applications_in(current, search)[:200],
    })


def _application(pk):
    return get_object_or_404(Application.objects.select_related("applicant", "advisor"), pk=pk)


def _page(request, application, **forms):
    context = {
        "application": application,
        "verdict": checklist(application),
        "events": application.events.select_related("actor").order_by("-created_at"),
        "coordinator_messages": application.coordinator_messages.select_related("author"),
        "assignments": application.review_assignments.select_related("reviewer"),
        "moves": allowed_moves(application, request.user),
        "fee_form": FeeForm(initial={"fee_paid": application.fee_paid}),
        "message_form": MessageForm(),
        "return_form": ReturnForm(),
        "assign_form": AssignForm(),
        "Status": Status,
    }
    context.update(forms)
    return render(request, "reviews/application.html", context)


@permission_required_404("reviews.manage_application")
def application_detail(request, pk):
    return _page(request, _application(pk))


@require_POST
@permission_required_404("reviews.manage_application")
def record_fee(request, pk):
    application = _application(pk)
    form = FeeForm(request.POST)
    form.is_valid()
    services.record_fee(application, paid=form.cleaned_data["fee_paid"], actor=request.user)
    messages.success(request, "The fee status is saved.")
    return redirect("reviews:application", pk=pk)


@require_POST
@permission_required_404("reviews.manage_application")
def send_message(request, pk):
    application = _application(pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _page(request, application, message_form=form)
    services.send_message(application, body=form.cleaned_data["body"], actor=request.user)
    messages.success(request, "Your message is sent to the applicant.")
    return redirect("reviews:application", pk=pk)


@require_POST
@permission_required_404("reviews.manage_application")
def return_for_revision(request, pk):
    application = _application(pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _page(request, application, return_form=form)
    try:
        services.return_for_revision(
            application, message=form.cleaned_data["message"], actor=request.user
        )
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The application is returned; the applicant can edit it again.")
    return redirect("reviews:application", pk=pk)


@require_POST
@permission_required_404("reviews.manage_application")
def start_review(request, pk):
    application = _application(pk)
    try:
        services.start_review(application, actor=request.user)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The application is now in review.")
    return redirect("reviews:application", pk=pk)


@require_POST
@permission_required_404("reviews.manage_application")
def assign_reviewer(request, pk):
    application = _application(pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _page(request, application, assign_form=form)
    try:
        services.assign_reviewer(application, form.cleaned_data["reviewer"], actor=request.user)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{form.cleaned_data['reviewer'].display_name} can now see "
                                  "this application.")
    return redirect("reviews:application", pk=pk)


@require_POST
@permission_required_404("reviews.manage_application")
def unassign_reviewer(request, pk, assignment_id):
    assignment = get_object_or_404(ReviewAssignment, pk=assignment_id, application_id=pk)
    services.unassign_reviewer(assignment, actor=request.user)
    messages.success(request, "The reviewer no longer sees this application.")
    return redirect("reviews:application", pk=pk)


@permission_required_404("reviews.view_assigned")
def assigned(request):
    assignments = (
        ReviewAssignment.objects.filter(reviewer=request.user)
        .select_related("application__applicant")
        .order_by("-assigned_at")
    )
    return render(request, "reviews/assigned.html", {"assignments": assignments})
