"""The ERS add-on ("Pathway to Providing Reflective Supervision/Consultation", VA L328-361,
REQUIREMENTS.md §8.5): what a Family Specialist or Mental Health Specialist needs to be
approved as Emerging ERS or as full ERS. Every number comes from ``Edition.ers``.

Full ERS: has provided RSC for at least 12 months to at least one person (the union of the
``providing`` periods with a supervisee, ⚠A-41), receives RSC about that provision from a
qualified provider (⚠A-41: any such session), 15 hours of training on providing RSC, active
membership. Emerging: 5 hours of that training and membership; it then has two years to meet
the full requirements, and the 15 hours are counted from its approval (⚠A-40).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from . import periods as p
from .application import provider_qualifies
from .case import CaseError, ErsApplication
from .editions import EDITIONS, Edition, ErsRules
from .messages import Msg
from .verdict import Requirement, Verdict, not_applicable, row, verdict

ERS_IDS: Final = ("category", "providing", "receiving", "training", "deadline", "membership")
_ZERO: Final = Decimal(0)


def decide_ers(case: ErsApplication, ed: Edition) -> Verdict:
    """Every ERS requirement, in :data:`ERS_IDS` order."""
    rules = ed.ers
    if rules is None:
        raise CaseError("kind", f"the ERS add-on is not part of the {ed.id} edition "
                                f"(editions with it: {', '.join(_with_ers())})")
    full = case.applying_for == "full"
    return verdict("ers", case.category, (
        _category(case, ed, rules),
        _providing(case, rules) if full else not_applicable(
            "providing", "Providing RSC", Msg("ers.providing.emerging"),
            rules.provided_days.source),
        _receiving(case, ed, rules) if full else not_applicable(
            "receiving", "Receiving RSC on the RSC you provide", Msg("ers.receiving.emerging"),
            rules.received.source),
        _training(case, rules),
        _deadline(case, ed, rules),
        _membership(case, ed),
    ))


def _with_ers() -> list[str]:
    return [e.id for e in EDITIONS.values() if e.ers is not None]


def _category(case: ErsApplication, ed: Edition, rules: ErsRules) -> Requirement:
    rule = rules.categories
    name = ed.category_name(case.category, case.program)
    if case.category not in rule.value:
        return row("category", "Endorsed as FS or MHS", False,
                   Msg("ers.category.no", {"category": name}), rule.source)
    return row("category", "Endorsed as FS or MHS", True,
               Msg("ers.category.endorsed" if case.endorsed else "ers.category.same_time",
                   {"category": name}), rule.source)


def _providing(case: ErsApplication, rules: ErsRules) -> Requirement:
    rule = rules.provided_days
    periods = p.clip([(x.start, x.end or case.as_of) for x in case.providing
                      if x.supervisees >= 1], None, case.as_of)
    have = p.days(periods)
    need = rule.value
    params = {"have": have, "need": need}
    if have >= need:
        return row("providing", "Providing RSC", True, Msg("ers.providing.met", params),
                   rule.source)
    return row("providing", "Providing RSC", False,
               Msg("ers.providing.short", {**params, "more": need - have}), rule.source)


def _receiving(case: ErsApplication, ed: Edition, rules: ErsRules) -> Requirement:
    rule = rules.received
    providers = ed.rsc_providers_for(case.category)
    good = [s for s in case.rsc if s.about_provision and s.date <= case.as_of
            and provider_qualifies(providers.value, s.provider_level, s.provider_ers)]
    source = f"{rule.source}; {providers.source}"
    if good:
        hours = sum((s.hours for s in good), _ZERO)
        return row("receiving", "Receiving RSC on the RSC you provide", True,
                   Msg("ers.receiving.met", {"hours": p.fmt_hours(hours),
                                             "count": len(good)}), source)
    return row("receiving", "Receiving RSC on the RSC you provide", False,
               Msg("ers.receiving.none"), source)


def _training(case: ErsApplication, rules: ErsRules) -> Requirement:
    since = case.emerging_approved_on if case.applying_for == "full" else None
    if case.applying_for == "emerging":
        rule = rules.emerging_training_hours
    elif since is not None:
        rule = rules.emerging_more_hours
    else:
        rule = rules.training_hours
    have = sum((t.hours for t in case.training if t.about_rsc and t.date <= case.as_of
                and (since is None or t.date >= since)), _ZERO)
    need = Decimal(rule.value)
    params = {"have": p.fmt_hours(have), "need": p.fmt_hours(need)}
    if since is not None:
        params["since"] = p.iso(since)
    key = "ers.training.since" if since is not None else "ers.training"
    if have >= need:
        return row("training", "Training on providing RSC", True, Msg(f"{key}.met", params),
                   rule.source)
    return row("training", "Training on providing RSC", False,
               Msg(f"{key}.short", {**params, "more": p.fmt_hours(need - have, up=True)}),
               rule.source)


def _deadline(case: ErsApplication, ed: Edition, rules: ErsRules) -> Requirement:
    rule = rules.emerging_days
    title = "Two years from Emerging status"
    approved = case.emerging_approved_on
    if case.applying_for == "emerging" or approved is None:
        return not_applicable("deadline", title, Msg("ers.deadline.na"), rule.source)
    used = (case.as_of - approved).days
    years = p.fmt_years(rule.value, ed.year_days.value)
    params = {"date": p.iso(approved), "years": years}
    if used < 0:
        return row("deadline", title, False, Msg("ers.deadline.future", params), rule.source)
    if used <= rule.value:
        return row("deadline", title, True,
                   Msg("ers.deadline.ok", {**params, "left": rule.value - used}), rule.source)
    return row("deadline", title, False, Msg("ers.deadline.lapsed", params), rule.source)


def _membership(case: ErsApplication, ed: Edition) -> Requirement:
    title = "Association membership"
    until = case.membership_expires
    who = {"association": ed.association}
    source = ed.membership.source
    if until is None:
        return row("membership", title, False, Msg("membership.none", who), source)
    if until >= case.as_of:
        return row("membership", title, True,
                   Msg("membership.ok", {**who, "date": p.iso(until)}), source)
    return row("membership", title, False,
               Msg("membership.expired", {**who, "date": p.iso(until)}), source)
