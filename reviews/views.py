"""Coordinator queues and application pages, and the reviewer's list of assignments."""
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants import panels
from applicants.models import Application, Status
from applicants.services import Dossier, dossier, dossier_rows
from applicants.workflow import TransitionError, allowed_moves
from endorsement import batch, formstate, staleness
from endorsement.access import permission_required_404
from endorsement.guidelines import for_audience
from endorsement.models import User

from . import services
from .forms import AdvisorForm, AssignForm, FeeForm, MessageForm, NoteForm, ReturnForm
from .history import ACTIONS
from .models import ReviewAssignment


def _application(request, pk, *, for_page=False):
    """The application to manage; a coordinator's own application is not theirs to manage
    (404, as for any page that is not for them). The page (``for_page``) reads neither the
    copy of every answer as submitted (up to tens of kilobytes of JSON it never shows), nor the
    applicant's About you (not shown), nor the advisor (read with the other people it names)."""
    queryset = Application.objects.select_related("applicant")
    if for_page:
        queryset = queryset.defer("snapshot")
    else:
        queryset = queryset.select_related("applicant__applicant_profile", "advisor")
    application = get_object_or_404(queryset, pk=pk)
    if application.applicant_id == request.user.pk:
        raise Http404
    return application


def _read_rows(application, choices: dict) -> dict:
    """Every list the page and its panels show, read in one query (the application's answers
    for the requirements, the exam and fee panels' rows, the timeline, messages, notes,
    reviewers and the forms' ``choices``: {name: (form, field)}), then the people they name
    (and the application's advisor) in one more."""
    answers = dossier_rows(application)
    rows = panels.preload(application, {
        **{name: form.fields[field].queryset for name, (form, field) in choices.items()},
        **{f"dossier:{name}": qs for name, qs in answers.items()},
        # the newest moves; the full history has every one, a page at a time
        "events": application.events.order_by("-created_at")[:10],
        "messages": application.coordinator_messages.all(),
        "notes": application.internal_notes.all()[:5],
        "assignments": application.review_assignments.all(),
        "version": staleness.newest_event(application),
    })
    application.__dict__["_dossier"] = Dossier(application, rows={
        name: rows[f"dossier:{name}"] for name in answers})
    people = [(rows["events"], "actor"), (rows["messages"], "author"),
              (rows["notes"], "author"), (rows["assignments"], "reviewer"),
              ([application], "advisor")]
    ids = {getattr(row, f"{field}_id") for lst, field in people for row in lst}
    ids.discard(None)
    users = User.objects.in_bulk(ids) if ids else {}
    for lst, field in people:
        batch.attach(lst, field, users)
    for name, (form, field) in choices.items():  # the choices come from what was read
        batch.fill(form.fields[field].queryset, rows[name])
    return rows


def _page(request, application, **forms):
    """The application page; a form that failed (or was refused as stale) on the last POST
    comes back from the session with what was typed and its errors."""
    def kept(name, form_class, **kwargs):
        return formstate.bind(request, name, form_class, **kwargs)

    moves = allowed_moves(application, request.user)
    context = {
        "fee_form": kept("fee_form", FeeForm, initial={"fee_paid": application.fee_paid}),
        "message_form": kept("message_form", MessageForm),
        "return_form": kept("return_form", ReturnForm),
        "assign_form": kept("assign_form", AssignForm, application=application),
        "advisor_form": kept("advisor_form", AdvisorForm,
                             initial={"advisor": application.advisor_id}),
        "note_form": kept("note_form", NoteForm, auto_id="note-%s"),  # "body" is taken
    }
    context.update(forms)
    rows = _read_rows(application, {
        "choices:reviewer": (context["assign_form"], "reviewer"),
        "choices:advisor": (context["advisor_form"], "advisor")})
    context.update({
        "application": application,
        "verdict": for_audience(dossier(application).verdict, "staff"),
        "events": rows["events"],
        "coordinator_messages": rows["messages"],
        "assignments": rows["assignments"],
        "moves": moves,
        "notes": rows["notes"],
        "version": rows["version"][0].pk if rows["version"] else 0,
        "Status": Status,
    })
    return render(request, "reviews/application.html", context)


