"""The verdict: one row per requirement, in the order CASES.md fixes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

APPLICATION_IDS = ("education", "training", "work_experience", "rsc", "references",
                   "code_of_ethics", "agreement", "exam", "membership", "fee")
RENEWAL_IDS = ("training", "rsc_training", "rsc", "membership")


class Requirement(NamedTuple):
    """One checklist row: does it apply, is it met, and a sentence saying what counted."""

    id: str
    title: str
    applies: bool
    met: bool | None
    detail: str
    source: str = ""

    def as_dict(self) -> dict:
        """JSON-able form (``id``, ``title``, ``applies``, ``met``, ``detail``, ``source``)."""
        return {"id": self.id, "title": self.title, "applies": self.applies, "met": self.met,
                "detail": self.detail, "source": self.source}


def row(id: str, title: str, met: bool, detail: str, source: str = "") -> Requirement:
    """An applicable requirement."""
    return Requirement(id, title, True, met, detail, source)


def not_applicable(id: str, title: str, detail: str, source: str = "") -> Requirement:
    """A requirement that does not apply to this case (``met`` is None)."""
    return Requirement(id, title, False, None, detail, source)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The engine's answer for one case."""

    kind: str
    category: str
    requirements: tuple[Requirement, ...]

    @property
    def eligible(self) -> bool:
        """True exactly when every applicable requirement is met."""
        return all(r.met for r in self.requirements if r.applies)

    @property
    def unmet(self) -> tuple[str, ...]:
        """Ids of the applicable requirements that are not met."""
        return tuple(r.id for r in self.requirements if r.applies and not r.met)

    def as_dict(self) -> dict:
        """``{"eligible": bool, "requirements": [row, ...]}``, as ``evaluate_case`` prints."""
        return {"eligible": self.eligible,
                "requirements": [r.as_dict() for r in self.requirements]}
