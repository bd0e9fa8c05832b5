"""The annual renewal rules (Continuing Endorsement®, REQUIREMENTS.md §6).

Only entries dated inside ``[period_start, period_end]`` count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from . import periods as p
from .application import provider_qualifies, providers_words
from .case import Renewal
from .derived import per_edition
from .editions import Edition
from .messages import Msg
from .verdict import Requirement, Verdict, not_applicable, row, verdict

_ZERO: Final = Decimal(0)


def decide_renewal(case: Renewal, ed: Edition) -> Verdict:
    """Every renewal requirement, in CASES.md order."""
    return verdict("renewal", case.category, (
        training(case, ed), rsc_training(case, ed), rsc(case, ed), membership(case, ed),
    ))


def _hours_msg(prefix: str, have: Decimal, need: Decimal, start: dt.date, end: dt.date,
               params: dict) -> Msg:
    params = {**params, "have": p.fmt_hours(have), "need": p.fmt_hours(need),
              "start": p.iso(start), "end": p.iso(end)}
    if have >= need:
        return Msg(f"{prefix}.met", params)
    return Msg(f"{prefix}.short", {**params, "more": p.fmt_hours(need - have, up=True)})


def _outside(hours: Decimal | None) -> list[Msg]:
    return [Msg("renewal.outside", {"hours": p.fmt_hours(hours)})] if hours else []


# Each rule works out its figures (hours inside the period, and outside it); the row follows
# from those figures and the period alone, and the same ones come back renewal after
# renewal: each row is made once per edition (zero hours are passed as None, quicker to
# look up).

def training(case: Renewal, ed: Edition) -> Requirement:
    """At least 15 clock hours of training in the period."""
    have = outside = _ZERO
    first, last = case.period_start, case.period_end
    for t in case.training:
        if first <= t.date <= last:
            have += t.hours
        else:
            outside += t.hours
    return _training_row(ed, have, outside or None, first, last)


@per_edition
def _training_row(ed: Edition, have: Decimal, outside: Decimal | None, first: dt.date,
                  last: dt.date) -> Requirement:
    rule = ed.renewal_training_hours
    need = Decimal(rule.value)
    return row("training", "Training this year", have >= need,
               [_hours_msg("renewal.training", have, need, first, last, {}),
                *_outside(outside)], rule.source)


def rsc_training(case: Renewal, ed: Edition) -> Requirement:
    """Level III endorsees who provide RSC: 3 of those hours about providing RSC."""
    category = case.category
    if category not in ed.renewal_rsc_training_categories.value or not case.provides_rsc:
        return _rsc_training_na(ed, category, case.provides_rsc)
    first, last = case.period_start, case.period_end
    have = _ZERO
    for t in case.training:
        if t.about_rsc and first <= t.date <= last:
            have += t.hours
    return _rsc_training_row(ed, have, first, last)


_RSC_TRAINING: Final = "Training about reflective supervision/consultation"


@per_edition
def _rsc_training_na(ed: Edition, category: str, provides_rsc: bool) -> Requirement:
    cats = ed.renewal_rsc_training_categories
    if category == "IV-C" and provides_rsc:
        msg = Msg("renewal.rsc_training.recommended",
                  {"need": p.fmt_hours(Decimal(ed.renewal_rsc_training_hours.value))})
    else:
        msg = Msg("renewal.rsc_training.na")
    return not_applicable("rsc_training", _RSC_TRAINING, msg, cats.source)


@per_edition
def _rsc_training_row(ed: Edition, have: Decimal, first: dt.date, last: dt.date
                      ) -> Requirement:
    rule = ed.renewal_rsc_training_hours
    need = Decimal(rule.value)
    return row("rsc_training", _RSC_TRAINING, have >= need,
               _hours_msg("renewal.rsc_training", have, need, first, last, {}), rule.source)


def rsc(case: Renewal, ed: Edition) -> Requirement:
    """At least 12 hours of RSC received from qualified providers (II, III, IV-C)."""
    category = case.category
    if category not in ed.renewal_rsc_categories.value:
        return _rsc_na(ed, category)
    held = (case.period_end - case.endorsed_on).days
    if category == "IV-C" and held >= ed.ivc_exemption_days.value:
        return _rsc_exempt(ed, case.endorsed_on)
    providers = ed.rsc_providers_for(category).value
    first, last = case.period_start, case.period_end
    have = outside = other = _ZERO
    for s in case.rsc:
        if not first <= s.date <= last:
            outside += s.hours
        elif provider_qualifies(providers, s.provider_level, s.provider_ers):
            have += s.hours
        else:
            other += s.hours
    return _rsc_row(ed, category, have, other or None, outside or None, first, last)


_RSC: Final = "Reflective supervision/consultation received"


@per_edition
def _rsc_na(ed: Edition, category: str) -> Requirement:
    return not_applicable("rsc", _RSC, Msg("renewal.rsc.na", {"category": category}),
                          ed.renewal_rsc_categories.source)


@per_edition
def _rsc_exempt(ed: Edition, endorsed_on: dt.date) -> Requirement:
    years = p.fmt_years(ed.ivc_exemption_days.value, ed.year_days.value)
    return not_applicable("rsc", _RSC, Msg("renewal.rsc.exempt", {
        "years": years, "date": p.iso(endorsed_on)}), ed.ivc_exemption_days.source)


@per_edition
def _rsc_row(ed: Edition, category: str, have: Decimal, other: Decimal | None,
             outside: Decimal | None, first: dt.date, last: dt.date) -> Requirement:
    rule = ed.renewal_rsc_hours
    providers = ed.rsc_providers_for(category)
    need = Decimal(rule.value)
    msgs = [_hours_msg("renewal.rsc", have, need, first, last,
                       {"who": Msg(providers_words(providers.value))})]
    if other:
        msgs.append(Msg("rsc.unqualified", {"hours": p.fmt_hours(other)}))
    return row("rsc", _RSC, have >= need, msgs + _outside(outside),
               f"{rule.source}; {providers.source}")


def membership(case: Renewal, ed: Edition) -> Requirement:
    """Membership renewed for the coming year: paid through a day after ``period_end``."""
    return _membership(ed, case.membership_expires, case.period_end)


@per_edition
def _membership(ed: Edition, until: dt.date | None, period_end: dt.date) -> Requirement:
    title = "Membership renewed"
    source = ed.renewal_membership.source
    who = {"association": ed.association}
    if until is not None and until > period_end:
        return row("membership", title, True,
                   Msg("renewal.membership.ok", {**who, "date": p.iso(until)}), source)
    msg = (Msg("renewal.membership.none", who) if until is None else
           Msg("renewal.membership.short", {**who, "date": p.iso(until),
                                            "end": p.iso(period_end)}))
    return row("membership", title, False, msg, source)