@permission_required_404("reviews.manage_application")
def application_detail(request, pk):
    return _page(request, _application(request, pk, for_page=True))


def _action(form_class, form_name: str, perform, *, check_version=True):
    """A POST view for one coordinator action on an application.

    The form is checked first; a form with errors, or submitted from a page that is out of
    date (someone changed the application since: the form's ``version``), is kept in the
    session and the browser is sent back to the page (POST-redirect-GET: a reload never
    posts again), where the form shows what was typed and why it was not accepted. Then
    ``perform(application, data, actor)`` runs and returns the success message. A move the
    workflow refuses is shown as an error message, never a 500.
    """

    @require_POST
    @permission_required_404("reviews.manage_application")
    def view(request, pk):
        application = _application(request, pk)
        back = redirect("reviews:application", pk=pk)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            formstate.keep(request, form_name)
            return back
        data = form.cleaned_data if form is not None else {}
        with transaction.atomic():
            # One submit at a time per application: the second waits, then sees the first.
            list(Application.objects.select_for_update().filter(pk=pk).values_list("pk"))
            changes = staleness.stale(application, request.POST) if check_version else None
            if changes:
                if form_name:
                    formstate.keep(request, form_name)
                messages.error(request, staleness.describe(changes, ACTIONS))
                return back
            try:
                messages.success(request, perform(application, data, request.user))
            except (TransitionError, services.ReviewError) as exc:
                if form_name:
                    formstate.keep(request, form_name)
                messages.error(request, str(exc))
        return back

    return view


def _record_fee(application, data, actor):
    services.record_fee(application, paid=data["fee_paid"], actor=actor)
    return _("The fee status is saved.")


def _send_message(application, data, actor):
    services.send_message(application, body=data["body"], actor=actor)
    return _("Your message is sent to the applicant.")


def _return(application, data, actor):
    services.return_for_revision(application, message=data["message"], actor=actor)
    return _("The application is returned; the applicant can edit it again.")


def _start_review(application, data, actor):
    services.start_review(application, actor=actor)
    return _("The application is now in review.")


def _assign(application, data, actor):
    services.assign_reviewer(application, data["reviewer"], actor=actor)
    return _("%(name)s can now see this application.") % {"name": data["reviewer"].display_name}


def _link_advisor(application, data, actor):
    advisor = data["advisor"]
    services.link_advisor(application, advisor, actor=actor)
    if advisor is None:
        return _("No advisor is linked now.")
    return _("%(name)s can now read this application.") % {"name": advisor.display_name}


record_fee = _action(FeeForm, "fee_form", _record_fee)
send_message = _action(MessageForm, "message_form", _send_message)
return_for_revision = _action(ReturnForm, "return_form", _return)
start_review = _action(None, "", _start_review)
assign_reviewer = _action(AssignForm, "assign_form", _assign)
link_advisor = _action(AdvisorForm, "advisor_form", _link_advisor)


def _add_note(application, data, actor):
    services.add_note(application, body=data["body"], actor=actor)
    return _("The note is saved. Only staff can read it.")


# A note adds to the record and changes nothing: it is never refused as stale.
add_note = _action(NoteForm, "note_form", _add_note, check_version=False)


@require_POST
@permission_required_404("reviews.manage_application")
def unassign_reviewer(request, pk, assignment_id):
    _application(request, pk)
    assignment = get_object_or_404(ReviewAssignment, pk=assignment_id, application_id=pk)
    try:
        services.unassign_reviewer(assignment, actor=request.user)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The reviewer no longer sees this application."))
    return redirect("reviews:application", pk=pk)


@permission_required_404("reviews.view_assigned")
def assigned(request):
    assignments = (
        ReviewAssignment.objects.filter(reviewer=request.user)
        .select_related("application__applicant")
        .order_by("-assigned_at")
    )
    return render(request, "reviews/assigned.html", {"assignments": assignments})
