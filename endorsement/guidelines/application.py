"""The initial-application rules (CASES.md "How each requirement is decided").

Education lives in ``education.py`` and work experience in ``work.py``; the rest is here.
Every number comes from the :class:`~.editions.Edition`; every sentence from ``messages.py``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache
from typing import Final, NamedTuple

from . import periods as p
from .case import Application, Reference, RscSession
from .derived import per_edition
from .editions import Edition, Rule, Slot
from .education import Credentials, credentials, education
from .messages import Msg
from .references import fill_slots
from .verdict import Requirement, Verdict, not_applicable, row, verdict
from .vocabulary import GRADUATE_DEGREES, REFERENCE_ROLES, values
from .work import work_experience

_ZERO: Final = Decimal(0)


def decide_application(app: Application, ed: Edition) -> Verdict:
    """Every application requirement, in CASES.md order."""
    creds = credentials(app)
    category = app.category
    ethics, agreement, exam_row, fee_row = _fixed_rows(
        ed, category, app.level, app.code_of_ethics_signed, app.agreement_signed,
        None if app.exam is None else app.exam.passed, app.fee_paid)
    return verdict("application", category, (
        education(app, ed, creds),
        training(app, ed),
        work_experience(app, ed, creds),
        rsc(app, ed, creds),
        references(app, ed),
        ethics,
        agreement,
        exam_row,
        membership(app, ed),
        fee_row,
    ))


def training(app: Application, ed: Edition) -> Requirement:
    """At least 30 clock hours of relationship-based training, dated up to ``as_of``."""
    have = later = _ZERO
    as_of = app.as_of
    for t in app.training:
        if t.date <= as_of:
            have += t.hours
        else:
            later += t.hours
    return _training_row(ed, app.level, have, later or None, as_of if later else None)


# The rows below follow from a few values (the hours counted, a date): the same ones come
# back application after application, so each row is made once per edition.

@per_edition
def _training_row(ed: Edition, level: str, have: Decimal, later: Decimal | None,
                  as_of: dt.date | None) -> Requirement:
    rule, need = _training_rule(ed, level)
    msgs = [_hours_msg("training", have, need, {})]
    if later and as_of is not None:
        msgs.append(_later(later, as_of))
    return row("training", "Relationship-based training", have >= need, msgs, rule.source)


@per_edition
def _training_rule(ed: Edition, level: str) -> tuple[Rule, Decimal]:
    rule = ed.training_hours[level]
    return rule, Decimal(rule.value)


def _hours_msg(prefix: str, have: Decimal, need: Decimal, params: dict) -> Msg:
    """``prefix.met`` (have, need) or ``prefix.short`` (have, need, more)."""
    if have >= need:
        return Msg(f"{prefix}.met", {**params, "have": p.fmt_hours(have),
                                     "need": p.fmt_hours(need)})
    return Msg(f"{prefix}.short", {**params, "have": p.fmt_hours(have),
                                   "need": p.fmt_hours(need),
                                   "more": p.fmt_hours(need - have, up=True)})


def _later(hours: Decimal, as_of: dt.date) -> Msg:
    return Msg("note.after_as_of", {"hours": p.fmt_hours(hours), "date": p.iso(as_of)})


class _RscRules(NamedTuple):
    """An edition's RSC rule for one category, and what follows from it."""

    need: Decimal
    providers: frozenset[str]
    exception_levels: frozenset[str]   # the bachelor's exception's providers (Level II)
    service_kinds: frozenset[str]      # roles in which the applicant provides services
    window: int
    months: int
    who: Msg
    source: str
    exception_source: str              # the source when the exception applies


@per_edition
def _rsc_rules(ed: Edition, cat: str) -> _RscRules:
    rule = ed.rsc_hours[cat]
    providers = ed.rsc_providers_for(cat)
    source = f"{rule.source}; {providers.source}; {ed.rsc_service_kinds.source}"
    window = ed.rsc_window_days.value
    return _RscRules(
        need=Decimal(rule.value), providers=providers.value,
        exception_levels=(ed.rsc_bachelor_exception_providers.value if cat == "II"
                          else frozenset()),
        service_kinds=ed.rsc_service_kinds.value,
        window=window, months=round(window * 12 / ed.year_days.value),
        who=Msg(providers_words(providers.value)),
        source=source,
        exception_source=f"{source}; {ed.rsc_bachelor_exception_providers.source}")


