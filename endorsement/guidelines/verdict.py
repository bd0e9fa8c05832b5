"""The verdict: one row per requirement, in the order CASES.md fixes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, NamedTuple

from .case import make_tuple
from .messages import Msg, paragraphs, paragraphs_kept, render

APPLICATION_IDS: Final = ("education", "training", "work_experience", "rsc", "references",
                   "code_of_ethics", "agreement", "exam", "membership", "fee")
RENEWAL_IDS: Final = ("training", "rsc_training", "rsc", "membership")


class Requirement(NamedTuple):
    """One checklist row: does it apply, is it met, and what counted, as catalog messages
    (``messages.py``) that :attr:`detail` renders as a sentence."""

    id: str
    title: str
    applies: bool
    met: bool | None
    messages: tuple[Msg, ...]
    source: str = ""

    @property
    def detail(self) -> str:
        """The sentence for the applicant."""
        return render(self.messages)

    def as_dict(self, audience: str = "applicant") -> dict:
        """JSON-able form (``id``, ``title``, ``applies``, ``met``, ``detail`` for
        ``audience``, ``messages``, ``source``). ``messages`` are :class:`Msg` tuples, which
        JSON writes as ``["rsc.short", {"have": "18", ...}]`` (a nested phrase the same way)."""
        return {"id": self.id, "title": self.title, "applies": self.applies, "met": self.met,
                "detail": render(self.messages, audience), "messages": self.messages,
                "source": self.source}


def row(id: str, title: str, met: bool, detail: Msg | Iterable[Msg],
        source: str = "") -> Requirement:
    """An applicable requirement."""
    return make_tuple(Requirement, (id, title, True, met,
                               (detail,) if isinstance(detail, Msg) else tuple(detail), source))


def not_applicable(id: str, title: str, detail: Msg | Iterable[Msg],
                   source: str = "") -> Requirement:
    """A requirement that does not apply to this case (``met`` is None)."""
    return make_tuple(Requirement, (id, title, False, None,
                               (detail,) if isinstance(detail, Msg) else tuple(detail), source))


def verdict(kind: str, category: str, requirements: tuple[Requirement, ...]) -> Verdict:
    """The verdict of one case (made in C: see ``case.make_tuple``)."""
    return make_tuple(Verdict, (kind, category, requirements))


def _msg_from_json(m: Any) -> Msg:
    """A :class:`Msg` back from its JSON form (``[id, params]`` or ``{"id", "params"}``)."""
    if isinstance(m, Mapping):
        msg_id, params = m["id"], m.get("params", {})
    else:
        msg_id, params = m[0], (m[1] if len(m) > 1 else {})
    return Msg(msg_id, {k: _param_from_json(v) for k, v in params.items()})


def _param_from_json(v: Any) -> Any:
    if isinstance(v, Mapping):
        return _msg_from_json(v)
    if isinstance(v, list | tuple):
        if len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], Mapping):
            return _msg_from_json(v)                       # one phrase: [id, params]
        return tuple(_param_from_json(x) for x in v)       # a list of phrases
    return v


def for_audience(verdict: dict, audience: str) -> dict:
    """A verdict dict (``Verdict.as_dict``) with every ``detail`` re-rendered for ``audience``
    from its ``messages``: staff pages call ``for_audience(verdict, "staff")``."""
    rows = []
    say = paragraphs(audience)   # the language looked up once for the whole verdict
    for r in verdict["requirements"]:
        if "messages" in r:
            r = {**r, "detail": say([_msg_from_json(m) for m in r["messages"]])}
        rows.append(r)
    return {**verdict, "requirements": rows}


class Verdict(NamedTuple):
    """The engine's answer for one case."""

    kind: str
    category: str
    requirements: tuple[Requirement, ...]

    @property
    def eligible(self) -> bool:
        """True exactly when every applicable requirement is met."""
        for r in self.requirements:   # a plain loop: a generator costs more than the check
            if r.applies and not r.met:
                return False
        return True

    @property
    def unmet(self) -> tuple[str, ...]:
        """Ids of the applicable requirements that are not met."""
        return tuple(r.id for r in self.requirements if r.applies and not r.met)

    def as_dict(self, audience: str = "applicant") -> dict:
        """``{"eligible": bool, "requirements": [row, ...]}``, as ``evaluate_case`` prints;
        ``detail`` speaks to the applicant, or about them with ``audience="staff"``, in the
        active language (its translator asked for once, not for every row)."""
        say, kept = paragraphs_kept(audience)
        rows = []
        for r in self.requirements:
            # Most rows are the very same Requirement case after case (the rules make each
            # once from the figures it follows from): each is written once per voice and
            # handed out as a copy, so a caller changing its dict changes no other verdict.
            written: dict | None = kept.get(r)
            if written is None:
                id_, title, applies, met, messages, source = r
                written = kept.put(r, {"id": id_, "title": title, "applies": applies,
                                       "met": met, "detail": say(messages),
                                       "messages": messages, "source": source})
            rows.append(written.copy())
        return {"eligible": self.eligible, "requirements": rows}
