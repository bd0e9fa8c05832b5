"""Funder reports: every figure is an aggregate computed by the database (counts grouped by a
column, one row picked by its rank for the median and 90th percentile); Python only shapes
the few result rows into tables and charts.

Small numbers are suppressed: a count from 1 to 4 is shown as "fewer than 5" in the page, the
charts and the CSV files, so nobody can be picked out of the demographic tables.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.choices import RACE_ETHNICITY_CHOICES
from applicants.models import Application, ApplicationEvent, Category, Program, Region, Status
from endorsement.credentials.models import Endorsement, EndorsementStatus

SUPPRESS_BELOW = 5
DECIDED = (Status.ENDORSED, Status.NOT_ENDORSED)
PIPELINE = (Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED_FOR_EXAM, Status.EXAM,
            Status.AWAITING_DECISION, Status.RETURNED, Status.DEFERRED)
FEWER = gettext_lazy("fewer than 5")


@dataclass
class Table:
    slug: str
    title: str
    label: str  # the first column's heading
    rows: list = field(default_factory=list)  # [(label, count)]
    suppress: bool = False
    chart: bool = True

    def shown(self, n: int):
        """The count as it may be shown (1-4 suppressed in tables that need it)."""
        if self.suppress and 0 < n < SUPPRESS_BELOW:
            return str(FEWER)
        return n

    @property
    def display_rows(self):
        return [(label, self.shown(n)) for label, n in self.rows]

    @property
    def svg(self):
        return bar_chart(self) if self.chart else ""


@dataclass
class Period:
    start: dt.date | None
    end: dt.date | None

    def q(self, name: str, *, is_datetime=True) -> Q:
        """Within the period, as a plain range on the column (so its index serves)."""
        def moment(day):
            return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

        q = Q()
        if self.start:
            q &= Q(**{f"{name}__gte": moment(self.start) if is_datetime else self.start})
        if self.end:
            q &= (Q(**{f"{name}__lt": moment(self.end + dt.timedelta(days=1))}) if is_datetime
                  else Q(**{f"{name}__lte": self.end}))
        return q


def _grouped(queryset, column, labels: dict) -> list:
    counts = dict(queryset.values_list(column).annotate(n=Count("pk")).order_by()
                  .values_list(column, "n"))
    rows = [(str(label), counts.pop(key, 0)) for key, label in labels.items()]
    rows += [(str(key or _("Not given")), n) for key, n in sorted(
        counts.items(), key=lambda kv: str(kv[0]))]
    return rows


def submitted_in(period: Period):
    return Application.objects.exclude(status=Status.DRAFT).filter(period.q("submitted_at"))


def by_state(period):
    labels = {s.value: s.label for s in Status if s != Status.DRAFT}
    return Table("by-state", _("Applications by state"), _("State"),
                 _grouped(submitted_in(period), "status", labels))


def by_level(period):
    return Table("by-level", _("Applications by level"), _("Level"),
                 _grouped(submitted_in(period), "category", dict(Category.choices)))


def by_program(period):
    return Table("by-program", _("Applications by program"), _("Program"),
                 _grouped(submitted_in(period), "program", {p.value: p.value for p in Program}))


def issued_per_month(period):
    rows = (Endorsement.objects.filter(period.q("issued_on", is_datetime=False))
            .annotate(month=TruncMonth("issued_on")).values("month")
            .annotate(n=Count("pk")).order_by("month").values_list("month", "n"))
    return Table("issued-per-month", _("Endorsements® issued per month"), _("Month"),
                 [(date_format(month, "YEAR_MONTH_FORMAT"), n) for month, n in rows])


def _pipeline():
    return Application.objects.filter(status__in=PIPELINE)


def pipeline_by_region(period):
    return Table("pipeline-by-region", _("Pipeline by region"), _("Region"),
                 _grouped(_pipeline().filter(period.q("submitted_at")),
                          "applicant__applicant_profile__region", dict(Region.choices)),
                 suppress=True)


def pipeline_by_language(period):
    return Table("pipeline-by-language", _("Pipeline by language"), _("Languages"),
                 _grouped(_pipeline().filter(period.q("submitted_at")),
                          "applicant__applicant_profile__languages", {}), suppress=True)


def pipeline_by_race(period):
    """One aggregate query, a filtered count per answer (a person may give several)."""
    queryset = _pipeline().filter(period.q("submitted_at"))
    column = "applicant__applicant_profile__race_ethnicity__icontains"
    counts = queryset.aggregate(**{key: Count("pk", filter=Q(**{column: f'"{key}"'}))
                                   for key, _l in RACE_ETHNICITY_CHOICES})
    return Table("pipeline-by-race", _("Pipeline by race and ethnicity (any chosen)"),
                 _("Race or ethnicity"),
                 [(str(label), counts[key]) for key, label in RACE_ETHNICITY_CHOICES],
                 suppress=True)


class PercentileDisc(Aggregate):
    """PostgreSQL's ordered-set aggregate: the first value at or above the fraction."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def _decisions(period):
    """One row per decided application: its first submission and its decision, grouped from
    the status events in one pass (no per-row subqueries)."""
    return (ApplicationEvent.objects
            .filter(application__status__in=DECIDED)
            .values("application")
            .annotate(first_submitted=Min("created_at", filter=Q(to_status=Status.SUBMITTED)),
                      decided=Min("created_at", filter=Q(to_status__in=DECIDED)))
            .filter(first_submitted__isnull=False, decided__isnull=False)
            .filter(period.q("decided"))
            .annotate(took=ExpressionWrapper(F("decided") - F("first_submitted"),
                                             output_field=DurationField()))
            .order_by())


