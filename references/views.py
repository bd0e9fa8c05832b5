"""Reference pages: the applicant's section, the rater's link pages, the coordinator's views."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from applicants.models import Application

from . import services


@login_required
def section(request, application_id):
    application = get_object_or_404(Application, pk=application_id)
    if application.applicant_id != request.user.id:
        raise Http404
    return render(request, "references/section.html", {
        "application": application,
        "requests": services.active_requests(application),
        "status": services.section_status(application),
    })
