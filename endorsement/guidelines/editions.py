"""Threshold tables, one per rules edition, each value with the source line it comes from.

An association changes a number by adding an edition, e.g.
``dataclasses.replace(MASSAIMH_2015, id="massaimh-2027", renewal_rsc_hours=Rule(10, "..."))``
and registering it in :data:`EDITIONS`; the rules in ``application.py`` / ``renewal.py`` read
everything quantitative from here. Citations: "MA L<a>-<b>" = line numbers in
shared/seeds/003_86680f84108cc178.txt; "⚠A-nn" = REQUIREMENTS.md §10.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .vocabulary import CATEGORIES

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule(Generic[T]):
    """A value of the Guidelines and where it is written."""

    value: T
    source: str


@dataclass(frozen=True, slots=True)
class Slot:
    """One reference slot: which raters may fill it.

    ``roles`` is ``None`` for "any role"; ``endorsed_or_vetted`` asks for a rater endorsed at
    Level II or higher or vetted by the Endorsement Coordinator (Level I slot 2).
    """

    label: str
    roles: frozenset[str] | None
    endorsed_or_vetted: bool = False
    key: str = ""      # its sentence in ``messages.CATALOG`` is ``slot.<key>``


def _slot(key: str, label: str, *roles: str) -> Slot:
    return Slot(label, frozenset(roles), key=key)


_ANY_ENDORSED_OR_VETTED = Slot(
    "someone endorsed at Level II or higher, or a rater vetted by the Endorsement Coordinator",
    None, endorsed_or_vetted=True, key="endorsed_or_vetted")
_SUPERVISOR_TEACHER_CONSULTANT = _slot(
    "supervisor_teacher_consultant", "a current program supervisor, teacher, trainer or consultant",
    "supervisor", "teacher", "consultant")
_RSC_PROVIDER = _slot("rsc_provider",
                      "the person who provides your reflective supervision/consultation",
                      "rsc_provider")


@dataclass(frozen=True, slots=True)
class Edition:
    """Every number and set the eligibility and renewal rules use."""

    id: str
    title: str
    year_days: Rule[int]
    # Initial application
    education: dict[str, Rule[str]]             # level -> minimum counted degree
    training_hours: dict[str, Rule[float]]      # level -> clock hours
    level_i_work_days: Rule[int]
    level_ii_work_days: Rule[int]
    level_ii_families: Rule[int]
    level_iii_work_days: Rule[int]
    internship_max_days: Rule[int]
    internship_supervisor_levels: Rule[frozenset[str]]
    mentor_work_days: dict[str, Rule[int]]      # IV-C / IV-P / IV-RF
    leadership_scopes: Rule[frozenset[str]]
    rsc_hours: dict[str, Rule[float]]           # categories that need RSC at entry
    rsc_window_days: Rule[int]
    rsc_providers: Rule[frozenset[str]]
    rsc_bachelor_exception_providers: Rule[frozenset[str]]
    endorsed_rater_levels: Rule[frozenset[str]]
    endorsed_rater_categories: Rule[frozenset[str]]   # where >= 1 endorsed rater is required
    reference_slots: dict[str, Rule[tuple[Slot, ...]]]
    signatures: Rule[bool]
    exam_categories: Rule[frozenset[str]]
    membership: Rule[bool]
    fee: Rule[bool]
    # Annual renewal
    renewal_training_hours: Rule[float]
    renewal_rsc_training_hours: Rule[float]
    renewal_rsc_training_categories: Rule[frozenset[str]]
    renewal_rsc_hours: Rule[float]
    renewal_rsc_categories: Rule[frozenset[str]]
    ivc_exemption_days: Rule[int]
    renewal_membership: Rule[bool]
    # The written examination's pass rules (levels III and IV). The Guidelines require the exam
    # but give no pass marks or retake rule (⚠A-27): these are the association's own numbers.
    exam_part1_pass_percent: Rule[int] = Rule(
        80, "MA L2372-2383, L3650-3653 (⚠A-27: multiple choice, the association's mark)")
    exam_part2_rule: Rule[str] = Rule(
        "both", "MA L2372-2383 (⚠A-27: vignettes; 'both' scorers at the mark, or 'average')")
    exam_part2_pass_percent: Rule[int] = Rule(
        80, "MA L2372-2383 (⚠A-27: vignettes, the association's mark)")
    exam_retakes: Rule[int] = Rule(1, "MA L2372-2383 (⚠A-27: retakes inside the window)")
    exam_retake_window_days: Rule[int] = Rule(365, "MA L2372-2383 (⚠A-27: one retake a year)")
    # RSC counts only while providing services: the work kinds that are "services"
    rsc_service_kinds: Rule[frozenset[str]] = Rule(
        frozenset({"early_childhood", "infant_family", "imh_specialized", "rsc_provider"}),
        "MA L1516-1519, L2326-2327 (⚠A-19)")
    # Per-category provider sets where they differ from ``rsc_providers`` (VA L363-369).
    # A provider code is an Endorsement® level, or ``<level>-ERS`` for one holding the ERS
    # add-on.
    rsc_providers_by_category: dict[str, Rule[frozenset[str]]] = field(default_factory=dict)
    association: str = "MassAIMH"
    # "massaimh": Infant Family Specialist ...; "vaimh": Family Specialist (IFS) ... (VA L211-229)
    category_names: str = "massaimh"
    # Categories that may hold the ERS add-on, and its requirements (None: no add-on)
    ers: ErsRules | None = None

    def rsc_providers_for(self, category: str) -> Rule[frozenset[str]]:
        """Who may provide the RSC an applicant for ``category`` receives."""
        return self.rsc_providers_by_category.get(category, self.rsc_providers)

    def category_name(self, code: str, program: str) -> str:
        """The category's name in this edition: ``"Infant Family Specialist"`` (MassAIMH) or
        ``"Family Specialist (ECFS)"`` (Virginia)."""
        cat = CATEGORIES[code]
        if self.category_names == "vaimh":
            return f"{cat.va_name} ({cat.code_for(program)})"
        return cat.name_for(program)


@dataclass(frozen=True, slots=True)
class ErsRules:
    """The Endorsed Reflective Supervisor (ERS) add-on (REQUIREMENTS.md §8.5, VA L328-361)."""

    categories: Rule[frozenset[str]]            # who may add it: FS and MHS
    provided_days: Rule[int]                    # has provided RSC this long (full ERS)
    received: Rule[bool]                        # receives RSC about the RSC given
    training_hours: Rule[float]                 # training on providing RSC (full ERS)
    emerging_training_hours: Rule[float]        # to be approved as Emerging
    emerging_days: Rule[int]                    # Emerging has this long to become full ERS
    emerging_more_hours: Rule[float]            # training after Emerging approval


_II_PLUS = frozenset({"II", "III", "IV-C", "IV-P", "IV-RF"})

MASSAIMH_2015 = Edition(
    id="massaimh-2015",
    title="MassAIMH Competency Guidelines and Endorsement® Requirements (2015)",
    year_days=Rule(365, "CASES.md: one year = 365 days"),
    education={
        "I": Rule("associate", "MA L866-875"),
        "II": Rule("bachelor", "MA L1487-1490"),
        "III": Rule("master", "MA L2257-2268"),
        "IV": Rule("master", "MA L3349-3356"),
    },
    training_hours={
        "I": Rule(30, "MA L880-885"),
        "II": Rule(30, "MA L1494-1499"),
        "III": Rule(30, "MA L2273-2276"),
        "IV": Rule(30, "MA L3359-3363"),
    },
    level_i_work_days=Rule(730, "MA L872-875"),
    level_ii_work_days=Rule(730, "MA L1502-1504"),
    level_ii_families=Rule(10, "MA L1507"),
    level_iii_work_days=Rule(730, "MA L2278-2314"),
    internship_max_days=Rule(365, "MA L2316-2319, L4156-4164"),
    internship_supervisor_levels=Rule(frozenset({"III", "IV-C"}), "MA L2317-2318"),
    mentor_work_days={
        "IV-C": Rule(1095, "MA L3368-3380"),
        "IV-P": Rule(1095, "MA L3382-3392"),
        "IV-RF": Rule(1095, "MA L3394-3404"),
    },
    leadership_scopes=Rule(frozenset({"regional", "state", "national"}), "MA L3368-3404"),
    rsc_hours={
        "II": Rule(24, "MA L1516-1518"),
        "III": Rule(50, "MA L2326-2328"),
        "IV-C": Rule(50, "MA L3571-3574"),
    },
    rsc_window_days=Rule(730, "MA L1516, L2327-2328 (⚠A-16)"),
    rsc_providers=Rule(frozenset({"III", "IV-C"}), "MA L1519-1521 (⚠A-18)"),
    rsc_bachelor_exception_providers=Rule(frozenset({"II"}), "MA L1521-1525"),
    endorsed_rater_levels=Rule(_II_PLUS, "MA L1535, L2333-2337, L3583-3587 (⚠A-24)"),
    endorsed_rater_categories=Rule(_II_PLUS, "MA L1535, L2333-2337, L3583-3587"),
    reference_slots={
        "I": Rule((
            _slot("teacher_cda_mentor_supervisor",
                  "a current teacher, CDA mentor, instructor or supervisor",
                  "teacher", "cda_mentor", "supervisor"),
            _ANY_ENDORSED_OR_VETTED,
            Slot("a colleague, or a parent or other recipient of your services", None,
                 key="colleague_or_recipient"),
        ), "MA L887-899, L936-941"),
        "II": Rule((
            _SUPERVISOR_TEACHER_CONSULTANT,
            _RSC_PROVIDER,
            _slot("another_or_colleague",
                  "another supervisor, teacher, trainer or consultant, or a colleague",
                  "supervisor", "teacher", "consultant", "colleague"),
        ), "MA L1527-1535"),
        "III": Rule((
            _SUPERVISOR_TEACHER_CONSULTANT,
            _RSC_PROVIDER,
            _slot("another_colleague_or_supervisee",
                  "another supervisor, teacher, trainer or consultant, a colleague, "
                  "or someone you supervise", "supervisor", "teacher", "consultant",
                  "colleague", "supervisee"),
        ), "MA L2333-2346"),
        "IV-C": Rule((
            _slot("supervisor_or_colleague",
                  "a current program supervisor, teacher, trainer or consultant, or a colleague",
                  "supervisor", "teacher", "consultant", "colleague"),
            _RSC_PROVIDER,
            _slot("supervisee",
                  "someone who receives reflective supervision/consultation from you",
                  "supervisee"),
        ), "MA L3590-3606"),
        "IV-P": Rule((
            _slot("supervisor_or_colleague",
                  "a current program supervisor, teacher, trainer or consultant, or a colleague",
                  "supervisor", "teacher", "consultant", "colleague"),
            _slot("rsc_provider_or_colleague",
                  "the person who provides your reflective supervision/consultation, "
                  "or a colleague", "rsc_provider", "colleague"),
            _slot("colleague", "a colleague", "colleague"),
        ), "MA L3607-3622 (⚠A-25)"),
        "IV-RF": Rule((
            _slot("chair_or_colleague",
                  "your department supervisor or chair, or a colleague",
                  "department_chair", "supervisor", "colleague"),
            _slot("rsc_provider_or_colleague",
                  "the person who provides your reflective supervision/consultation, "
                  "or a colleague", "rsc_provider", "colleague"),
            _slot("student", "a student you teach or supervise", "student"),
        ), "MA L3624-3642 (⚠A-26)"),
    },
    signatures=Rule(True, "MA L902-905, L1537-1539, L2366-2368, L3644-3646"),
    exam_categories=Rule(frozenset({"III", "IV-C", "IV-P", "IV-RF"}),
                         "MA L910-911, L1542-1543, L2372-2383, L3650-3653"),
    membership=Rule(True, "MA L913, L1546, L2385, L3655"),
    fee=Rule(True, "MA L3880"),
    renewal_training_hours=Rule(15, "MA L917-927, L1548-1557, L2389-2400, L3659-3669"),
    renewal_rsc_training_hours=Rule(3, "MA L2394-2397 (⚠A-31)"),
    renewal_rsc_training_categories=Rule(frozenset({"III"}), "MA L2394-2397, L3664-3667"),
    renewal_rsc_hours=Rule(12, "MA L1559-1560, L2402-2409, L3671-3675"),
    renewal_rsc_categories=Rule(frozenset({"II", "III", "IV-C"}), "MA L929-933, L1559-1560"),
    ivc_exemption_days=Rule(1095, "MA L3672-3675 (⚠A-30)"),
    renewal_membership=Rule(True, "MA L927, L1557, L2400, L3669"),
)

# --- Virginia (VAIMH overview, shared/seeds/004_*; REQUIREMENTS.md §8) -------------------
# The quantitative entry rules are the Competency Guidelines' (the VA overview gives no other
# numbers, ⚠A-42); what differs is who may provide RSC (the §8.6 matrix), the association, the
# category names, and the ERS add-on. "VA L<a>-<b>" = lines of shared/seeds/004_*.
_VA_ERS_OR_MHM_C = Rule(frozenset({"II-ERS", "III-ERS", "IV-C"}),
                        "VA L363-369 (FS, MHS receive RSC from ERS & MHM-C), L395")
VAIMH_2023 = dataclasses.replace(
    MASSAIMH_2015,
    id="vaimh-2023",
    title="VAIMH Infant & Early Childhood Mental Health Endorsement® (overview, 2023)",
    association="VAIMH",
    category_names="vaimh",
    membership=Rule(True, "VA L351 (active VAIMH membership)"),
    renewal_membership=Rule(True, "VA L351, L404"),
    rsc_providers=_VA_ERS_OR_MHM_C,
    rsc_providers_by_category={
        "II": _VA_ERS_OR_MHM_C,
        "III": _VA_ERS_OR_MHM_C,
        "IV-C": Rule(frozenset({"IV-C"}), "VA L369 (MHM-C receives RSC from MHM-C only)"),
    },
    # VA: a Family Specialist provides RSC only with the ERS add-on (⚠A-39)
    rsc_bachelor_exception_providers=Rule(frozenset(), "VA L363-369 (⚠A-39)"),
    rsc_hours={
        "II": Rule(24, "MA L1516-1518; VA L387-391 (required for FS)"),
        "III": Rule(50, "MA L2326-2328; VA L387-391 (required for MHS)"),
        "IV-C": Rule(50, "MA L3571-3574; VA L387-391 (required for MHM-C)"),
    },
    renewal_rsc_hours=Rule(12, "VA L404 (ongoing RSC; hours per MA L1559, ⚠A-42)"),
    renewal_rsc_categories=Rule(frozenset({"II", "III", "IV-C"}), "VA L404-406"),
    ers=ErsRules(
        categories=Rule(frozenset({"II", "III"}), "VA L332-338 (endorsed as FS or MHS)"),
        provided_days=Rule(365, "VA L345 (provide RSC for a minimum of 12 months to at "
                                "least 1 person; ⚠A-41)"),
        received=Rule(True, "VA L347 (receive RSC from a qualified, endorsed provider on the "
                            "provision of RSC)"),
        training_hours=Rule(15, "VA L349 (a minimum of 15 training hours on the provision "
                                "of RSC)"),
        emerging_training_hours=Rule(5, "VA L355 (5 additional hours of training; ⚠A-40)"),
        emerging_days=Rule(730, "VA L357 (2 years to meet the full requirements)"),
        emerging_more_hours=Rule(15, "VA L357 (15 more hours of training; ⚠A-40)"),
    ),
)

EDITIONS: dict[str, Edition] = {e.id: e for e in (MASSAIMH_2015, VAIMH_2023)}


DEFAULT_EDITION = MASSAIMH_2015.id


def get_edition(edition: str | Edition = DEFAULT_EDITION) -> Edition:
    """The edition called ``edition`` (an :class:`Edition` is returned as is)."""
    if isinstance(edition, Edition):
        return edition
    try:
        return EDITIONS[edition]
    except KeyError:
        raise ValueError(f"edition: must be one of {', '.join(EDITIONS)}") from None