def _days(took) -> float:
    return round(took.total_seconds() / 86400, 1)


def days_to_decision(period) -> dict:
    """Days from the first submission to the decision, for applications decided in the
    period: how many, the median and the 90th percentile (nearest rank). PostgreSQL computes
    the percentiles itself (PERCENTILE_DISC); elsewhere the row at each rank is read."""
    decisions = _decisions(period)
    if connection.vendor == "postgresql":
        row = decisions.aggregate(n=Count("application"), median=PercentileDisc("took", 0.5),
                                  p90=PercentileDisc("took", 0.9))
        if not row["n"]:
            return {"count": 0, "median": None, "p90": None}
        return {"count": row["n"], "median": _days(row["median"]), "p90": _days(row["p90"])}
    count = decisions.count()
    if not count:
        return {"count": 0, "median": None, "p90": None}
    ordered = decisions.order_by("took").values_list("took", flat=True)

    def at_rank(fraction):
        return _days(ordered[max(1, math.ceil(fraction * count)) - 1])

    return {"count": count, "median": at_rank(0.5), "p90": at_rank(0.9)}


def progress(period) -> dict:
    target = settings.REPORT_ENDORSED_TARGET
    endorsed = (Endorsement.objects.filter(status=EndorsementStatus.ACTIVE)
                .aggregate(n=Count("holder", distinct=True))["n"])
    return {"target": target, "endorsed": endorsed,
            "percent": min(100, round(100 * endorsed / target)) if target else 0}


TABLES = (by_state, by_level, by_program, issued_per_month, pipeline_by_region,
          pipeline_by_race, pipeline_by_language)


def all_tables(period) -> list[Table]:
    return [build(period) for build in TABLES]


def table(slug: str, period) -> Table | None:
    for build in TABLES:
        built = build(period)
        if built.slug == slug:
            return built
    return None


BAR_H, GAP, LABEL_W, BAR_W = 22, 6, 230, 300


def bar_chart(t: Table):
    """A horizontal bar chart as inline SVG (no script); a suppressed count draws no bar and
    says "fewer than 5". The table beside it carries the same numbers for screen readers."""
    top = max([n for _l, n in t.rows if not (t.suppress and 0 < n < SUPPRESS_BELOW)] or [0])
    height = len(t.rows) * (BAR_H + GAP) + GAP
    bars = []
    for i, (label, n) in enumerate(t.rows):
        y = GAP + i * (BAR_H + GAP)
        shown = t.shown(n)
        width = 0 if isinstance(shown, str) or not top else round(BAR_W * n / top)
        bars.append((y + 15, label[:34], width and format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar"></rect>',
            LABEL_W, y, width, BAR_H), LABEL_W + width + 6, y + 15, shown))
    body = format_html_join("", '<text x="0" y="{}" class="label">{}</text>{}'
                                '<text x="{}" y="{}" class="value">{}</text>', bars)
    return format_html(
        '<svg class="report-chart" role="img" aria-labelledby="chart-{}-title" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet">'
        '<title id="chart-{}-title">{}</title>{}</svg>',
        t.slug, LABEL_W + BAR_W + 110, height, t.slug, t.title, body)


def _figures_key(period: Period, language: str) -> str:
    return f"reviews:reports:{language}:{period.start}:{period.end}"


def compute_figures(period: Period) -> dict:
    return {"tables": all_tables(period), "timing": days_to_decision(period),
            "progress": progress(period), "computed_at": timezone.now()}


def figures(period: Period, language: str) -> dict:
    """Every figure of the page, kept for REPORT_CACHE_SECONDS per period and language (the
    page says when they were computed). The whole-history figures the page opens with are
    kept warm by ``refresh_figures`` (Celery beat), so the page never waits for them."""
    from django.conf import settings
    from django.core.cache import cache

    key = _figures_key(period, language)
    found = cache.get(key)
    if found is None:
        found = compute_figures(period)
        cache.set(key, found, settings.REPORT_CACHE_SECONDS)
    return found


def refresh_figures() -> int:
    """Compute the opening figures (all time) in every language and keep them for twice the
    refresh interval: at 100,000 applications they take a second or two of aggregates, which
    the beat pays instead of the coordinator. Returns the number of languages refreshed."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    period = Period(None, None)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            cache.set(_figures_key(period, code), compute_figures(period),
                      2 * settings.REPORT_CACHE_SECONDS)
    return len(settings.LANGUAGES)
