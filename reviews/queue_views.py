"""The coordinator's queue: search, filters, sorting, pages with the total, CSV export of
exactly what is filtered, and assigning a reviewer to several applications at once."""
import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from endorsement.access import permission_required_404

from . import queue_html, queues, services
from .forms import BulkAssignForm

PER_PAGE = 50


@permission_required_404("reviews.view_queue")
def queue(request):
    query = queues.QueueQuery.from_request(request.GET)
    page = queues.page_of(query, request.GET.get("page"), PER_PAGE)
    rows = queues.decorate(page.object_list)
    counts = queues.queue_counts()
    return render(request, "reviews/queue.html", {
        "queues": counts,
        "tabs": queue_html.tabs(counts, query.queue),
        **queue_html.filter_options(query),
        "query": query,
        "current": query.queue,
        "search": query.search,
        "page": page,
        "applications": rows,
        "rows": queue_html.rows(rows),
        "column_headers": queue_html.column_headers(query),
        "base_params": urlencode(query.params()),
        "reviewer_options": queue_html.reviewer_options() if rows else "",
        "ALL": queues.ALL,
    })


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = ["number", "applicant", "email", "program", "category", "status", "submitted",
              "fee_paid", "region"]


@permission_required_404("reviews.view_queue")
def queue_csv(request):
    """Every application the current search and filters show (all pages), as CSV."""
    query = queues.QueueQuery.from_request(request.GET)
    rows = (queues.applications_for(query)
            .select_related("applicant__applicant_profile")
            .iterator(chunk_size=2000))
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(CSV_HEADER)
        for app in rows:
            profile = getattr(app.applicant, "applicant_profile", None)
            yield writer.writerow([
                app.pk, _safe(app.applicant.display_name), app.applicant.email, app.program,
                app.category, app.status,
                app.submitted_at.date().isoformat() if app.submitted_at else "",
                "yes" if app.fee_paid else "no", profile.region if profile else "",
            ])

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
    return response


def _safe(text: str) -> str:
    """A cell a spreadsheet would read as a formula is quoted (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@require_POST
@permission_required_404("reviews.manage_application")
def bulk_assign(request):
    """Assign one reviewer to the ticked applications; each is done or refused on its own."""
    back = request.POST.get("back", "")
    target = redirect(f"{_queue_url()}?{back}" if back and "//" not in back else _queue_url())
    form = BulkAssignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return target
    done, refused = services.assign_reviewer_to_many(
        form.cleaned_data["applications"], form.cleaned_data["reviewer"], actor=request.user)
    reviewer = form.cleaned_data["reviewer"].display_name
    if done:
        messages.success(request, ngettext(
            "%(name)s is assigned to %(count)d application.",
            "%(name)s is assigned to %(count)d applications.", len(done),
        ) % {"name": reviewer, "count": len(done)})
    for application, reason in refused:
        messages.error(request, _("Application %(number)s (%(name)s): %(reason)s") % {
            "number": application.pk, "name": application.applicant.display_name,
            "reason": reason})
    return target


def _queue_url():
    from django.urls import reverse

    return reverse("reviews:queue")
