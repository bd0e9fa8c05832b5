"""The application's full history, for staff only."""
from django.core.paginator import Paginator
from django.shortcuts import render

from endorsement.access import permission_required_404

from . import history
from .views import _application

PER_PAGE = 50


@permission_required_404("reviews.manage_application")
def application_history(request, pk):
    application = _application(request, pk)
    page = Paginator(history.entries(application), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reviews/history.html", {
        "application": application, "page": page,
        "entries": history.rows_for(list(page.object_list)),
    })
