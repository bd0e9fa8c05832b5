"""Category finder: a few plain questions -> a recommended program and category.

The scope-of-work decision tree of REQUIREMENTS.md §8.7 (VA L258-318, reconstructed, ⚠A-43)
plus the age-group question (VA L117-133). Advisory only: the eligibility engine then tests
the recommended category. :data:`FINDER_QUESTIONS` is data, so a web page can render the
questionnaire generically: show a question when every ``ask_if`` condition holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

from .vocabulary import CATEGORIES, ECMH_E, IMH_E

FINDER_DISCLAIMER = (
    "This tool only helps you get started: you may find you do not fit one category "
    "perfectly. The Endorsement Coordinator can help you choose."
)


class FinderError(ValueError):
    """An answer that is missing or not one of the question's choices."""


@dataclass(frozen=True, slots=True)
class FinderQuestion:
    """One question: its key in the answers, the text, the choices as (value, label)."""

    key: str
    text: str
    choices: tuple[tuple[str, str], ...]
    ask_if: dict[str, tuple[str, ...]] = field(default_factory=dict)
    help: str = ""

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """True when the earlier answers make this question relevant."""
        return all(answers.get(k) in allowed for k, allowed in self.ask_if.items())


FINDER_QUESTIONS: tuple[FinderQuestion, ...] = (
    FinderQuestion(
        "age_group", "Which children is your work mainly with, or on behalf of?",
        (("infants", "Babies and toddlers, birth to 3 years (including pregnancy)"),
         ("young_children", "Young children, 3 up to 6 years"),
         ("both", "Both age groups")),
    ),
    FinderQuestion(
        "role", "Which best describes your work with children up to 6 and their families?",
        (("direct_individuals",
          "I work directly with children, parents or teachers, but not with a parent and "
          "child together"),
         ("direct_dyads", "I work directly with parents (or caregivers) and their children "
                          "together"),
         ("supervisor", "I supervise people who work directly with children and families"),
         ("administrator", "I run or manage a program"),
         ("policy", "I work in policy or advocacy (local, state or government)"),
         ("research", "I do research, or teach at a college or university"),
         ("none", "None of these")),
    ),
    FinderQuestion(
        "dyad_support", "How do you help the parent and child?",
        (("prevention", "Prevention or early intervention (for example home visiting, "
                        "Early Head Start, Part C)"),
         ("treatment", "Treatment (for example infant-parent psychotherapy)")),
        ask_if={"role": ("direct_dyads",)},
    ),
    FinderQuestion(
        "own_direct_service",
        "Have you yourself worked directly with children and families? If so, what kind of "
        "work was it?",
        (("none", "No, I have not done direct service"),
         ("prevention", "Yes, prevention or early intervention"),
         ("treatment", "Yes, treatment (for example infant-parent psychotherapy)")),
        ask_if={"role": ("supervisor", "administrator")},
    ),
    FinderQuestion(
        "mentor_clinical",
        "Since your graduate degree, have you spent at least 3 years providing reflective "
        "supervision/consultation, and do you take on leadership at the regional or state "
        "level?",
        (("yes", "Yes"), ("no", "No")),
        ask_if={"role": ("supervisor", "administrator"), "own_direct_service": ("treatment",)},
    ),
)
_BY_KEY = {q.key: q for q in FINDER_QUESTIONS}


@dataclass(frozen=True, slots=True)
class FinderAnswers:
    """The answers as a dataclass (a plain dict with the same keys works too)."""

    age_group: str | None = None
    role: str | None = None
    dyad_support: str | None = None
    own_direct_service: str | None = None
    mentor_clinical: str | None = None


@dataclass(frozen=True, slots=True)
class Recommendation:
    """What the finder suggests. ``level`` is None when the answers fit no category."""

    program: str | None                 # IMH-E | ECMH-E
    level: str | None                   # I, II, III, IV-C, IV-P, IV-RF
    category_name: str | None           # e.g. "Infant Family Specialist"
    category_code: str | None           # e.g. IFS / ECFS
    reason: str
    other_programs: tuple[str, ...] = ()
    program_note: str = ""
    fallback_level: str | None = None   # the next category down if this one is not met

    def as_dict(self) -> dict:
        """JSON-able form."""
        data = asdict(self)
        data["other_programs"] = list(self.other_programs)
        return data


