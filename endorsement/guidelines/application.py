"""The initial-application rules (CASES.md "How each requirement is decided").

Education lives in ``education.py`` and work experience in ``work.py``; the rest is here.
Every number comes from the :class:`~.editions.Edition`.
"""

from __future__ import annotations

from . import periods as p
from .case import Application, Reference
from .editions import Edition, Slot
from .education import Credentials, credentials, education
from .references import fill_slots
from .verdict import Requirement, Verdict, not_applicable, row
from .vocabulary import GRADUATE_DEGREES
from .work import work_experience


def decide_application(app: Application, ed: Edition) -> Verdict:
    """Every application requirement, in CASES.md order."""
    creds = credentials(app)
    return Verdict("application", app.category, (
        education(app, ed, creds),
        training(app, ed),
        work_experience(app, ed, creds),
        rsc(app, ed, creds),
        references(app, ed),
        _signed("code_of_ethics", "Code of Ethics", app.code_of_ethics_signed, ed),
        _signed("agreement", "Endorsement® Agreement", app.agreement_signed, ed),
        exam(app, ed),
        membership(app, ed),
        fee(app, ed),
    ))


def training(app: Application, ed: Edition) -> Requirement:
    """At least 30 clock hours of relationship-based training, dated up to ``as_of``."""
    rule = ed.training_hours[app.level]
    need = p.seconds(rule.value)
    have = sum(p.seconds(t.hours) for t in app.training if t.date <= app.as_of)
    later = sum(p.seconds(t.hours) for t in app.training if t.date > app.as_of)
    return row("training", "Relationship-based training", have >= need,
               p.hours_sentence(have, need, "of relationship-based training", "")
               + _later_note(later, app), rule.source)


def _later_note(later: int, app: Application) -> str:
    if not later:
        return ""
    return f" ({p.fmt_hours(later)} hours dated after {app.as_of.isoformat()} are not counted.)"


def rsc(app: Application, ed: Edition, creds: Credentials) -> Requirement:
    """RSC hours from qualified providers inside the best 24-month window."""
    title = "Reflective supervision/consultation"
    cat = app.category
    if cat not in ed.rsc_hours:
        return not_applicable("rsc", title, _rsc_not_needed(cat))
    rule = ed.rsc_hours[cat]
    source = f"{rule.source}; {ed.rsc_providers.source}"
    providers = set(ed.rsc_providers.value)
    exception = cat == "II" and creds.highest == "bachelor"
    who = f"endorsed at Level {' or '.join(sorted(providers))}"
    if exception:
        who += " (or a master's-prepared provider endorsed at Level II)"
        source += f"; {ed.rsc_bachelor_exception_providers.source}"
    first = creds.bachelor_date if cat == "II" else None
    if cat == "II" and first is None:
        return row("rsc", title, False,
                   "Reflective supervision/consultation counts from the date of your bachelor's "
                   "degree, and no bachelor's degree with an official transcript is on file "
                   "yet.", source)

    def qualified(session) -> bool:
        if session.provider_level in providers:
            return True
        return (exception and session.provider_level in ed.rsc_bachelor_exception_providers.value
                and session.provider_degree in GRADUATE_DEGREES)

    usable, unqualified, early, later = [], 0, 0, 0
    for s in app.rsc:
        if s.date > app.as_of:
            later += p.seconds(s.hours)
        elif first is not None and s.date < first:
            early += p.seconds(s.hours)
        elif qualified(s):
            usable.append((s.date, p.seconds(s.hours)))
        else:
            unqualified += p.seconds(s.hours)
    window = ed.rsc_window_days.value
    have, start, end = p.best_window(usable, window)
    need = p.seconds(rule.value)
    months = round(window * 12 / ed.year_days.value)
    where = f" within {months} months"
    if start is not None and have >= need:
        where += f" ({start.isoformat()} to {end.isoformat()})"
    text = p.hours_sentence(have, need, f"of RSC with a provider {who}", where)
    notes = []
    if unqualified:
        notes.append(f"{p.fmt_hours(unqualified)} hours from other providers")
    if early:
        notes.append(f"{p.fmt_hours(early)} hours before your bachelor's degree")
    if later:
        notes.append(f"{p.fmt_hours(later)} hours dated after {app.as_of.isoformat()}")
    if notes:
        text += f" Not counted: {'; '.join(notes)}."
    return row("rsc", title, have >= need, text, source)


def _rsc_not_needed(cat: str) -> str:
    if cat == "I":
        return "Not required at Level I."
    return "Optional for the Policy and Research/Faculty designations."


