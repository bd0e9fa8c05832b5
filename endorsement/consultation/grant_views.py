"""The grant's participation page and its de-identified CSV (coordinators)."""
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from endorsement.access import permission_required_404
from reviews.report_views import _period

from . import grant

PERM = "consultation.view_grant_report"


@permission_required_404(PERM)
def report(request):
    form, period = _period(request)
    return render(request, "consultation/grant.html", {
        "form": form, "period": period, **grant.figures(period),
        "query": request.GET.urlencode()})


@permission_required_404(PERM)
def export(request):
    _form, period = _period(request)
    response = HttpResponse(grant.deidentified_csv(period), content_type="text/csv")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="grant-participants-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
