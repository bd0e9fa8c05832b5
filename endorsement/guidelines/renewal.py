"""The annual renewal rules (Continuing Endorsement®, REQUIREMENTS.md §6).

Only entries dated inside ``[period_start, period_end]`` count.
"""

from __future__ import annotations

import datetime as dt

from . import periods as p
from .case import Renewal
from .editions import Edition
from .verdict import Requirement, Verdict, not_applicable, row


def decide_renewal(case: Renewal, ed: Edition) -> Verdict:
    """Every renewal requirement, in CASES.md order."""
    return Verdict("renewal", case.category, (
        training(case, ed), rsc_training(case, ed), rsc(case, ed), membership(case, ed),
    ))


def _inside(case: Renewal, day: dt.date) -> bool:
    return case.period_start <= day <= case.period_end


def _period(case: Renewal) -> str:
    return f" between {case.period_start.isoformat()} and {case.period_end.isoformat()}"


def _outside_note(secs: int) -> str:
    if not secs:
        return ""
    return f" ({p.fmt_hours(secs)} hours dated outside this renewal period are not counted.)"


def training(case: Renewal, ed: Edition) -> Requirement:
    """At least 15 clock hours of training in the period."""
    rule = ed.renewal_training_hours
    have = sum(p.seconds(t.hours) for t in case.training if _inside(case, t.date))
    outside = sum(p.seconds(t.hours) for t in case.training if not _inside(case, t.date))
    return row("training", "Training this year", have >= p.seconds(rule.value),
               p.hours_sentence(have, p.seconds(rule.value), "of relationship-based training",
                               _period(case)) + _outside_note(outside), rule.source)


def rsc_training(case: Renewal, ed: Edition) -> Requirement:
    """Level III endorsees who provide RSC: 3 of those hours about providing RSC."""
    title = "Training about reflective supervision/consultation"
    rule = ed.renewal_rsc_training_hours
    cats = ed.renewal_rsc_training_categories
    if case.category not in cats.value or not case.provides_rsc:
        if case.category == "IV-C" and case.provides_rsc:
            text = (f"Recommended, not required, at Level IV-C: at least "
                    f"{p.fmt_hours(p.seconds(rule.value))} hours of training about providing "
                    f"reflective supervision/consultation.")
        else:
            text = ("Required only at Level III for endorsees who provide reflective "
                    "supervision/consultation to others.")
        return not_applicable("rsc_training", title, text, cats.source)
    have = sum(p.seconds(t.hours) for t in case.training
               if t.about_rsc and _inside(case, t.date))
    need = p.seconds(rule.value)
    return row("rsc_training", title, have >= need,
               p.hours_sentence(have, need, "of training about providing reflective "
                               "supervision/consultation", _period(case)), rule.source)


def rsc(case: Renewal, ed: Edition) -> Requirement:
    """At least 12 hours of RSC received from qualified providers (II, III, IV-C)."""
    title = "Reflective supervision/consultation received"
    cats = ed.renewal_rsc_categories
    if case.category not in cats.value:
        return not_applicable("rsc", title,
                              f"Not required at Level {case.category}; reflective "
                              f"supervision/consultation is recommended.", cats.source)
    held = (case.period_end - case.endorsed_on).days
    if case.category == "IV-C" and held >= ed.ivc_exemption_days.value:
        years = p.fmt_years(ed.ivc_exemption_days.value, ed.year_days.value)
        return not_applicable(
            "rsc", title,
            f"Not required: you have held Level IV-C for at least {years} years (since "
            f"{case.endorsed_on.isoformat()}). It is still strongly recommended if you provide "
            f"direct service or reflective supervision/consultation.",
            ed.ivc_exemption_days.source)
    rule = ed.renewal_rsc_hours
    providers = ed.rsc_providers.value
    have = sum(p.seconds(s.hours) for s in case.rsc
               if _inside(case, s.date) and s.provider_level in providers)
    outside = sum(p.seconds(s.hours) for s in case.rsc if not _inside(case, s.date))
    other = sum(p.seconds(s.hours) for s in case.rsc
                if _inside(case, s.date) and s.provider_level not in providers)
    text = p.hours_sentence(have, p.seconds(rule.value),
                           f"with a provider endorsed at Level {' or '.join(sorted(providers))}",
                           _period(case))
    if other:
        text += f" Not counted: {p.fmt_hours(other)} hours from other providers."
    return row("rsc", title, have >= p.seconds(rule.value), text + _outside_note(outside),
               f"{rule.source}; {ed.rsc_providers.source}")


def membership(case: Renewal, ed: Edition) -> Requirement:
    """Membership renewed for the coming year: paid through a day after ``period_end``."""
    title = "Membership renewed"
    until = case.membership_expires
    source = ed.renewal_membership.source
    if until is not None and until > case.period_end:
        return row("membership", title, True,
                   f"Membership is paid through {until.isoformat()}.", source)
    text = ("No association membership is on file." if until is None else
            f"Membership is paid only through {until.isoformat()}; it must be renewed past "
            f"{case.period_end.isoformat()}.")
    return row("membership", title, False, text, source)