def references(app: Application, ed: Edition) -> Requirement:
    """Three distinct submitted ratings filling the level's slots (and one endorsed rater)."""
    title = "Reference ratings"
    slots_rule = ed.reference_slots[app.category]
    endorsed_levels = ed.endorsed_rater_levels.value
    need_endorsed = app.category in ed.endorsed_rater_categories.value
    filling = fill_slots(slots_rule.value, app.references, endorsed_levels, need_endorsed)
    source = slots_rule.source
    if need_endorsed:
        source += f"; {ed.endorsed_rater_categories.source}"
    total = len(filling.slots)
    endorsed_ok = filling.has_endorsed or not need_endorsed
    if filling.complete and endorsed_ok:
        text = f"All {total} reference slots are filled ({_who(filling.raters)})"
        if need_endorsed:
            text += ", including a rater endorsed at Level II or higher"
        text += "." + _vetted_note(filling.slots, filling.raters, endorsed_levels)
        return row("references", title, True, text, source)
    unconfirmed = any(r.claimed_level in endorsed_levels and r.rater_level is None
                      for r in app.references if r.status != "replaced")
    if filling.complete:
        text = (f"All {total} reference slots are filled ({_who(filling.raters)}), but at "
                f"least one rater must be endorsed at Level II, III or IV, and none is.")
        if unconfirmed:
            text = (f"All {total} reference slots are filled ({_who(filling.raters)}); a "
                    "rater's Endorsement® at Level II or higher is waiting for the "
                    "coordinator to confirm.")
    else:
        text = (f"{filling.filled} of {total} reference slots filled; still needed: "
                f"{'; '.join(s.label for s in filling.empty_slots)}.")
        if not endorsed_ok and unconfirmed:
            text += (" A rater's Endorsement® at Level II or higher is waiting for the "
                     "coordinator to confirm.")
        elif not endorsed_ok:
            text += " At least one of the three raters must be endorsed at Level II or higher."
    return row("references", title, False, text + _waiting_note(app.references), source)


_ROLE_WORDS = {"supervisor": "supervisor", "teacher": "teacher", "cda_mentor": "CDA mentor",
               "consultant": "consultant", "rsc_provider": "RSC provider",
               "colleague": "colleague", "service_recipient": "service recipient",
               "supervisee": "supervisee", "student": "student",
               "department_chair": "department chair"}


def _who(raters: tuple[Reference | None, ...]) -> str:
    return ", ".join(_ROLE_WORDS[r.role] for r in raters if r)


def _vetted_note(slots: tuple[Slot, ...], raters: tuple[Reference | None, ...],
                 endorsed_levels: frozenset[str]) -> str:
    for slot, rater in zip(slots, raters, strict=True):
        if slot.endorsed_or_vetted and rater and rater.rater_level not in endorsed_levels:
            return " A vetted rater fills the endorsed-rater slot; an endorsed rater is preferred."
    return ""


def _waiting_note(refs: tuple[Reference, ...]) -> str:
    pending = sum(1 for r in refs if r.status == "pending")
    closed = sum(1 for r in refs if r.status in ("declined", "expired"))
    notes = []
    if pending:
        notes.append(f"{p.plural(pending, 'rating')} still waiting for the rater")
    if closed:
        notes.append(f"{p.plural(closed, 'request')} declined or expired")
    return f" ({'; '.join(notes)}.)" if notes else ""


def _signed(id: str, what: str, signed: bool, ed: Edition) -> Requirement:
    text = f"The {what} is signed." if signed else f"The {what} has not been signed yet."
    return row(id, what, signed, text, ed.signatures.source)


def exam(app: Application, ed: Edition) -> Requirement:
    """The written examination (Levels III and IV)."""
    title = "Written examination"
    rule = ed.exam_categories
    if app.category not in rule.value:
        return not_applicable("exam", title,
                              f"No written examination at Level {app.level}.", rule.source)
    if app.exam is None:
        return row("exam", title, False, "The written examination has not been taken yet.",
                   rule.source)
    if app.exam.passed:
        return row("exam", title, True, "You passed the written examination.", rule.source)
    return row("exam", title, False, "The written examination has not been passed.",
               rule.source)


def membership(app: Application, ed: Edition) -> Requirement:
    """Association membership active on ``as_of``."""
    title = "Association membership"
    until = app.membership_expires
    if until is None:
        return row("membership", title, False, "No association membership is on file.",
                   ed.membership.source)
    if until >= app.as_of:
        return row("membership", title, True, f"Membership is paid through {until.isoformat()}.",
                   ed.membership.source)
    return row("membership", title, False,
               f"Membership expired on {until.isoformat()}; it must be renewed.",
               ed.membership.source)


def fee(app: Application, ed: Edition) -> Requirement:
    """The Endorsement® processing fee."""
    text = ("The processing fee is paid." if app.fee_paid
            else "The processing fee has not been paid yet.")
    return row("fee", "Processing fee", app.fee_paid, text, ed.fee.source)
