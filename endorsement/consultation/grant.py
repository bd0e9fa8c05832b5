"""For the grant: participants and hours delivered per region and per group (and, once the
training calendar registers its source, per partner), how many participants went on to apply
and to be endorsed, and a de-identified CSV for the evaluation partner.

Sources register themselves (``endorsement.grant_sources.register_grant_source(fn)``, in
their AppConfig.ready()); each ``fn(period)`` yields rows ``{"kind", "region",
"partner_or_group", "participants", "hours", "user_ids"}``: ``hours`` are participant-hours
delivered (each present person's hours added), ``user_ids`` the people behind
``participants``, and ``first_at`` (optional) each one's first time present, so "went on to
apply / be endorsed" counts what came after it. Counts from 1 to 4 are suppressed as in the
funder reports (``reviews.reports.SUPPRESS_BELOW``), in the page and in the CSV.
"""
from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.models import Application
from endorsement.credentials.models import Endorsement
from endorsement.grant_sources import all_rows
from reviews.reports import FEWER, SUPPRESS_BELOW, Period

from .models import Attendance, ConsultationGroup, GroupRegion

KIND_LABELS = {"group": gettext_lazy("Reflective consultation group"),
               "training": gettext_lazy("Training")}


def group_rows(period: Period) -> list[dict]:
    """One row per consultation group with a roll in the period (three queries)."""
    present = Attendance.objects.filter(period.q("session__starts_at"), present=True)
    totals = {g: (n, h) for g, n, h in present.values("session__group").annotate(
        n=Count("person", distinct=True), h=Sum("session__hours")).order_by()
        .values_list("session__group", "n", "h")}
    first: dict[int, dict[int, object]] = {}
    for group_id, person_id, at in (present.values("session__group", "person")
                                    .annotate(first=Min("session__starts_at")).order_by()
                                    .values_list("session__group", "person", "first")):
        first.setdefault(group_id, {})[person_id] = at
    groups = ConsultationGroup.objects.filter(pk__in=totals).only("name", "region")
    return [{"kind": "group", "region": g.region, "partner_or_group": g.name,
             "participants": totals[g.pk][0], "hours": totals[g.pk][1] or Decimal(0),
             "user_ids": set(first.get(g.pk, {})), "first_at": first.get(g.pk, {})}
            for g in groups]


def shown(n: int):
    return str(FEWER) if 0 < n < SUPPRESS_BELOW else n


@dataclass
class Line:
    label: str
    kind: str
    participants: int
    hours: Decimal

    @property
    def small(self) -> bool:
        return 0 < self.participants < SUPPRESS_BELOW

    @property
    def shown_participants(self):
        return shown(self.participants)

    @property
    def shown_hours(self):
        return str(FEWER) if self.small else self.hours


def figures(period: Period) -> dict:
    rows = all_rows(period)
    region_labels = dict(GroupRegion.choices)
    by_region: dict[str, tuple[set, Decimal]] = {}
    for row in rows:
        people, hours = by_region.get(row["region"], (set(), Decimal(0)))
        by_region[row["region"]] = (people | set(row["user_ids"]), hours + Decimal(row["hours"]))
    regions = [Line(str(region_labels.get(code, code)), "", len(people), hours)
               for code, (people, hours) in sorted(by_region.items())]
    sources = [Line(row["partner_or_group"], str(KIND_LABELS.get(row["kind"], row["kind"])),
                    row["participants"], Decimal(row["hours"]))
               for row in sorted(rows, key=lambda r: (r["kind"], r["partner_or_group"]))]
    everyone = set().union(*(set(r["user_ids"]) for r in rows)) if rows else set()
    # "Went on to": an application submitted, or an Endorsement® issued, after the person
    # first took part (a source that gives no first time counts any).
    first: dict[int, object] = {}
    for row in rows:
        for uid, at in row.get("first_at", {}).items():
            if uid not in first or at < first[uid]:
                first[uid] = at
    applied = {uid for uid, at in Application.objects.filter(
        applicant_id__in=everyone, submitted_at__isnull=False).values("applicant_id")
        .annotate(last=Max("submitted_at")).order_by().values_list("applicant_id", "last")
        if uid not in first or at >= first[uid]}
    endorsed = {uid for uid, on in Endorsement.objects.filter(holder_id__in=everyone)
                .values("holder_id").annotate(last=Max("issued_on")).order_by()
                .values_list("holder_id", "last")
                if uid not in first or on >= timezone.localdate(first[uid])}
    return {"regions": regions, "sources": sources, "participants": len(everyone),
            "shown_participants": shown(len(everyone)),
            "hours": sum((Decimal(r["hours"]) for r in rows), Decimal(0)),
            "applied": shown(len(applied)), "endorsed": shown(len(endorsed)),
            "rows": rows, "applied_ids": applied, "endorsed_ids": endorsed}


def deidentified_csv(period: Period) -> str:
    """One line per participant and source: a random key made for this export only (the same
    person has the same key within one file, never across files), no name, email or id. A
    group or partner with fewer than 5 participants is named only as such."""
    f = figures(period)
    keys: dict[int, str] = {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("participant"), _("kind"), _("region"), _("group or partner"),
                     _("hours in the source"), _("applied"), _("endorsed")])
    region_labels = dict(GroupRegion.choices)
    region_people: dict[str, set] = {}
    for row in f["rows"]:
        region_people.setdefault(row["region"], set()).update(row["user_ids"])
    lines = []
    for row in f["rows"]:
        small = 0 < row["participants"] < SUPPRESS_BELOW
        name = _("(fewer than 5 participants)") if small else row["partner_or_group"]
        region = ("" if 0 < len(region_people[row["region"]]) < SUPPRESS_BELOW
                  else str(region_labels.get(row["region"], row["region"])))
        hours = "" if small else str(row["hours"])
        for uid in row["user_ids"]:
            key = keys.setdefault(uid, secrets.token_hex(6))
            lines.append([key, row["kind"], region, name, hours,
                          _("yes") if uid in f["applied_ids"] else _("no"),
                          _("yes") if uid in f["endorsed_ids"] else _("no")])
    lines.sort()  # the order says nothing about who is who
    writer.writerows(lines)
    return out.getvalue()
