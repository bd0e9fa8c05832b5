"""Competency areas ("Areas of Expertise") with their knowledge and skill areas per level.

REQUIREMENTS.md §9; MA L351-860 (I), L964-1479 (II), L1584-2245 (III), L2475-3330 (IV).
Names are as printed at each level (⚠A-34 keeps the per-level wording). Reference raters rate
the applicant on the areas of the level (and Level IV designation) applied for.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import CATEGORIES, PROGRAMS


@dataclass(frozen=True, slots=True)
class CompetencyArea:
    """One area of expertise and the knowledge (or skill) areas listed under it."""

    key: str
    name: str
    kind: str                 # "knowledge" | "skill"
    items: tuple[str, ...]    # knowledge areas or skill areas, as printed at that level

    @property
    def kind_label(self) -> str:
        """``"Knowledge areas"`` or ``"Skill areas"``."""
        return "Knowledge areas" if self.kind == "knowledge" else "Skill areas"

    def as_dict(self) -> dict:
        """JSON-able form."""
        return {"key": self.key, "name": self.name, "kind": self.kind, "items": list(self.items)}


AREA_NAMES: dict[str, tuple[str, str]] = {
    "theoretical_foundations": ("Theoretical Foundations", "knowledge"),
    "law_regulation_agency_policy": ("Law, Regulation, & Agency Policy", "knowledge"),
    "systems_expertise": ("Systems Expertise", "knowledge"),
    "direct_service_skills": ("Direct Service Skills", "knowledge"),
    "working_with_others": ("Working With Others", "skill"),
    "leading_people": ("Leading People", "skill"),
    "communicating": ("Communicating", "skill"),
    "thinking": ("Thinking", "skill"),
    "reflection": ("Reflection", "skill"),
    "administration": ("Administration", "skill"),
    "research_evaluation": ("Research & Evaluation", "skill"),
}

_LAW = ("ethical practice", "government, law, & regulation", "agency policy")
_SYSTEMS = ("service delivery systems", "community resources")
_THINKING = ("analyzing information", "solving problems", "exercising sound judgment",
             "maintaining perspective", "planning & organizing")
_REFLECTION = ("contemplation", "self awareness", "curiosity",
               "professional/personal development", "emotional response")
_TF_CORE = ("pregnancy & early parenthood", "infant/very young child development & behavior",
            "infant/very young child & family-centered practice")
_TF_FAMILY = ("family relationships & dynamics", "attachment, separation, trauma, grief, & loss")
_DS_CORE = ("observation & listening", "screening & assessment", "responding with empathy")
_DS_III = ("intervention/treatment planning", "developmental guidance", "supportive counseling",
           "parent-infant/very young child relationship-based therapies & practices")
_WWO_I = ("building & maintaining relationships", "supporting others", "collaborating",
          "resolving conflict", "empathy & compassion")
_WWO_II = ("building & maintaining relationships", "supporting others/mentoring", "collaborating",
           "resolving conflict", "empathy & compassion")
_COMMUNICATING = ("listening", "speaking", "writing")

_BY_LEVEL: dict[str, dict[str, tuple[str, ...]]] = {
    "I": {
        "theoretical_foundations": (*_TF_CORE, "relationship-focused practice", *_TF_FAMILY,
                                    "cultural competence"),
        "law_regulation_agency_policy": _LAW,
        "systems_expertise": _SYSTEMS,
        "direct_service_skills": (*_DS_CORE, "advocacy", "life skills", "safety"),
        "working_with_others": _WWO_I,
        "communicating": _COMMUNICATING,
        "thinking": _THINKING,
        "reflection": _REFLECTION,
    },
    "II": {
        "theoretical_foundations": (*_TF_CORE, "relationship-focused, therapeutic practice",
                                    *_TF_FAMILY, "disorders of infancy/early childhood",
                                    "cultural competence"),
        "law_regulation_agency_policy": _LAW,
        "systems_expertise": _SYSTEMS,
        "direct_service_skills": (*_DS_CORE, "advocacy", "life skills", "safety"),
        "working_with_others": _WWO_II,
        "communicating": _COMMUNICATING,
        "thinking": _THINKING,
        "reflection": _REFLECTION,
    },
    "III": {
        "theoretical_foundations": (*_TF_CORE, "relationship-focused, therapeutic practice",
                                    *_TF_FAMILY,
                                    "psychotherapeutic & behavioral theories of change",
                                    "disorders of infancy/early childhood",
                                    "mental and behavioral disorders in adults",
                                    "cultural competence"),
        "law_regulation_agency_policy": _LAW,
        "systems_expertise": _SYSTEMS,
        "direct_service_skills": (*_DS_CORE, *_DS_III, "advocacy", "life skills", "safety"),
        "working_with_others": (*_WWO_II, "consulting"),
        "communicating": _COMMUNICATING,
        "thinking": _THINKING,
        "reflection": (*_REFLECTION, "parallel process"),
    },
    "IV": {
        "theoretical_foundations": (
            "pregnancy & early parenthood", "infant/very young child development & behavior",
            "infant/young child- & family-centered practice",
            "relationship-focused, therapeutic practice", *_TF_FAMILY,
            "psychotherapeutic & behavioral theories of change",
            "disorders of infancy/early childhood", "mental & behavioral disorders in adults",
            "cultural competence", "adult learning theory & practice", "statistics",
            "research & evaluation"),
        "law_regulation_agency_policy": _LAW,
        "systems_expertise": _SYSTEMS,
        "direct_service_skills": (*_DS_CORE, *_DS_III, "advocacy", "safety",
                                  "reflective supervision"),
        "working_with_others": ("building & maintaining relationships", "supporting others",
                                "coaching & mentoring", "collaborating", "resolving conflict",
                                "crisis management", "empathy & compassion", "consulting"),
        "leading_people": ("motivating", "advocacy", "developing talent"),
        "communicating": (*_COMMUNICATING, "group process"),
        "thinking": _THINKING,
        "reflection": (*_REFLECTION, "parallel process"),
        "administration": ("program management", "program development", "program evaluation",
                           "program funding"),
        "research_evaluation": ("study of infant relationships & attachment",
                                "study of infant development and behavior", "study of families"),
    },
}

# Level IV rating-form areas per designation (MA L2455-2472, L3227, L3292; §9.9).
_IV_COMMON = ("theoretical_foundations", "law_regulation_agency_policy", "systems_expertise",
              "direct_service_skills", "working_with_others", "leading_people", "communicating",
              "thinking", "reflection")
_IV_AREAS = {
    "IV-C": _IV_COMMON,
    "IV-P": (*_IV_COMMON, "administration"),
    "IV-RF": (*_IV_COMMON, "research_evaluation"),
    "IV": (*_IV_COMMON, "administration", "research_evaluation"),
}


def _build(level: str, keys: tuple[str, ...]) -> tuple[CompetencyArea, ...]:
    table = _BY_LEVEL[level]
    return tuple(CompetencyArea(k, *AREA_NAMES[k], table[k]) for k in keys)


_AREAS: dict[str, tuple[CompetencyArea, ...]] = {
    **{lvl: _build(lvl, tuple(_BY_LEVEL[lvl])) for lvl in ("I", "II", "III")},
    **{code: _build("IV", keys) for code, keys in _IV_AREAS.items()},
}


def competency_areas(program: str, level_code: str) -> tuple[CompetencyArea, ...]:
    """The competency areas a rater rates for ``program`` at ``level_code``.

    ``level_code`` is I, II, III, IV-C, IV-P or IV-RF (``IV`` gives all eleven Level IV areas).
    The areas are the same for IMH-E and ECMH-E. Raises ``ValueError`` on unknown input.
    """
    if program not in PROGRAMS:
        raise ValueError(f"program: must be one of {', '.join(PROGRAMS)}")
    if level_code not in _AREAS:
        raise ValueError(f"level_code: must be one of {', '.join(CATEGORIES)} or IV")
    return _AREAS[level_code]
