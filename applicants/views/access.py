"""Fetching an application for a view: strangers get 404; an owner of a locked one is sent to
what they submitted."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from endorsement.access import object_or_404

from ..models import Application


def applications():
    # The profile comes with the application (one query fewer on every applicant page).
    return Application.objects.select_related("applicant__applicant_profile")


def viewable(request, pk) -> Application:
    return object_or_404(request.user, "applicants.view_application", applications(), pk=pk)


def editable_view(view):
    """Pass the application to ``view`` if the user may change it; 404 for strangers."""

    @wraps(view)
    @login_required
    def wrapped(request, pk, *args, **kwargs):
        application = viewable(request, pk)
        if not request.user.has_perm("applicants.change_application", application):
            return _locked_out(request, application)
        if request.method != "POST":
            return view(request, application, *args, **kwargs)
        # A change holds the application's row lock and re-reads its status, so it cannot
        # slip in after a submit (or withdrawal) that committed since the check above.
        with transaction.atomic():
            application = applications().select_for_update(of=("self",)).get(pk=pk)
            if not request.user.has_perm("applicants.change_application", application):
                return _locked_out(request, application)
            return view(request, application, *args, **kwargs)

    return wrapped


def _locked_out(request, application):
    if application.applicant_id != request.user.pk:
        raise Http404
    messages.info(request, _("This application has been submitted, so it cannot be "
                             "changed now."))
    return redirect("applicants:submitted", pk=application.pk)
