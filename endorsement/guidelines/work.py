"""Work experience: Level II (MA L1502-1512), Level III with its internship rule
(MA L2278-2319) and the three Mentor designations (MA L3365-3404).

Years are the union of the qualifying roles (overlapping roles count once), counted from
the qualifying degree's date up to ``as_of``; a year is ``edition.year_days`` days.
"""

from __future__ import annotations

from . import periods as p
from .case import Application
from .editions import Edition
from .education import Credentials
from .verdict import Requirement, not_applicable, row
from .vocabulary import kinds_counting_as

_INFANT_FAMILY = kinds_counting_as("infant_family")
_IMH_SPECIALIZED = kinds_counting_as("imh_specialized")
_MENTOR_KIND = {"IV-C": "rsc_provider", "IV-P": "policy_leadership",
                "IV-RF": "faculty_research"}
_MENTOR_WORDS = {"rsc_provider": "providing infant mental health reflective "
                                 "supervision/consultation",
                 "policy_leadership": "leading in policy and/or program administration",
                 "faculty_research": "university teaching and/or published research"}


def _span(have: int, need: int, what: str, ed: Edition) -> str:
    """``"1.5 of 2 years of X; 183 more days needed"`` or ``"3.2 years of X (at least 2
    needed)"``."""
    y = ed.year_days.value
    if have >= need:
        return f"{p.fmt_years(have, y)} years of {what} (at least {p.fmt_years(need, y)} needed)"
    return (f"{p.fmt_years(have, y)} of {p.fmt_years(need, y)} years of {what}; "
            f"{p.plural(need - have, 'more day')} needed")


def work_experience(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    """The work-experience requirement of the category applied for."""
    title = "Work experience"
    cat = app.category
    if cat == "I":
        return not_applicable("work_experience", title,
                              "At Level I work experience is one way to meet the education "
                              "requirement; there is no separate work requirement.")
    if cat == "II":
        return _level_ii(app, ed, creds)
    parts: list[tuple[bool, str]] = []
    sources: list[str] = []
    if cat in ("III", "IV-C"):
        parts.append(_level_iii(app, ed, creds))
        sources.append(ed.level_iii_work_days.source)
    if cat in _MENTOR_KIND:
        parts.append(_mentor(app, ed, creds, cat))
        sources.append(ed.mentor_work_days[cat].source)
    return row("work_experience", "Specialized work experience", all(m for m, _ in parts),
               " ".join(text for _, text in parts), "; ".join(sources))


def _level_ii(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    title = "Work experience"
    need, fam_need = ed.level_ii_work_days.value, ed.level_ii_families.value
    source = f"{ed.level_ii_work_days.source}; {ed.level_ii_families.source}"
    if creds.bachelor_date is None:
        return row("work_experience", title, False,
                   "Work is counted from the date of your bachelor's degree, and no bachelor's "
                   "degree with an official transcript is on file yet, so no work counts.",
                   source)
    qualifying = [w for w in app.work
                  if w.paid and not w.internship and w.kind in _INFANT_FAMILY
                  and w.social_emotional_focus and w.relationship_focus]
    counted = [w for w in qualifying
               if p.clip([(w.start, w.end or app.as_of)], creds.bachelor_date, app.as_of)]
    have = p.days(p.role_periods(counted, _INFANT_FAMILY, app.as_of,
                                 first=creds.bachelor_date))
    families = sum(w.families_served for w in counted)
    met = have >= need and families >= fam_need
    what = "paid work promoting infant mental health since your bachelor's degree"
    text = (f"{_span(have, need, what, ed)}; {p.plural(families, 'family', 'families')} "
            f"served in that work (at least {fam_need} needed)")
    if families < fam_need:
        text += f", {fam_need - families} more needed"
    notes = _ignored_ii(app, qualifying)
    return row("work_experience", title, met, text + "." + notes, source)


def _ignored_ii(app: Application, qualifying: list) -> str:
    """Say which infant-family roles were left out and why."""
    unpaid = sum(1 for w in app.work
                 if w.kind in _INFANT_FAMILY and not w.paid and not w.internship)
    unfocused = sum(1 for w in app.work
                    if w.kind in _INFANT_FAMILY and w.paid and not w.internship
                    and w not in qualifying)
    notes = []
    if unpaid:
        notes.append(f"{p.plural(unpaid, 'unpaid role')} (only paid work counts)")
    if unfocused:
        notes.append(f"{p.plural(unfocused, 'role')} without both a social-emotional focus and "
                     f"attention to relationships")
    return f" Not counted: {'; '.join(notes)}." if notes else ""


def _level_iii(app: Application, ed: Edition, creds: Credentials) -> tuple[bool, str]:
    """Two years of paid specialized work after the graduate degree, up to one by internship."""
    need, cap = ed.level_iii_work_days.value, ed.internship_max_days.value
    supervisors = ed.internship_supervisor_levels.value
    paid = (p.role_periods(app.work, _IMH_SPECIALIZED, app.as_of, first=creds.graduate_date)
            if creds.graduate_date else [])
    good = [w for w in app.work if w.internship_supervisor_level in supervisors]
    interns = p.role_periods(good, _IMH_SPECIALIZED, app.as_of, internship=True)
    intern_days = min(p.days_not_in(interns, paid), cap)
    have = p.days(paid) + intern_days
    what = ("paid specialized infant mental health work (with infants/young children and "
            "their parents together) since your graduate degree")
    if intern_days:
        what += (f", including {p.plural(intern_days, 'day')} of a supervised graduate "
                 f"internship (at most {p.fmt_years(cap, ed.year_days.value)} year counts)")
    text = _span(have, need, what, ed) + "."
    if creds.graduate_date is None:
        text += (" Paid work counts from the date of your graduate degree, and no graduate "
                 "degree with an official transcript is on file yet.")
    others = [w for w in app.work if w.internship and w.kind in _IMH_SPECIALIZED
              and w.internship_supervisor_level not in supervisors]
    if others:
        text += (f" {p.plural(len(others), 'internship')} not counted: an internship counts "
                 f"only when its supervisor is endorsed at Level "
                 f"{' or '.join(sorted(supervisors))}.")
    return have >= need, text


def _mentor(app: Application, ed: Edition, creds: Credentials, cat: str) -> tuple[bool, str]:
    """Three years of the designation's leadership work after the graduate degree, plus
    leadership at the regional, state or national level. Need not be paid."""
    need = ed.mentor_work_days[cat].value
    kind = _MENTOR_KIND[cat]
    have = (p.days(p.role_periods(app.work, frozenset({kind}), app.as_of,
                                  first=creds.graduate_date, paid_only=False))
            if creds.graduate_date else 0)
    scopes = ed.leadership_scopes.value
    leading = [item for item in app.leadership if item.scope in scopes]
    text = _span(have, need, f"{_MENTOR_WORDS[kind]} since your graduate degree", ed) + "; "
    if leading:
        text += f"{p.plural(len(leading), 'leadership activity', 'leadership activities')}"
        text += " at the regional, state or national level."
    else:
        text += "no leadership activity at the regional, state or national level yet."
    if creds.graduate_date is None:
        text += (" This work counts from the date of your graduate degree, and no graduate "
                 "degree with an official transcript is on file yet.")
    return have >= need and bool(leading), text