_FALLBACK = {"IV-C": "III", "IV-P": "I", "IV-RF": "I", "III": "II", "II": "I", "I": None}
_REASONS = {
    ("I", "direct"): "You work directly with children, parents or teachers to promote healthy "
                     "growth and development, which is the focus of the {name} category.",
    ("II", "direct"): "You work with parents and children together in prevention or early "
                      "intervention, which is the focus of the {name} category.",
    ("III", "direct"): "You provide treatment to parents and children together, which is the "
                       "focus of the {name} category.",
    ("I", "support"): "You support people who work directly with children and families but "
                      "have not done direct service yourself, which fits the {name} category.",
    ("II", "support"): "Your own direct work was prevention or early intervention, so the "
                       "{name} category fits your experience.",
    ("III", "support"): "Your own direct work was treatment, so the {name} category fits until "
                        "you have 3 years of providing reflective supervision/consultation "
                        "and regional or state leadership.",
    ("IV-C", "support"): "You have done treatment work, provide reflective "
                         "supervision/consultation and lead at the regional or state level, "
                         "which fits the {name} category.",
    ("IV-P", "direct"): "Policy and advocacy leaders fit the {name} category if they have a "
                        "graduate degree and 3 years as a leader since then; if not yet, "
                        "start with the Family Associate category.",
    ("IV-RF", "direct"): "University teachers and researchers fit the {name} category if they "
                         "have a graduate degree and 3 years as a leader since then; if not "
                         "yet, start with the Family Associate category.",
}
NO_FIT_REASON = ("Your work does not match one of these categories; please contact the "
                 "Endorsement Coordinator, who can help you find where you fit.")


def _as_mapping(answers: Any) -> Mapping[str, Any]:
    if is_dataclass(answers) and not isinstance(answers, type):
        return asdict(answers)
    if not isinstance(answers, Mapping):
        raise FinderError("answers: must be a dict of question keys to choices")
    return answers


def _answer(answers: Mapping[str, Any], key: str) -> str:
    question = _BY_KEY[key]
    value = answers.get(key)
    if value in (None, ""):
        raise FinderError(f"{key}: please answer this question")
    allowed = [v for v, _ in question.choices]
    if value not in allowed:
        raise FinderError(f"{key}: must be one of {', '.join(allowed)}")
    return value


def applicable_questions(answers: Any = None) -> tuple[FinderQuestion, ...]:
    """The questions to show, given the answers so far."""
    given = _as_mapping(answers or {})
    return tuple(q for q in FINDER_QUESTIONS if q.applies(given))


def _program(age_group: str) -> tuple[str, tuple[str, ...], str]:
    if age_group == "young_children":
        return ECMH_E, (), ""
    if age_group == "both":
        return IMH_E, (ECMH_E,), (
            "You work with both age groups, so you can choose: IMH-E covers birth to 36 "
            "months and ECMH-E covers 3 up to 6 years. IMH-E is shown; pick ECMH-E if most "
            "of your work is with 3- to 5-year-olds.")
    return IMH_E, (), ""


def _level(answers: Mapping[str, Any]) -> tuple[str | None, str]:
    role = _answer(answers, "role")
    if role == "direct_individuals":
        return "I", "direct"
    if role == "direct_dyads":
        return ("III" if _answer(answers, "dyad_support") == "treatment" else "II"), "direct"
    if role in ("supervisor", "administrator"):
        own = _answer(answers, "own_direct_service")
        if own == "none":
            return "I", "support"
        if own == "prevention":
            return "II", "support"
        return ("IV-C" if _answer(answers, "mentor_clinical") == "yes" else "III"), "support"
    if role == "policy":
        return "IV-P", "direct"
    if role == "research":
        return "IV-RF", "direct"
    return None, ""


def find_category(answers: Any) -> Recommendation:
    """Recommend a program and category from the answers (a dict or :class:`FinderAnswers`).

    Raises :class:`FinderError` naming the question when a needed answer is missing or not
    one of its choices; answers to questions that do not apply are ignored.
    """
    given = _as_mapping(answers)
    program, others, note = _program(_answer(given, "age_group"))
    level, path = _level(given)
    if level is None:
        return Recommendation(program, None, None, None, NO_FIT_REASON, others, note)
    cat = CATEGORIES[level]
    name = cat.name_for(program)
    return Recommendation(program, level, name, cat.code_for(program),
                          _REASONS[(level, path)].format(name=name), others, note,
                          _FALLBACK[level])
