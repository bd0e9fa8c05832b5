"""The Competency Guidelines as code: vocabulary, competency areas, the eligibility and
renewal engine, and the category finder. Plain Python, no Django import.

    >>> from endorsement.guidelines import evaluate
    >>> evaluate(case_dict)["eligible"]

See docs/guidelines.md for the layout and how to add a rules edition.
"""

from . import native  # first: the compiled engine, when built from these sources
from .case import (
    Application,
    CaseError,
    Degree,
    Exam,
    Leadership,
    Reference,
    Renewal,
    RscSession,
    Training,
    Work,
    validate_case,
)
from .competencies import AREA_NAMES, CompetencyArea, competency_areas
from .editions import DEFAULT_EDITION, EDITIONS, MASSAIMH_2015, Edition, Rule, Slot, get_edition
from .engine import decide, evaluate, evaluate_renewals
from .finder import (
    FINDER_DISCLAIMER,
    FINDER_QUESTIONS,
    FinderAnswers,
    FinderError,
    FinderQuestion,
    Recommendation,
    applicable_questions,
    find_category,
)
from .messages import AUDIENCES, CATALOG, Msg, catalog_strings, render
from .verdict import APPLICATION_IDS, RENEWAL_IDS, Requirement, Verdict, for_audience
from .vocabulary import (
    CASE_KINDS,
    CATEGORIES,
    CATEGORY_CODES,
    CATEGORY_TERMS,
    DEGREE_TYPES,
    ECMH_E,
    ENDORSED_II_PLUS,
    ENDORSEMENT_LEVELS,
    IMH_E,
    LEADERSHIP_SCOPES,
    LEVELS,
    PROGRAM_TERMS,
    PROGRAMS,
    REFERENCE_ROLES,
    REFERENCE_STATUSES,
    RSC_FORMATS,
    TRACKS,
    WORK_KINDS,
    Category,
    Program,
    Term,
    category,
    category_code,
    choices,
    label_of,
)

__all__ = [
    "APPLICATION_IDS", "AREA_NAMES", "native", "AUDIENCES", "CATALOG", "Msg", "catalog_strings",
    "for_audience", "render", "evaluate_renewals", "CASE_KINDS", "CATEGORIES", "CATEGORY_CODES",
    "CATEGORY_TERMS", "DEFAULT_EDITION", "DEGREE_TYPES", "ECMH_E", "EDITIONS",
    "ENDORSED_II_PLUS", "ENDORSEMENT_LEVELS", "FINDER_DISCLAIMER", "FINDER_QUESTIONS", "IMH_E",
    "LEADERSHIP_SCOPES", "LEVELS", "MASSAIMH_2015", "PROGRAMS", "PROGRAM_TERMS",
    "REFERENCE_ROLES", "REFERENCE_STATUSES", "RENEWAL_IDS", "RSC_FORMATS", "TRACKS",
    "WORK_KINDS", "Application", "CaseError", "Category", "CompetencyArea", "Degree", "Edition",
    "Exam", "FinderAnswers", "FinderError", "FinderQuestion", "Leadership", "Program",
    "Recommendation", "Reference", "Renewal", "Requirement", "RscSession", "Rule", "Slot",
    "Term", "Training", "Verdict", "Work", "applicable_questions", "category", "category_code",
    "choices", "competency_areas", "decide", "evaluate", "find_category", "get_edition",
    "label_of", "validate_case",
]
