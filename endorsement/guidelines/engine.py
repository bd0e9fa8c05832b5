"""The eligibility engine: a case in, the verdict out."""

from __future__ import annotations

from typing import Any

from .application import decide_application
from .case import Application, CaseError, ErsApplication, validate_case
from .editions import DEFAULT_EDITION, EDITIONS, Edition, get_edition
from .ers import decide_ers
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
