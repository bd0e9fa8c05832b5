"""Degrees: which count, the dates experience is counted from, and the education requirement.

A degree counts only with an official transcript on file (MA L3864). Level I may instead
show two years of paid infant/early-childhood work (MA L872-875, ⚠A-05).
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

from . import periods as p
from .case import Application, Degree, make_tuple
from .derived import per_edition
from .editions import Edition
from .messages import Msg, term
from .verdict import Requirement, row
from .vocabulary import DEGREE_RANK, GRADUATE_DEGREES, kinds_counting_as

_BACHELOR_RANK: Final = DEGREE_RANK["bachelor"]
_EARLY_CHILDHOOD: Final = kinds_counting_as("early_childhood")


class Credentials(NamedTuple):
    """What the applicant's degrees establish on the decision day."""

    counted: tuple[Degree, ...]       # transcript on file and awarded by ``as_of``
    without_transcript: tuple[Degree, ...]
    future: tuple[Degree, ...]        # transcript on file, awarded after ``as_of``
    bachelor_date: dt.date | None     # earliest counted bachelor-or-higher degree
    graduate_date: dt.date | None     # earliest counted master's or doctorate
    highest: str | None               # type of the highest counted degree


def credentials(app: Application) -> Credentials:
    """Sort the degrees into counted and not, and find the dates experience counts from.

    A degree awarded after ``as_of`` does not exist yet: on the decision day an applicant
    whose master's is awarded next spring is bachelor's-prepared.
    """
    as_of = app.as_of
    counted: list[Degree] = []
    without: list[Degree] = []
    future: list[Degree] = []
    bachelor = graduate = None
    highest, highest_rank = None, 0
    for d in app.degrees:
        if not d.transcript:
            without.append(d)
        elif d.awarded > as_of:
            future.append(d)
        else:
            counted.append(d)
            rank = DEGREE_RANK[d.type]
            if rank > highest_rank:          # the first of the highest rank, as max() gives
                highest, highest_rank = d.type, rank
            if rank >= _BACHELOR_RANK and (bachelor is None or d.awarded < bachelor):
                bachelor = d.awarded
            if d.type in GRADUATE_DEGREES and (graduate is None or d.awarded < graduate):
                graduate = d.awarded
    return make_tuple(Credentials, (tuple(counted), tuple(without), tuple(future), bachelor,
                                    graduate, highest))


def degree_name(degree: Degree) -> str | Msg:
    """The degree's name as entered (``"MSW"``), else its kind (``"master's degree"``)."""
    return degree.name.strip() or Msg(f"degree.{degree.type}")


def _notes(app: Application, creds: Credentials, min_rank: int) -> list[Msg]:
    """Degrees of the rank asked for that do not count yet, and why."""
    notes = [Msg("education.future", {"degree": degree_name(d), "date": p.iso(d.awarded),
                                      "as_of": p.iso(app.as_of)})
             for d in creds.future if DEGREE_RANK[d.type] >= min_rank]
    notes += [Msg("education.no_transcript", {"degree": degree_name(d)})
              for d in creds.without_transcript if DEGREE_RANK[d.type] >= min_rank]
    return notes


def _meets(degree: Degree, minimum: str) -> bool:
    if minimum == "master":
        return degree.type in GRADUATE_DEGREES
    return DEGREE_RANK[degree.type] >= DEGREE_RANK[minimum]


def education(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    """The education requirement of the level applied for."""
    rule = ed.education[app.level]
    if app.level == "I":
        return _level_i(app, ed, creds, rule.value, rule.source)
    title = "Education"
    found = [d for d in creds.counted if _meets(d, rule.value)]
    if found:
        return _counts(ed, title, found[0].name.strip(), found[0].type, rule.source)
    return row("education", title, False,
               [Msg("education.missing", {"minimum": Msg(f"minimum.{rule.value}")}),
                *_notes(app, creds, DEGREE_RANK[rule.value])], rule.source)


@per_edition   # the same few degrees come back application after application
def _counts(ed: Edition, title: str, name: str, kind: str, source: str) -> Requirement:
    """The met row naming the degree that counts (as :func:`degree_name` names it)."""
    return row("education", title, True,
               Msg("education.counts", {"degree": name or Msg(f"degree.{kind}")}), source)


def _level_i(app: Application, ed: Edition, creds: Credentials, minimum: str,
             source: str) -> Requirement:
    title = "Education and/or work experience"
    for d in creds.counted:
        if d.type == "cda" or (_meets(d, minimum) and d.related_field):
            return _counts(ed, title, d.name.strip(), d.type, source)
    need = ed.level_i_work_days.value
    have = p.days(p.role_periods(app.work, _EARLY_CHILDHOOD, app.as_of))
    years = p.fmt_years(have, ed.year_days.value)
    need_years = p.fmt_years(need, ed.year_days.value)
    work = term("work", app.program)
    if have >= need:
        return row("education", title, True,
                   Msg("education.i.work_met", {"years": years, "need": need_years,
                                                "work": work}), source)
    msgs = [Msg("education.i.missing", {"need": need_years, "work": work, "years": years,
                                        "days": need - have})]
    unrelated = [d for d in creds.counted if _meets(d, minimum) and not d.related_field]
    if unrelated:
        msgs.append(Msg("education.i.unrelated", {"degree": degree_name(unrelated[0])}))
    unpaid = p.days(p.role_periods(app.work, _EARLY_CHILDHOOD, app.as_of, paid_only=False))
    if unpaid > have:
        msgs.append(Msg("education.i.unpaid"))
    return row("education", title, False, msgs + _notes(app, creds, DEGREE_RANK["cda"]), source)
