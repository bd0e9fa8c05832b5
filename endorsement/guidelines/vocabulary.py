"""The words of the Competency Guidelines: programs, levels, categories and the case enums.

Every enum value used in a case file has a plain-English label, so the applicant forms can
show them in dropdowns (``choices(WORK_KINDS)`` gives Django-style ``(value, label)`` pairs).
Sources: MA L318-324 (levels), MA L2455-2472 (Mentor designations), VA L211-229 (codes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One allowed value of an enum, with the label an applicant reads."""

    value: str
    label: str
    help: str = ""


def choices(terms: Iterable[Term]) -> tuple[tuple[str, str], ...]:
    """``(value, label)`` pairs for a form field."""
    return tuple((t.value, t.label) for t in terms)


def values(terms: Iterable[Term]) -> tuple[str, ...]:
    """The allowed values, in order."""
    return tuple(t.value for t in terms)


def label_of(terms: Iterable[Term], value: str) -> str:
    """The label of ``value`` (the value itself when unknown)."""
    for term in terms:
        if term.value == value:
            return term.label
    return value


# --- Programs (VA L117-133, L162-168) ------------------------------------------------

@dataclass(frozen=True, slots=True)
class Program:
    """An Endorsement® product: infant (IMH-E®) or early childhood (ECMH-E®)."""

    code: str
    name: str
    ages: str


IMH_E = "IMH-E"
ECMH_E = "ECMH-E"

PROGRAMS: dict[str, Program] = {
    IMH_E: Program(
        IMH_E,
        "Infant Mental Health Endorsement®",
        "pregnancy, infants and toddlers (birth to 36 months) and their families",
    ),
    ECMH_E: Program(
        ECMH_E,
        "Early Childhood Mental Health Endorsement®",
        "young children (3 up to 6 years) and their families",
    ),
}
PROGRAM_TERMS = tuple(Term(p.code, f"{p.code}: {p.name}", p.ages) for p in PROGRAMS.values())


# --- Levels, Mentor designations and categories (MA L318-324, L2455-2472) -----------

LEVELS = ("I", "II", "III", "IV")

TRACKS = (
    Term("clinical", "Clinical",
         "practice leaders who provide reflective supervision or consultation"),
    Term("policy", "Policy", "practice leaders in policies and programs"),
    Term("research_faculty", "Research/Faculty",
         "practice leaders in research, evaluation, and teaching"),
)
TRACK_LETTER = {"clinical": "C", "policy": "P", "research_faculty": "RF"}


@dataclass(frozen=True, slots=True)
class Category:
    """An Endorsement® category: a level, and for Level IV its Mentor designation."""

    code: str            # I, II, III, IV-C, IV-P, IV-RF
    level: str           # I..IV
    track: str | None    # clinical | policy | research_faculty | None
    imh_code: str
    ecmh_code: str
    imh_name: str
    ecmh_name: str
    va_name: str         # the Virginia category name (VA L211-229)
    focus: str

    def code_for(self, program: str) -> str:
        """The category's code in ``program`` (IFS, ECFS, ...)."""
        return self.ecmh_code if program == ECMH_E else self.imh_code

    def name_for(self, program: str) -> str:
        """The category's full name in ``program``."""
        return self.ecmh_name if program == ECMH_E else self.imh_name


def _mentor(track: str, letter: str, title: str) -> Category:
    return Category(
        f"IV-{letter}", "IV", track, f"IMHM-{letter}", f"ECMHM-{letter}",
        f"Infant Mental Health Mentor – {title}",
        f"Early Childhood Mental Health Mentor – {title}",
        f"Mental Health Mentor – {title}", "Leaders and mentors in the field",
    )


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("I", "I", None, "IFA", "ECFA", "Infant Family Associate",
                 "Early Childhood Family Associate", "Family Associate", "Promotion"),
        Category("II", "II", None, "IFS", "ECFS", "Infant Family Specialist",
                 "Early Childhood Family Specialist", "Family Specialist",
                 "Prevention/Early Intervention"),
        Category("III", "III", None, "IMHS", "ECMHS", "Infant Mental Health Specialist",
                 "Early Childhood Mental Health Specialist", "Mental Health Specialist",
                 "Clinical Intervention/Treatment"),
        _mentor("clinical", "C", "Clinical"),
        _mentor("policy", "P", "Policy"),
        _mentor("research_faculty", "RF", "Research/Faculty"),
    )
}
CATEGORY_CODES = tuple(CATEGORIES)
CATEGORY_TERMS = tuple(Term(c.code, f"Level {c.code}: {c.imh_name}") for c in CATEGORIES.values())
ENDORSED_II_PLUS = frozenset({"II", "III", "IV-C", "IV-P", "IV-RF"})


