"""The funder reports page, its printable version and a CSV of each table."""
import csv

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from endorsement.access import permission_required_404

from . import reports


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return data


def _period(request):
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, reports.Period(form.cleaned_data["start"], form.cleaned_data["end"])
    return form, reports.Period(None, None)


def _figures(period) -> dict:
    return reports.figures(period, get_language())


def _render(request, printable):
    form, period = _period(request)
    return render(request, "reviews/reports.html", {
        "form": form, "period": period, **_figures(period),
        "printable": printable, "query": request.GET.urlencode()})


@permission_required_404("reviews.view_reports")
def report_page(request):
    return _render(request, printable=False)


@permission_required_404("reviews.view_reports")
def report_print(request):
    return _render(request, printable=True)


@permission_required_404("reviews.view_reports")
def report_csv(request, slug):
    _form, period = _period(request)
    if slug == "days-to-decision":
        timing = reports.days_to_decision(period)
        rows = [(_("Decided"), timing["count"]), (_("Median days"), timing["median"]),
                (_("90th percentile days"), timing["p90"])]
        header = (_("Figure"), _("Value"))
    else:
        t = reports.table(slug, period)
        if t is None:
            raise Http404
        rows, header = t.display_rows, (t.label, _("Count"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
