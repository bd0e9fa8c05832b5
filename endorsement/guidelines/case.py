"""Case files (shared/rules/CASES.md) as dataclasses, and their validation.

:func:`validate_case` takes parsed JSON (any Python object) and returns an
:class:`Application` or a :class:`Renewal`, or raises :class:`CaseError` whose message names
the field, e.g. ``rsc[2].hours: must be a number >= 0``. Dates may be ISO strings or
``datetime.date`` objects, hours may be ``Decimal``, a nullable choice may be ``""`` (a blank
form field) for null. Unknown keys are ignored; ``degrees[].name`` and
``leadership[].description`` may be left out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from . import vocabulary as v

T = TypeVar("T")


class CaseError(ValueError):
    """A case file that does not follow CASES.md; the message starts with the field's path."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class Degree(NamedTuple):
    """A degree or credential (``degrees[]``)."""

    type: str
    name: str
    related_field: bool
    awarded: dt.date
    transcript: bool


class Training(NamedTuple):
    """Relationship-based in-service training (``training[]``)."""

    date: dt.date
    hours: float
    about_rsc: bool


class Work(NamedTuple):
    """A role held (``work[]``); ``end`` None = still in it."""

    start: dt.date
    end: dt.date | None
    paid: bool
    kind: str
    families_served: int
    social_emotional_focus: bool
    relationship_focus: bool
    internship: bool
    internship_supervisor_level: str | None


class Leadership(NamedTuple):
    """A Level IV leadership activity (``leadership[]``)."""

    description: str
    scope: str


class RscSession(NamedTuple):
    """Reflective supervision/consultation received (``rsc[]``)."""

    date: dt.date
    hours: float
    format: str
    provider_level: str | None
    provider_degree: str | None


class Reference(NamedTuple):
    """A reference rating (``references[]``)."""

    role: str
    rater_level: str | None
    vetted: bool
    status: str
    claimed_level: str | None = None  # named by the applicant, not yet confirmed


class Exam(NamedTuple):
    """The written examination."""

    passed: bool


@dataclass(frozen=True, slots=True)
class Application:
    """An initial application."""

    program: str
    level: str
    track: str | None
    as_of: dt.date
    degrees: tuple[Degree, ...]
    training: tuple[Training, ...]
    work: tuple[Work, ...]
    leadership: tuple[Leadership, ...]
    rsc: tuple[RscSession, ...]
    references: tuple[Reference, ...]
    code_of_ethics_signed: bool
    agreement_signed: bool
    membership_expires: dt.date | None
    exam: Exam | None
    fee_paid: bool
    kind: str = "application"

    @property
    def category(self) -> str:
        """I, II, III, IV-C, IV-P or IV-RF."""
        return v.category_code(self.level, self.track)


@dataclass(frozen=True, slots=True)
class Renewal:
    """An annual renewal."""

    program: str
    level: str
    track: str | None
    endorsed_on: dt.date
    period_start: dt.date
    period_end: dt.date
    training: tuple[Training, ...]
    rsc: tuple[RscSession, ...]
    provides_rsc: bool
    membership_expires: dt.date | None
    kind: str = "renewal"

    @property
    def category(self) -> str:
        """I, II, III, IV-C, IV-P or IV-RF."""
        return v.category_code(self.level, self.track)


Case = Application | Renewal


# --- field readers (errors name the field; list readers prefix the item's path) ------

def _get(obj: Mapping[str, Any], key: str) -> Any:
    try:
        return obj[key]
    except KeyError:
        raise CaseError(key, "missing") from None


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if type(value) is not dict and not isinstance(value, Mapping):
        raise CaseError(path, "must be an object")
    return value


def _list(obj: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], T]
          ) -> tuple[T, ...]:
    value = _get(obj, key)
    if not isinstance(value, list | tuple):
        raise CaseError(key, "must be a list")
    out = []
    for i, item in enumerate(value):
        try:
            out.append(read(_object(item, "")))
        except CaseError as exc:
            field = f"{key}[{i}]" + (f".{exc.field}" if exc.field else "")
            raise CaseError(field, exc.problem) from None
    return tuple(out)


def _bool(obj: Mapping[str, Any], key: str) -> bool:
    value = _get(obj, key)
    if value is not True and value is not False:
        raise CaseError(key, "must be true or false")
    return value


def _hours(obj: Mapping[str, Any], key: str) -> float:
    value = _get(obj, key)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            number = float(value)
        except ValueError:   # Decimal("sNaN")
            number = math.nan
        if number >= 0 and math.isfinite(number):
            return number
    raise CaseError(key, "must be a number >= 0")


