"""Work experience: Level II (MA L1502-1512), Level III with its internship rule
(MA L2278-2319) and the three Mentor designations (MA L3365-3404).

Years are the union of the qualifying roles (overlapping roles count once), counted from
the qualifying degree's date up to ``as_of``; a year is ``edition.year_days`` days.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from . import periods as p
from .case import Application
from .derived import per_edition
from .editions import Edition
from .education import Credentials
from .messages import Msg, term
from .verdict import Requirement, not_applicable, row
from .vocabulary import kinds_counting_as

_INFANT_FAMILY: Final = kinds_counting_as("infant_family")
_IMH_SPECIALIZED: Final = kinds_counting_as("imh_specialized")
_MENTOR_KIND: Final = {"IV-C": "rsc_provider", "IV-P": "policy_leadership",
                "IV-RF": "faculty_research"}


def _span(prefix: str, have: int, need: int, ed: Edition, params: dict) -> Msg:
    """``work.X.met`` ("3.2 years of ...; at least 2 needed") or ``work.X.short`` ("you have
    1.5 of 2 years of ...; 183 more days needed")."""
    y = ed.year_days.value
    params = {**params, "have": p.fmt_years(have, y), "need": p.fmt_years(need, y)}
    if have >= need:
        return Msg(f"{prefix}.met", params)
    return Msg(f"{prefix}.short", {**params, "days": need - have})


def work_experience(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    """The work-experience requirement of the category applied for."""
    title = "Work experience"
    cat = app.category
    if cat == "I":
        return not_applicable("work_experience", title, Msg("work.na.I"))
    if cat == "II":
        return _level_ii(app, ed, creds)
    met = True
    msgs: list[Msg] = []
    sources: list[str] = []
    if cat in ("III", "IV-C"):
        ok, part = _level_iii(app, ed, creds)
        met, msgs = met and ok, msgs + list(part)
        sources.append(ed.level_iii_work_days.source)
    if cat in _MENTOR_KIND:
        ok, part = _mentor(app, ed, creds, cat)
        met, msgs = met and ok, msgs + list(part)
        sources.append(ed.mentor_work_days[cat].source)
    return row("work_experience", "Specialized work experience", met, msgs, "; ".join(sources))


def _level_ii(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    """Two years of paid infant-family work after the bachelor's degree, with both focus
    criteria, and at least ten families served in the roles that count."""
    if creds.bachelor_date is None:
        return _no_bachelor_row(ed)
    # families come only from the entries that count toward the two years: those that
    # reach past the bachelor's degree (and have begun by the decision day)
    as_of, since = app.as_of, creds.bachelor_date
    counted, before = [], []
    unpaid = unfocused = 0
    for w in app.work:
        if w.kind not in _INFANT_FAMILY or w.internship:
            continue
        if not w.paid:
            unpaid += 1
        elif not (w.social_emotional_focus and w.relationship_focus):
            unfocused += 1
        elif w.start <= as_of:
            last_day = w.end or as_of
            if last_day >= since and last_day >= w.start:   # some of it after the degree
                counted.append(w)
            else:
                before.append(w)
    have = p.days(p.role_periods(counted, _INFANT_FAMILY, as_of, first=since))
    return _level_ii_row(ed, app.program, since, have, sum([w.families_served for w in counted]),
                         sum([w.families_served for w in before]), unpaid, unfocused)


@per_edition
def _no_bachelor_row(ed: Edition) -> Requirement:
    return row("work_experience", "Work experience", False, Msg("work.ii.no_bachelor"),
               f"{ed.level_ii_work_days.source}; {ed.level_ii_families.source}")


# Each part below follows from a few figures worked out above (days, families, counts), and
# the same figures come back application after application: made once per edition.

@per_edition
def _level_ii_row(ed: Edition, program: str, since: dt.date, have: int, families: int,
                  early_families: int, unpaid: int, unfocused: int) -> Requirement:
    need, fam_need = ed.level_ii_work_days.value, ed.level_ii_families.value
    source = f"{ed.level_ii_work_days.source}; {ed.level_ii_families.source}"
    met = have >= need and families >= fam_need
    msgs = [_span("work.ii", have, need, ed, {"field": term("field", program),
                                              "date": p.iso(since)}),
            Msg("work.ii.families", {"families": families, "need": fam_need,
                                     "children": term("children", program)})]
    if families < fam_need:
        msgs.append(Msg("work.ii.families_short", {"more": fam_need - families}))
    if early_families:
        msgs.append(Msg("work.ii.families_before", {"families": early_families}))
    if unpaid:
        msgs.append(Msg("work.ii.unpaid", {"count": unpaid}))
    if unfocused:
        msgs.append(Msg("work.ii.unfocused", {"count": unfocused}))
    return row("work_experience", "Work experience", met, msgs, source)


def _level_iii(app: Application, ed: Edition, creds: Credentials
               ) -> tuple[bool, tuple[Msg, ...]]:
    """Two years of paid specialized work after the graduate degree; internship time not
    already covered by that paid work adds up to one year (time in both counts once)."""
    cap = ed.internship_max_days.value
    supervisors = ed.internship_supervisor_levels.value
    paid = (p.role_periods(app.work, _IMH_SPECIALIZED, app.as_of, first=creds.graduate_date)
            if creds.graduate_date else [])
    good = [w for w in app.work if w.internship_supervisor_level in supervisors]
    interns = p.role_periods(good, _IMH_SPECIALIZED, app.as_of, internship=True)
    extra = p.days_not_in(interns, paid)
    overlap = p.days(interns) - extra
    intern_days = min(extra, cap)
    have = p.days(paid) + intern_days
    others = sum(1 for w in app.work if w.internship and w.kind in _IMH_SPECIALIZED
                 and w.internship_supervisor_level not in supervisors)
    return _level_iii_part(ed, app.program, have, intern_days, overlap,
                           creds.graduate_date is None, others)


@per_edition
def _level_iii_part(ed: Edition, program: str, have: int, intern_days: int, overlap: int,
                    no_graduate: bool, others: int) -> tuple[bool, tuple[Msg, ...]]:
    need, cap = ed.level_iii_work_days.value, ed.internship_max_days.value
    msgs = [_span("work.iii", have, need, ed, {"field": term("field", program),
                                               "children": term("children", program)})]
    if intern_days:
        msgs.append(Msg("work.iii.internship", {
            "days": intern_days, "cap": p.fmt_years(cap, ed.year_days.value)}))
    if overlap:
        msgs.append(Msg("work.iii.overlap", {"days": overlap}))
    if no_graduate:
        msgs.append(Msg("work.iii.no_graduate"))
    if others:
        msgs.append(Msg("work.iii.bad_supervisor", {
            "count": others,
            "levels": " or ".join(sorted(ed.internship_supervisor_levels.value))}))
    return have >= need, tuple(msgs)


def _mentor(app: Application, ed: Edition, creds: Credentials, cat: str
            ) -> tuple[bool, tuple[Msg, ...]]:
    """Three years of the designation's leadership work after the graduate degree, plus
    leadership at the regional, state or national level. Need not be paid."""
    need = ed.mentor_work_days[cat].value
    kind = _MENTOR_KIND[cat]
    have = (p.days(p.role_periods(app.work, frozenset({kind}), app.as_of,
                                  first=creds.graduate_date, paid_only=False))
            if creds.graduate_date else 0)
    scopes = ed.leadership_scopes.value
    leading = sum(1 for item in app.leadership if item.scope in scopes)
    return _mentor_part(ed, app.program, kind, have, need, leading, creds.graduate_date is None)


@per_edition
def _mentor_part(ed: Edition, program: str, kind: str, have: int, need: int, leading: int,
                 no_graduate: bool) -> tuple[bool, tuple[Msg, ...]]:
    activity = Msg(f"mentor.{kind}", {"field": term("field", program)}
                   if kind == "rsc_provider" else {})
    msgs = [_span("work.mentor", have, need, ed, {"activity": activity}),
            Msg("work.mentor.leadership", {"count": leading}) if leading
            else Msg("work.mentor.no_leadership")]
    if no_graduate:
        msgs.append(Msg("work.mentor.no_graduate"))
    return have >= need and bool(leading), tuple(msgs)
