"""Degrees: which count, the dates experience is counted from, and the education requirement.

A degree counts only with an official transcript on file (MA L3864). Level I may instead
show two years of paid infant/early-childhood work (MA L872-875, ⚠A-05).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import periods as p
from .case import Application, Degree
from .editions import Edition
from .verdict import Requirement, row
from .vocabulary import DEGREE_RANK, GRADUATE_DEGREES, kinds_counting_as

DEGREE_WORDS = {"cda": "CDA credential", "associate": "associate's degree",
                "bachelor": "bachelor's degree", "master": "master's degree",
                "doctorate": "doctorate"}
_MINIMUM_WORDS = {"associate": "an associate's degree or higher in a related field",
                  "bachelor": "a bachelor's degree or higher (any field)",
                  "master": "a graduate degree (master's or doctorate)"}
_BACHELOR_RANK = DEGREE_RANK["bachelor"]
_EARLY_CHILDHOOD = kinds_counting_as("early_childhood")


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the applicant's degrees establish."""

    counted: tuple[Degree, ...]
    without_transcript: tuple[Degree, ...]
    bachelor_date: dt.date | None     # earliest counted bachelor-or-higher degree
    graduate_date: dt.date | None     # earliest counted master's or doctorate
    highest: str | None               # type of the highest counted degree


def credentials(app: Application) -> Credentials:
    """Sort the degrees into counted and not, and find the dates experience counts from."""
    counted = tuple(d for d in app.degrees if d.transcript)
    bachelor = [d.awarded for d in counted if DEGREE_RANK[d.type] >= _BACHELOR_RANK]
    graduate = [d.awarded for d in counted if d.type in GRADUATE_DEGREES]
    highest = max((d.type for d in counted), key=DEGREE_RANK.__getitem__, default=None)
    return Credentials(counted, tuple(d for d in app.degrees if not d.transcript),
                       min(bachelor, default=None), min(graduate, default=None), highest)


def degree_name(degree: Degree, *, start: bool = False) -> str:
    """``"your MSW"`` or ``"your master's degree"`` (``"Your ..."`` with ``start=True``)."""
    return f"{'Your' if start else 'your'} {degree.name.strip() or DEGREE_WORDS[degree.type]}"


def _transcript_note(creds: Credentials, min_rank: int) -> str:
    missing = [d for d in creds.without_transcript if DEGREE_RANK[d.type] >= min_rank]
    if not missing:
        return ""
    names = " and ".join(degree_name(d) for d in missing)
    return f" ({names[0].upper()}{names[1:]} will count once an official transcript is on file.)"


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
        return row("education", title, True,
                   f"{degree_name(found[0], start=True)} counts (official transcript on file).",
                   rule.source)
    note = _transcript_note(creds, DEGREE_RANK[rule.value])
    return row("education", title, False,
               f"Needs {_MINIMUM_WORDS[rule.value]} with an official transcript; "
               f"none is on file yet.{note}", rule.source)


def _level_i(app: Application, ed: Edition, creds: Credentials, minimum: str,
             source: str) -> Requirement:
    title = "Education and/or work experience"
    for d in creds.counted:
        if d.type == "cda" or (_meets(d, minimum) and d.related_field):
            return row("education", title, True,
                       f"{degree_name(d, start=True)} counts (official transcript on file).",
                       source)
    need = ed.level_i_work_days.value
    have = p.days(p.role_periods(app.work, _EARLY_CHILDHOOD, app.as_of))
    years = p.fmt_years(have, ed.year_days.value)
    need_years = p.fmt_years(need, ed.year_days.value)
    if have >= need:
        return row("education", title, True,
                   f"{years} years of paid infant/early-childhood work count "
                   f"(at least {need_years} needed).", source)
    notes = []
    unrelated = [d for d in creds.counted if _meets(d, minimum) and not d.related_field]
    if unrelated:
        notes.append(f"{degree_name(unrelated[0])} is not in a related field")
    unpaid = p.days(p.role_periods(app.work, _EARLY_CHILDHOOD, app.as_of, paid_only=False))
    if unpaid > have:
        notes.append("unpaid work does not count")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return row("education", title, False,
               f"Needs a CDA credential or an associate's degree (or higher) in a related "
               f"field, with an official transcript, or {need_years} years of paid "
               f"infant/early-childhood work; you have {years} of {need_years} years of paid "
               f"work, {need - have} more days needed{extra}."
               f"{_transcript_note(creds, DEGREE_RANK['cda'])}", source)