def _count(obj: Mapping[str, Any], key: str) -> int:
    value = _get(obj, key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CaseError(key, "must be a whole number >= 0")
    return value


def _text(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CaseError(key, "must be text")
    return value


def _date(obj: Mapping[str, Any], key: str, *, nullable: bool = False) -> Any:
    value = _get(obj, key)
    if type(value) is str:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    elif value is None and nullable:
        return None
    elif isinstance(value, dt.datetime):
        return value.date()
    elif isinstance(value, dt.date):
        return value
    expected = "a date (YYYY-MM-DD)" + (" or null" if nullable else "")
    raise CaseError(key, f"must be {expected}")


class _Enum:
    """An allowed set of strings, checked fast, named in order in the error."""

    __slots__ = ("allowed", "message", "nullable")

    def __init__(self, allowed: tuple[str, ...], *, nullable: bool = False) -> None:
        self.allowed = frozenset(allowed)
        self.nullable = nullable
        self.message = f"must be one of {', '.join(allowed)}" + (" or null" if nullable else "")

    def read(self, obj: Mapping[str, Any], key: str) -> Any:
        value = _get(obj, key)
        if self.nullable and (value is None or value == ""):
            return None   # "" is how a blank form field arrives
        if type(value) is not str or value not in self.allowed:
            raise CaseError(key, self.message)
        return value


_KIND = _Enum(v.values(v.CASE_KINDS))
_PROGRAM = _Enum(tuple(v.PROGRAMS))
_LEVEL = _Enum(v.LEVELS)
_TRACK = _Enum(v.values(v.TRACKS))
_DEGREE = _Enum(v.values(v.DEGREE_TYPES))
_DEGREE_OR_NULL = _Enum(v.values(v.DEGREE_TYPES), nullable=True)
_WORK_KIND = _Enum(v.values(v.WORK_KINDS))
_SCOPE = _Enum(v.values(v.LEADERSHIP_SCOPES))
_FORMAT = _Enum(v.values(v.RSC_FORMATS))
_ROLE = _Enum(v.values(v.REFERENCE_ROLES))
_STATUS = _Enum(v.values(v.REFERENCE_STATUSES))
_ENDORSED_OR_NULL = _Enum(v.CATEGORY_CODES, nullable=True)


# --- entries ------------------------------------------------------------------------

def _degree(d: Mapping[str, Any]) -> Degree:
    return Degree(_DEGREE.read(d, "type"), _text(d, "name"), _bool(d, "related_field"),
                  _date(d, "awarded"), _bool(d, "transcript"))


def _training(d: Mapping[str, Any]) -> Training:
    return Training(_date(d, "date"), _hours(d, "hours"), _bool(d, "about_rsc"))


def _work(d: Mapping[str, Any]) -> Work:
    start = _date(d, "start")
    end = _date(d, "end", nullable=True)
    if end is not None and end < start:
        raise CaseError("end", "must not be before start")
    return Work(
        start, end, _bool(d, "paid"), _WORK_KIND.read(d, "kind"),
        _count(d, "families_served"), _bool(d, "social_emotional_focus"),
        _bool(d, "relationship_focus"), _bool(d, "internship"),
        _ENDORSED_OR_NULL.read(d, "internship_supervisor_level"),
    )


def _leadership(d: Mapping[str, Any]) -> Leadership:
    return Leadership(_text(d, "description"), _SCOPE.read(d, "scope"))


def _rsc(d: Mapping[str, Any]) -> RscSession:
    return RscSession(
        _date(d, "date"), _hours(d, "hours"), _FORMAT.read(d, "format"),
        _ENDORSED_OR_NULL.read(d, "provider_level"), _DEGREE_OR_NULL.read(d, "provider_degree"),
    )


def _reference(d: Mapping[str, Any]) -> Reference:
    claimed = d.get("claimed_level") if isinstance(d, Mapping) else None
    return Reference(_ROLE.read(d, "role"), _ENDORSED_OR_NULL.read(d, "rater_level"),
                     _bool(d, "vetted"), _STATUS.read(d, "status"),
                     _ENDORSED_OR_NULL.read(d, "claimed_level") if claimed else None)


def _exam(d: Mapping[str, Any]) -> Exam | None:
    value = _get(d, "exam")
    if value is None:
        return None
    try:
        return Exam(_bool(_object(value, ""), "passed"))
    except CaseError as exc:
        raise CaseError("exam" + (f".{exc.field}" if exc.field else ""), exc.problem) from None


def _track(d: Mapping[str, Any], level: str) -> str | None:
    track = _get(d, "track")
    if level == "IV":
        if track is None:
            raise CaseError("track", f"required for level IV ({_TRACK.message})")
        return _TRACK.read(d, "track")
    if track is not None:
        raise CaseError("track", "must be null unless level is IV")
    return None


# --- cases --------------------------------------------------------------------------

def validate_case(data: Any) -> Case:
    """Check ``data`` against CASES.md and return the normalised case, or raise CaseError."""
    if isinstance(data, Application | Renewal):
        return data
    d = _object(data, "case")
    kind = _KIND.read(d, "kind")
    program = _PROGRAM.read(d, "program")
    level = _LEVEL.read(d, "level")
    track = _track(d, level)
    if kind == "renewal":
        return _renewal(d, program, level, track)
    return Application(
        program=program, level=level, track=track, as_of=_date(d, "as_of"),
        degrees=_list(d, "degrees", _degree),
        training=_list(d, "training", _training),
        work=_list(d, "work", _work),
        leadership=_list(d, "leadership", _leadership),
        rsc=_list(d, "rsc", _rsc),
        references=_list(d, "references", _reference),
        code_of_ethics_signed=_bool(d, "code_of_ethics_signed"),
        agreement_signed=_bool(d, "agreement_signed"),
        membership_expires=_date(d, "membership_expires", nullable=True),
        exam=_exam(d),
        fee_paid=_bool(d, "fee_paid"),
    )


def _renewal(d: Mapping[str, Any], program: str, level: str, track: str | None) -> Renewal:
    period_start = _date(d, "period_start")
    period_end = _date(d, "period_end")
    if period_end < period_start:
        raise CaseError("period_end", "must not be before period_start")
    return Renewal(
        program=program, level=level, track=track,
        endorsed_on=_date(d, "endorsed_on"),
        period_start=period_start, period_end=period_end,
        training=_list(d, "training", _training),
        rsc=_list(d, "rsc", _rsc),
        provides_rsc=_bool(d, "provides_rsc"),
        membership_expires=_date(d, "membership_expires", nullable=True),
    )