def rsc(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    """RSC hours from qualified providers inside the best 24-month window, received while
    providing services (and, at Level II, after the bachelor's degree)."""
    title = "Reflective supervision/consultation"
    cat = app.category
    if cat not in ed.rsc_hours:
        return not_applicable("rsc", title, Msg("rsc.na.I" if cat == "I" else "rsc.na.mentor"))
    rules = _rsc_rules(ed, cat)
    exception_levels = rules.exception_levels
    exception = bool(exception_levels) and creds.highest == "bachelor"
    source = rules.exception_source if exception else rules.source
    first = creds.bachelor_date if cat == "II" else None
    if cat == "II" and first is None:
        return row("rsc", title, False, Msg("rsc.no_bachelor"), source)
    as_of = app.as_of
    # the days the applicant provided services: any role of a service kind, paid or not,
    # an internship or not
    serving = p.merge(p.clip([(w.start, w.end or as_of) for w in app.work
                              if w.kind in rules.service_kinds], None, as_of)
                      ) if app.rsc else []
    starts = [start for start, _ in serving]
    ends = [end for _, end in serving]
    provs = rules.providers

    # The usual session is from a qualified provider and inside the one stretch of service
    # (which ends by the decision day and, at Level II, starts after the degree): it counts
    # at once; any other goes through every check below.
    if len(serving) == 1 and (first is None or starts[0] >= first):
        usual_first, usual_last = serving[0]
    else:
        usual_first, usual_last = dt.date.max, dt.date.min   # no session is usual

    usable: list[RscSession] = []
    unqualified = lost = early = idle = later = _ZERO
    for session in app.rsc:
        day, hours, _format, level, degree, ers, _about = session
        if usual_first <= day <= usual_last and level in provs:
            usable.append(session)
            continue
        if day > as_of:
            later += hours
            continue
        qualified = provider_qualifies(provs, level, ers)
        if not qualified:
            if level in exception_levels and degree in GRADUATE_DEGREES:
                if exception:
                    qualified = True
                else:
                    lost += hours
            else:
                unqualified += hours
            if not qualified:
                continue
        if first is not None and day < first:
            early += hours
            continue
        i = bisect_right(starts, day) - 1     # inside a role providing services?
        if i < 0 or day > ends[i]:
            idle += hours
        else:
            usable.append(session)
    have, start, end = p.best_window(usable, rules.window)
    # (hours left out passed as None when there are none: the row is looked up by these
    # figures, and None is quicker to look up than a Decimal zero)
    return _rsc_row(ed, cat, exception, have, start, end, unqualified or None, lost or None,
                    early or None, first if early else None, idle or None, later or None,
                    as_of if later else None)


@per_edition
def _rsc_row(ed: Edition, cat: str, exception: bool, have: Decimal, start: dt.date | None,
             end: dt.date | None, unqualified: Decimal | None, lost: Decimal | None,
             early: Decimal | None, first: dt.date | None, idle: Decimal | None,
             later: Decimal | None, as_of: dt.date | None) -> Requirement:
    """The RSC row from the hours counted and left out (the same figures come back
    application after application)."""
    rules = _rsc_rules(ed, cat)
    need = rules.need
    msgs = [_hours_msg("rsc", have, need, {
        "who": rules.who, "months": rules.months,
        "start": p.iso(start) if start else "", "end": p.iso(end) if end else ""})]
    if exception:
        msgs.append(Msg("rsc.exception"))
    if unqualified:
        msgs.append(Msg("rsc.unqualified", {"hours": p.fmt_hours(unqualified)}))
    if lost and cat == "II":
        msgs.append(Msg("rsc.exception_lost", {"hours": p.fmt_hours(lost)}))
    elif lost:
        msgs.append(Msg("rsc.unqualified", {"hours": p.fmt_hours(lost)}))
    if early:
        msgs.append(Msg("rsc.before_degree", {"hours": p.fmt_hours(early),
                                              "date": p.iso(first) if first else ""}))
    if idle:
        msgs.append(Msg("rsc.not_working", {"hours": p.fmt_hours(idle)}))
    if later and as_of is not None:
        msgs.append(_later(later, as_of))
    return row("rsc", "Reflective supervision/consultation", have >= need, msgs,
               rules.exception_source if exception else rules.source)


def provider_qualifies(providers: frozenset[str], level: str | None, ers: bool) -> bool:
    """True when a session's provider is one of ``providers``: by the level they are
    endorsed at, or (where an edition lets ERS holders provide RSC: Virginia) as an ERS
    holder."""
    return level in providers or (ers and f"{level}-ERS" in providers)


@lru_cache(maxsize=64)   # an edition's few provider sets
def providers_words(levels: frozenset[str]) -> str:
    """The catalog id naming a set of qualified providers."""
    if any(level.endswith("-ERS") for level in levels):
        return "providers.ers"
    return "providers." + "+".join(sorted(levels))


class _ReferenceRules(NamedTuple):
    """An edition's reference slots for one category, and what follows from them."""

    slots: tuple[Slot, ...]
    endorsed_levels: frozenset[str]
    need_endorsed: bool
    source: str


@per_edition
def _reference_rules(ed: Edition, cat: str) -> _ReferenceRules:
    slots_rule = ed.reference_slots[cat]
    need_endorsed = cat in ed.endorsed_rater_categories.value
    source = slots_rule.source
    if need_endorsed:
        source += f"; {ed.endorsed_rater_categories.source}"
    return _ReferenceRules(slots_rule.value, ed.endorsed_rater_levels.value, need_endorsed,
                           source)


def references(app: Application, ed: Edition) -> Requirement:
    """Three distinct submitted ratings filling the level's slots (and one endorsed rater).

    The row follows from the ratings' values alone (role, level, vetting, status), and the
    same few combinations come back application after application: each is worked out once
    per edition and category (``derived.per_edition``)."""
    try:
        return _references_row(ed, app.category, app.references)
    except TypeError:   # a case built by hand with lists: nothing to look up
        return _references(ed, app.category, tuple(app.references))


def _references(ed: Edition, category: str, refs: tuple[Reference, ...]) -> Requirement:
    title = "Reference ratings"
    rules = _reference_rules(ed, category)
    endorsed_levels, need_endorsed, source = (rules.endorsed_levels, rules.need_endorsed,
                                              rules.source)
    filling = fill_slots(rules.slots, refs, endorsed_levels, need_endorsed)
    total = len(filling.slots)
    endorsed_ok = filling.has_endorsed or not need_endorsed
    who = tuple([_RATER[r.role] for r in filling.raters if r])
    complete = filling.complete
    if complete and endorsed_ok:
        msgs = [Msg("references.met", {"total": total, "who": who})]
        if need_endorsed:
            msgs.append(_MET_ENDORSED)
        if _vetted_fills_endorsed_slot(filling.slots, filling.raters, endorsed_levels):
            msgs.append(_VETTED)
        return row("references", title, True, msgs, source)
    # A rater named as endorsed whose Endorsement® the coordinator has not confirmed yet.
    unconfirmed = any(r.claimed_level in endorsed_levels and r.rater_level is None
                      for r in refs if r.status != "replaced")
    if complete:
        msgs = [Msg("references.unconfirmed_complete" if unconfirmed else "references.no_endorsed",
                    {"total": total, "who": who})]
    else:
        msgs = [Msg("references.short", {"filled": filling.filled, "total": total})]
        msgs += [Msg("references.open", {"slot": Msg(f"slot.{s.key}") if s.key else s.label})
                 for s in filling.empty_slots]
        if not endorsed_ok:
            msgs.append(Msg("references.unconfirmed" if unconfirmed
                            else "references.need_endorsed"))
        unused: dict[str, int] = {}
        for r in refs:
            if r.status == "submitted" and not any(r is x for x in filling.raters):
                unused[r.role] = unused.get(r.role, 0) + 1
        msgs += [Msg("references.unused", {"count": n, "role": Msg(f"role.{role}",
                                                                   {"count": n})})
                 for role, n in unused.items()]
    msgs += _waiting(refs)
    return row("references", title, False, msgs, source)


_references_row: Final = per_edition(_references)

# phrases without parameters, made once
_RATER: Final = {role: Msg(f"rater.{role}") for role in values(REFERENCE_ROLES)}
_MET_ENDORSED: Final = Msg("references.met_endorsed")
_VETTED: Final = Msg("references.vetted")


def _vetted_fills_endorsed_slot(slots, raters, endorsed_levels: frozenset[str]) -> bool:
    for slot, rater in zip(slots, raters, strict=True):
        if slot.endorsed_or_vetted and rater and rater.rater_level not in endorsed_levels:
            return True
    return False


def _waiting(refs: tuple[Reference, ...]) -> list[Msg]:
    pending = closed = 0
    for r in refs:
        if r.status == "pending":
            pending += 1
        elif r.status == "declined" or r.status == "expired":
            closed += 1
    msgs = []
    if pending:
        msgs.append(Msg("references.pending", {"count": pending}))
    if closed:
        msgs.append(Msg("references.closed", {"count": closed}))
    return msgs


# The rows below take one of a few fixed forms per edition: each form is made once.

@per_edition
def _fixed_rows(ed: Edition, category: str, level: str, ethics: bool, agreement: bool,
                exam_passed: bool | None, fee_paid: bool
                ) -> tuple[Requirement, Requirement, Requirement, Requirement]:
    """The Code of Ethics, Agreement, exam and fee rows, looked up together."""
    return (_signed(ed, "code_of_ethics", "Code of Ethics", ethics),
            _signed(ed, "agreement", "Endorsement® Agreement", agreement),
            _exam(ed, category, level, exam_passed),
            _fee(ed, fee_paid))


@per_edition
def _signed(ed: Edition, id: str, what: str, signed: bool) -> Requirement:
    return row(id, what, signed, Msg(f"{id}.{'signed' if signed else 'unsigned'}"),
               ed.signatures.source)


def exam(app: Application, ed: Edition) -> Requirement:
    """The written examination (Levels III and IV)."""
    outcome = None if app.exam is None else app.exam.passed
    return _exam(ed, app.category, app.level, outcome)


@per_edition
def _exam(ed: Edition, category: str, level: str, passed: bool | None) -> Requirement:
    title = "Written examination"
    rule = ed.exam_categories
    if category not in rule.value:
        return not_applicable("exam", title, Msg("exam.na", {"level": level}), rule.source)
    if passed is None:
        return row("exam", title, False, Msg("exam.none"), rule.source)
    if passed:
        return row("exam", title, True, Msg("exam.passed"), rule.source)
    return row("exam", title, False, Msg("exam.failed"), rule.source)


def membership(app: Application, ed: Edition) -> Requirement:
    """Association membership active on ``as_of``."""
    until = app.membership_expires
    return _membership(ed, until, until is not None and until >= app.as_of)


@per_edition
def _membership(ed: Edition, until: dt.date | None, active: bool) -> Requirement:
    title = "Association membership"
    who = {"association": ed.association}
    if until is None:
        return row("membership", title, False, Msg("membership.none", who),
                   ed.membership.source)
    if active:
        return row("membership", title, True,
                   Msg("membership.ok", {**who, "date": p.iso(until)}),
                   ed.membership.source)
    return row("membership", title, False,
               Msg("membership.expired", {**who, "date": p.iso(until)}),
               ed.membership.source)


def fee(app: Application, ed: Edition) -> Requirement:
    """The Endorsement® processing fee."""
    return _fee(ed, app.fee_paid)


@per_edition
def _fee(ed: Edition, paid: bool) -> Requirement:
    return row("fee", "Processing fee", paid, Msg("fee.paid" if paid else "fee.unpaid"),
               ed.fee.source)