def category_code(level: str, track: str | None) -> str:
    """``("IV", "policy") -> "IV-P"``; levels I-III are their own code."""
    if level == "IV" and track in TRACK_LETTER:
        return f"IV-{TRACK_LETTER[track]}"
    return level


def category(level: str, track: str | None = None) -> Category:
    """The :class:`Category` for a level (and Level IV track)."""
    return CATEGORIES[category_code(level, track)]


# --- Case-file enums (shared/rules/CASES.md) ---------------------------------------

CASE_KINDS = (
    Term("application", "Initial application"),
    Term("renewal", "Annual renewal"),
    Term("ers", "ERS add-on (providing reflective supervision/consultation)"),
)
ERS_STATUSES = (
    Term("full", "ERS (full requirements)"),
    Term("emerging", "Emerging ERS"),
)

DEGREE_TYPES = (
    Term("cda", "Child Development Associate (CDA) credential"),
    Term("associate", "Associate's degree"),
    Term("bachelor", "Bachelor's degree (BA, BS, BSW, BSN...)"),
    Term("master", "Master's degree (MA, MS, MSW, MEd, MSN...)"),
    Term("doctorate", "Doctorate (PhD, PsyD, EdD, MD, DO...)"),
)
DEGREE_RANK = {"cda": 1, "associate": 2, "bachelor": 3, "master": 4, "doctorate": 5}
GRADUATE_DEGREES = frozenset({"master", "doctorate"})

WORK_KINDS = (
    Term("early_childhood", "Work related to infants and early childhood",
         "any paid infant/early-childhood related work (Level I)"),
    Term("infant_family", "Services that promote infant mental health",
         "professional work with families of infants/toddlers (Level II)"),
    Term("imh_specialized", "Specialized infant mental health work with parent and child together",
         "dyadic work on behalf of the parent-infant relationship (Level III)"),
    Term("rsc_provider", "Providing reflective supervision/consultation",
         "Mentor-Clinical leadership experience"),
    Term("policy_leadership", "Leading in policy or program administration",
         "Mentor-Policy leadership experience"),
    Term("faculty_research", "University teaching or published research",
         "Mentor-Research/Faculty leadership experience"),
)
# Each kind also counts wherever a broader kind is asked for (CASES.md "Work kinds").
WORK_KIND_COUNTS_AS = {
    "early_childhood": frozenset({"early_childhood"}),
    "infant_family": frozenset({"infant_family", "early_childhood"}),
    "imh_specialized": frozenset({"imh_specialized", "infant_family", "early_childhood"}),
    "rsc_provider": frozenset({"rsc_provider"}),
    "policy_leadership": frozenset({"policy_leadership"}),
    "faculty_research": frozenset({"faculty_research"}),
}

LEADERSHIP_SCOPES = (
    Term("local", "Local"),
    Term("regional", "Regional"),
    Term("state", "State"),
    Term("national", "National"),
)

RSC_FORMATS = (
    Term("individual", "Individual"),
    Term("group", "Group"),
)

ENDORSEMENT_LEVELS = tuple(
    Term(c.code, f"Endorsed at Level {c.code} ({c.imh_code})") for c in CATEGORIES.values()
)

REFERENCE_ROLES = (
    Term("supervisor", "Current program supervisor"),
    Term("teacher", "Teacher, instructor or trainer"),
    Term("cda_mentor", "CDA mentor"),
    Term("consultant", "Consultant"),
    Term("rsc_provider", "Provides reflective supervision/consultation to me"),
    Term("colleague", "Colleague"),
    Term("service_recipient", "Parent or other recipient of my services"),
    Term("supervisee", "Receives reflective supervision/consultation or supervision from me"),
    Term("student", "A student I teach or supervise"),
    Term("department_chair", "Department supervisor or chair"),
)

REFERENCE_STATUSES = (
    Term("submitted", "Submitted"),
    Term("pending", "Waiting for the rater"),
    Term("declined", "Declined by the rater"),
    Term("expired", "Link expired"),
)


def kinds_counting_as(kind: str) -> frozenset[str]:
    """The work kinds that count where ``kind`` is asked for (``kind`` and narrower ones)."""
    return frozenset(k for k, broader in WORK_KIND_COUNTS_AS.items() if kind in broader)
