"""The annual renewal rules (Continuing Endorsement®, REQUIREMENTS.md §6).

Only entries dated inside ``[period_start, period_end]`` count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from . import periods as p
from .application import providers_words
from .case import Renewal
from .editions import Edition
from .messages import Msg
from .verdict import Requirement, Verdict, not_applicable, row, verdict

_ZERO: Final = Decimal(0)


def decide_renewal(case: Renewal, ed: Edition) -> Verdict:
    """Every renewal requirement, in CASES.md order."""
    return verdict("renewal", case.category, (
        training(case, ed), rsc_training(case, ed), rsc(case, ed), membership(case, ed),
    ))


def _inside(case: Renewal, day: dt.date) -> bool:
    return case.period_start <= day <= case.period_end


def _hours_msg(prefix: str, have: Decimal, need: Decimal, case: Renewal, **params) -> Msg:
    params.update(have=p.fmt_hours(have), need=p.fmt_hours(need),
                  start=p.iso(case.period_start), end=p.iso(case.period_end))
    if have >= need:
        return Msg(f"{prefix}.met", params)
    return Msg(f"{prefix}.short", {**params, "more": p.fmt_hours(need - have, up=True)})


def _outside(hours: Decimal) -> list[Msg]:
    return [Msg("renewal.outside", {"hours": p.fmt_hours(hours)})] if hours else []


def training(case: Renewal, ed: Edition) -> Requirement:
    """At least 15 clock hours of training in the period."""
    rule = ed.renewal_training_hours
    need = Decimal(rule.value)
    have = outside = _ZERO
    for t in case.training:
        if _inside(case, t.date):
            have += t.hours
        else:
            outside += t.hours
    return row("training", "Training this year", have >= need,
               [_hours_msg("renewal.training", have, need, case), *_outside(outside)],
               rule.source)


def rsc_training(case: Renewal, ed: Edition) -> Requirement:
    """Level III endorsees who provide RSC: 3 of those hours about providing RSC."""
    title = "Training about reflective supervision/consultation"
    rule = ed.renewal_rsc_training_hours
    cats = ed.renewal_rsc_training_categories
    need = Decimal(rule.value)
    if case.category not in cats.value or not case.provides_rsc:
        if case.category == "IV-C" and case.provides_rsc:
            msg = Msg("renewal.rsc_training.recommended", {"need": p.fmt_hours(need)})
        else:
            msg = Msg("renewal.rsc_training.na")
        return not_applicable("rsc_training", title, msg, cats.source)
    have = sum((t.hours for t in case.training if t.about_rsc and _inside(case, t.date)), _ZERO)
    return row("rsc_training", title, have >= need,
               _hours_msg("renewal.rsc_training", have, need, case), rule.source)


def rsc(case: Renewal, ed: Edition) -> Requirement:
    """At least 12 hours of RSC received from qualified providers (II, III, IV-C)."""
    title = "Reflective supervision/consultation received"
    cats = ed.renewal_rsc_categories
    if case.category not in cats.value:
        return not_applicable("rsc", title, Msg("renewal.rsc.na", {"category": case.category}),
                              cats.source)
    held = (case.period_end - case.endorsed_on).days
    if case.category == "IV-C" and held >= ed.ivc_exemption_days.value:
        years = p.fmt_years(ed.ivc_exemption_days.value, ed.year_days.value)
        return not_applicable("rsc", title, Msg("renewal.rsc.exempt", {
            "years": years, "date": p.iso(case.endorsed_on)}),
            ed.ivc_exemption_days.source)
    rule = ed.renewal_rsc_hours
    providers = ed.rsc_providers_for(case.category)
    have = outside = other = _ZERO
    for s in case.rsc:
        if not _inside(case, s.date):
            outside += s.hours
        elif ed.provider_qualifies(providers.value, s):
            have += s.hours
        else:
            other += s.hours
    need = Decimal(rule.value)
    msgs = [_hours_msg("renewal.rsc", have, need, case,
                       who=Msg(providers_words(providers.value)))]
    if other:
        msgs.append(Msg("rsc.unqualified", {"hours": p.fmt_hours(other)}))
    return row("rsc", title, have >= need, msgs + _outside(outside),
               f"{rule.source}; {providers.source}")


def membership(case: Renewal, ed: Edition) -> Requirement:
    """Membership renewed for the coming year: paid through a day after ``period_end``."""
    title = "Membership renewed"
    until = case.membership_expires
    source = ed.renewal_membership.source
    who = {"association": ed.association}
    if until is not None and until > case.period_end:
        return row("membership", title, True,
                   Msg("renewal.membership.ok", {**who, "date": p.iso(until)}), source)
    msg = (Msg("renewal.membership.none", who) if until is None else
           Msg("renewal.membership.short", {**who, "date": p.iso(until),
                                            "end": p.iso(case.period_end)}))
    return row("membership", title, False, msg, source)
