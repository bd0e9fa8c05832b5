"""The eligibility engine: a case in, the verdict out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .application import decide_application
from .case import Application, CaseError, ErsApplication, validate_case, validate_renewals
from .editions import DEFAULT_EDITION, EDITIONS, Edition, get_edition
from .ers import decide_ers
from .periods import fmt_hours
from .renewal import decide_renewal
from .verdict import Verdict


def decide(data: Any, edition: str | Edition = DEFAULT_EDITION) -> Verdict:
    """Validate ``data`` (a case dict or an already validated case) and decide it.

    A case may name its own ``"edition"`` (the one its application was started under); it
    wins over ``edition``. Raises :class:`~.case.CaseError` when the case is not valid
    (an unknown ``"edition"`` included) and ``ValueError`` for an unknown ``edition``.
    """
    if isinstance(data, dict) and data.get("edition") is not None:
        edition = data["edition"]   # the edition the application was started under
        if not isinstance(edition, str) or edition not in EDITIONS:
            raise CaseError("edition", f"must be one of {', '.join(EDITIONS)}")
    ed = get_edition(edition)
    case = validate_case(data)
    if isinstance(case, Application):
        return decide_application(case, ed)
    if isinstance(case, ErsApplication):
        return decide_ers(case, ed)
    return decide_renewal(case, ed)


def evaluate(data: Any, edition: str | Edition = DEFAULT_EDITION, *,
             audience: str = "applicant") -> dict:
    """The JSON-able verdict: ``{"eligible": bool, "requirements": [{"id", "title",
    "applies", "met", "detail", "messages", "source"}, ...]}`` with every requirement id in
    order. ``detail`` speaks to the applicant, or about them with ``audience="staff"``."""
    return decide(data, edition).as_dict(audience)


def evaluate_renewals(data: Any, edition: str | Edition = DEFAULT_EDITION, *,
                      audience: str = "applicant") -> dict:
    """One evidence log against the renewal rules of every Endorsement® held.

    ``data`` is a renewal case whose ``held`` lists ``{program, level, track, endorsed_on}``
    in place of the single ``program``/``level``/``track``/``endorsed_on`` (see
    :func:`~.case.validate_renewals`). Each logged hour is counted once, toward every held
    Endorsement® it fits: the 15 training hours of an IMH-E® and an ECMH-E® renewal can be
    the same 15 hours. Returns ``{"eligible": bool, "endorsements": [{"program",
    "category", "eligible", "requirements": [...]}, ...], "log": {"training_hours",
    "rsc_hours"}}`` (hours dated inside the period, each once).
    """
    if isinstance(data, dict) and data.get("edition") is not None:
        edition = data["edition"]
        if not isinstance(edition, str) or edition not in EDITIONS:
            raise CaseError("edition", f"must be one of {', '.join(EDITIONS)}")
    ed = get_edition(edition)
    renewals = validate_renewals(data)
    rows = []
    for case in renewals:
        verdict = decide_renewal(case, ed)
        rows.append({"program": case.program, "category": case.category,
                     "name": ed.category_name(case.category, case.program),
                     **verdict.as_dict(audience)})
    first = renewals[0]

    def inside(day) -> bool:
        return first.period_start <= day <= first.period_end

    training = sum((t.hours for t in first.training if inside(t.date)), Decimal(0))
    rsc = sum((s.hours for s in first.rsc if inside(s.date)), Decimal(0))
    return {"eligible": all(r["eligible"] for r in rows), "endorsements": rows,
            "log": {"training_hours": fmt_hours(training), "rsc_hours": fmt_hours(rsc)}}
