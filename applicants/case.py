"""The application as a case file (shared/rules/CASES.md), and its checklist from the engine."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from endorsement.guidelines import evaluate
from references.services import references_for_case

from .models import Application
from .services import Dossier

CasePart = Callable[[Application], dict]
_case_parts: list[CasePart] = []
# What each part reads: {part: fn(application) -> {name: QuerySet}}
_case_rows: dict = {}


def register_case_part(fn: CasePart, rows=None) -> CasePart:
    """Add ``fn(application) -> dict`` whose keys are merged into the case before the engine
    runs (an outer app's part of the file: the examination registers ``{"exam": ...}``).
    ``rows(application) -> {name: QuerySet}``: what ``fn`` reads, read with the dossier's own
    rows in one query (``Dossier``) and kept for ``fn`` (``applicants.panels.preloaded``).
    Registered in the outer app's ``AppConfig.ready()``; registering twice has no effect."""
    if fn not in _case_parts:
        _case_parts.append(fn)
    if rows is not None:
        _case_rows[fn] = rows
    return fn


def unregister_case_part(fn: CasePart) -> None:
    if fn in _case_parts:
        _case_parts.remove(fn)
    _case_rows.pop(fn, None)


def case_rows(application: Application) -> dict:
    """Every registered part's querysets for ``application``."""
    wanted = {}
    for rows in _case_rows.values():
        wanted.update(rows(application))
    return wanted


def edition_of(application: Application) -> str:
    """The rules edition the application was started under (every evaluation uses it)."""
    return application.rules_edition or settings.RULES_EDITION


def _case(d: Dossier, as_of: dt.date | None) -> dict:
    case = _own_case(d, as_of)
    for part in _case_parts:
        case.update(part(d.application) or {})
    return case


def _own_case(d: Dossier, as_of: dt.date | None) -> dict:
    application = d.application
    return {
        "kind": "application",
        "program": application.program,
        "level": application.level,
        "track": application.track,
        "as_of": as_of or timezone.localdate(),
        "degrees": [
            {"type": g.type, "name": g.name, "related_field": g.related_field,
             "awarded": g.awarded, "transcript": bool(g.transcript)}
            for g in d.degrees
        ],
        "training": [
            {"date": t.date, "hours": float(t.hours), "about_rsc": t.about_rsc}
            for t in d.training
        ],
        "work": [
            {"start": w.start, "end": w.end, "paid": w.paid, "kind": w.kind,
             "families_served": w.families_served,
             "social_emotional_focus": w.social_emotional_focus,
             "relationship_focus": w.relationship_focus, "internship": w.internship,
             "internship_supervisor_level": w.internship_supervisor_level or None}
            for w in d.work
        ],
        "leadership": [{"description": a.description, "scope": a.scope} for a in d.leadership],
        "rsc": [
            {"date": r.date, "hours": float(r.hours), "format": r.format,
             "provider_level": r.provider_level or None, "provider_degree": r.provider_degree}
            for r in d.rsc if r.counts  # administrative or case supervision alone: no
        ],
        "references": references_for_case(application),
        "code_of_ethics_signed": d.signed("code_of_ethics"),
        "agreement_signed": d.signed("agreement"),
        "membership_expires": application.membership_expires,
        "exam": None,
        "fee_paid": application.fee_paid,
    }


def build_case(application: Application, as_of: dt.date | None = None) -> dict:
    """The application in CASES.md's shape (dates as ``datetime.date``), read fresh."""
    return _case(Dossier(application), as_of)


def evaluate_dossier(d: Dossier) -> dict:
    return evaluate(_case(d, None), edition_of(d.application))


def work_met_apart_from_leadership(d: Dossier) -> bool:
    """Level IV: would the work requirement be met if a regional leadership entry existed?
    (Leadership has its own section, so the Work section should not wait for it.)"""
    case = _case(d, None)
    case["leadership"] = [{"description": "-", "scope": "regional"}]
    rows = {r["id"]: r for r in evaluate(case, edition_of(d.application))["requirements"]}
    return bool(rows["work_experience"]["met"])


def checklist(application: Application) -> dict:
    """The engine's verdict for the application today: ``{"eligible", "requirements": [...]}``
    with each requirement's ``id``, ``title``, ``applies``, ``met`` and ``detail``.
    Read fresh from the database (pages that already loaded the answers use the dossier)."""
    return Dossier(application).verdict
