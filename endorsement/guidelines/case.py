"""Case files (shared/rules/CASES.md) as dataclasses, and their validation.

:func:`validate_case` takes parsed JSON (any Python object) and returns an
:class:`Application` or a :class:`Renewal`, or raises :class:`CaseError` whose message names
the field, e.g. ``rsc[2].hours: must be a number >= 0``. Dates may be ISO strings or
``datetime.date`` objects, hours may be ``Decimal``, a nullable choice may be ``""`` (a blank
form field) for null. Hours are kept as exact ``Decimal`` values (a float is read as the
decimal it prints as, so ``1.2`` is exactly 1.2); more than :data:`MAX_HOURS` in one entry,
or more than :data:`MAX_FAMILIES` families in one role, is refused as not credible. Unknown
keys are ignored; ``degrees[].name``, ``leadership[].description`` and ``rsc[].provider_ers``
may be left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from operator import itemgetter
from typing import Any, Final, NamedTuple, TypeVar

from . import vocabulary as v

T = TypeVar("T")

MAX_HOURS: Final = Decimal(10_000)       # one training or RSC entry; a year has 8,784 hours at most
MAX_FAMILIES: Final = 100_000            # families served in one role
_PLACES: Final = Decimal("1e-12")        # hours finer than this are dropped (never rounded up)
_ZERO: Final = Decimal(0)


# A NamedTuple's own constructor is a Python function, which compiled code (native.py)
# cannot call quickly: ``make_tuple(Reference, fields)`` makes the very same value in C.
# Used for what every case makes several of.
make_tuple: Final = tuple.__new__


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
    hours: Decimal
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
    hours: Decimal
    format: str
    provider_level: str | None
    provider_degree: str | None
    provider_ers: bool = False        # the provider holds the ERS add-on (Virginia)
    about_provision: bool = False     # about the RSC the applicant provides (ERS add-on)


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


class Application(NamedTuple):
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
        return _category_code(self.level, self.track)


class Renewal(NamedTuple):
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
        return _category_code(self.level, self.track)


class Providing(NamedTuple):
    """A period the applicant provided RSC to others (``providing[]``, ERS add-on)."""

    start: dt.date
    end: dt.date | None
    supervisees: int


class ErsApplication(NamedTuple):
    """An application for the ERS add-on (Virginia, REQUIREMENTS.md §8.5)."""

    program: str
    level: str
    track: str | None
    as_of: dt.date
    applying_for: str                   # full | emerging
    endorsed: bool                      # already holds the Level (FS/MHS) endorsement
    emerging_approved_on: dt.date | None
    providing: tuple[Providing, ...]
    rsc: tuple[RscSession, ...]         # received; ``about_provision`` sessions count
    training: tuple[Training, ...]
    membership_expires: dt.date | None
    kind: str = "ers"

    @property
    def category(self) -> str:
        """I, II, III, IV-C, IV-P or IV-RF."""
        return _category_code(self.level, self.track)


Case = Application | Renewal | ErsApplication


def _category_code(level: str, track: str | None) -> str:
    # vocabulary.category_code, compiled here: every rule asks for the category
    if level == "IV" and track is not None:
        return _LEVEL_IV_CODES.get(track, level)
    return level


_LEVEL_IV_CODES: Final = {track: v.category_code("IV", track) for track in v.TRACK_LETTER}


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
    try:
        value = obj[key]
    except KeyError:
        raise CaseError(key, "missing") from None
    if type(value) is not list and not isinstance(value, list | tuple):
        raise CaseError(key, "must be a list")
    try:   # fast: every item an object; on an error, the loop below finds its index
        return tuple([read(item if type(item) is dict else _object(item, ""))
                      for item in value])
    except CaseError:
        pass
    out = []
    for i, item in enumerate(value):
        try:
            out.append(read(_object(item, "")))
        except CaseError as exc:
            field = f"{key}[{i}]" + (f".{exc.field}" if exc.field else "")
            raise CaseError(field, exc.problem) from None
    return tuple(out)


def _bool(obj: Mapping[str, Any], key: str) -> bool:
    try:
        value = obj[key]
    except KeyError:
        raise CaseError(key, "missing") from None
    if value is not True and value is not False:
        raise CaseError(key, "must be true or false")
    return value


_SEEN_HOURS: Final[dict[int | float, Decimal]] = {}   # plain int/float -> its exact Decimal
_SEEN_DATES: Final[dict[str, dt.date]] = {}           # ISO text -> date
_SEEN_LIMIT: Final = 4096


def _remember(cache: dict, key: Any, value: Any) -> Any:
    if len(cache) >= _SEEN_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _hours(obj: Mapping[str, Any], key: str) -> Decimal:
    value = _get(obj, key)
    kind = type(value)
    if kind is int or kind is float:
        known = _SEEN_HOURS.get(value)
        if known is not None:
            return known
        return _remember(_SEEN_HOURS, value, _hours_of(value, key))
    return _hours_of(value, key)


def _hours_of(value: Any, key: str) -> Decimal:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            number = value if isinstance(value, Decimal) else Decimal(
                repr(value) if isinstance(value, float) else value)
            finite = number.is_finite()
        except (InvalidOperation, ValueError):
            finite = False
        if finite and number >= 0:
            if number > MAX_HOURS:
                raise CaseError(key, f"must be at most {MAX_HOURS} hours in one entry")
            if number.as_tuple().exponent < -12:   # type: ignore[operator]
                number = number.quantize(_PLACES, rounding=ROUND_FLOOR)
            return number + _ZERO   # -0 becomes 0
    raise CaseError(key, "must be a number >= 0")


def _count(obj: Mapping[str, Any], key: str) -> int:
    value = _get(obj, key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value) if value.adjusted() < 20 else MAX_FAMILIES + 1   # refused below
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CaseError(key, "must be a whole number >= 0")
    if value > MAX_FAMILIES:
        raise CaseError(key, f"must be at most {MAX_FAMILIES:,}")
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
        known = _SEEN_DATES.get(value)
        if known is not None:
            return known
        try:
            return _remember(_SEEN_DATES, value, dt.date.fromisoformat(value))
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
        try:
            value = obj[key]
        except KeyError:
            raise CaseError(key, "missing") from None
        if type(value) is str and value in self.allowed:
            return value
        if self.nullable and (value is None or value == ""):
            return None   # "" is how a blank form field arrives
        if type(value) is not str or value not in self.allowed:
            raise CaseError(key, self.message)
        return value


_KIND: Final = _Enum(v.values(v.CASE_KINDS))
_PROGRAM: Final = _Enum(tuple(v.PROGRAMS))
_LEVEL: Final = _Enum(v.LEVELS)
_TRACK: Final = _Enum(v.values(v.TRACKS))
_DEGREE: Final = _Enum(v.values(v.DEGREE_TYPES))
_DEGREE_OR_NULL: Final = _Enum(v.values(v.DEGREE_TYPES), nullable=True)
_WORK_KIND: Final = _Enum(v.values(v.WORK_KINDS))
_SCOPE: Final = _Enum(v.values(v.LEADERSHIP_SCOPES))
_FORMAT: Final = _Enum(v.values(v.RSC_FORMATS))
_ROLE: Final = _Enum(v.values(v.REFERENCE_ROLES))
_STATUS: Final = _Enum(v.values(v.REFERENCE_STATUSES))
_ENDORSED_OR_NULL: Final = _Enum(v.CATEGORY_CODES, nullable=True)
_ERS_STATUS: Final = _Enum(v.values(v.ERS_STATUSES))
_ENDORSED_CODES: Final = frozenset(v.CATEGORY_CODES)


# --- entries ------------------------------------------------------------------------
#
# A checklist decides the same case again on every page that shows it, so the same degrees,
# roles, sessions and training entries come back time after time. Each reader below
# checks and builds an entry once and hands out the same (immutable) entry when exactly the
# same plain values come again. Only plain values are looked up: exact ``str``, ``int`` or
# ``float`` hours, ``True``/``False``, ``None``, a ``date`` or ISO text, so ``1`` and ``True``
# or a str subclass never stand in for one another (``1`` and ``1.0`` hours are the same
# hours). Anything else, and every error, goes through the field readers, which name the
# field.

_DATES: Final = frozenset({str, dt.date})     # exact types: a datetime is read every time
_DATE: Final = dt.date
# the entries read, by their plain values, one dict a kind
_SEEN_DEGREES: Final[dict[tuple, Degree]] = {}
_SEEN_WORK: Final[dict[tuple, Work]] = {}
_SEEN_TRAINING: Final[dict[tuple, Training]] = {}
_SEEN_RSC: Final[dict[tuple, RscSession]] = {}
_DEGREE_FIELDS: Final = itemgetter("type", "name", "related_field", "awarded", "transcript")
_WORK_FIELDS: Final = itemgetter("start", "end", "paid", "kind", "families_served",
                          "social_emotional_focus", "relationship_focus", "internship",
                          "internship_supervisor_level")


def _degree(d: Mapping[str, Any]) -> Degree:
    seen = _SEEN_DEGREES
    try:
        key = _DEGREE_FIELDS(d)
        known = seen.get(key)
    except (KeyError, TypeError):    # a field missing, or a value that is no plain value
        return _degree_checked(d)
    kind, name, related, awarded, transcript = key
    if not (type(kind) is str and (name is None or type(name) is str) and type(awarded) in _DATES
            and (related is True or related is False)
            and (transcript is True or transcript is False)):
        return _degree_checked(d)
    if known is None:
        known = _remember(seen, key, _degree_checked(d))
    return known


def _degree_checked(d: Mapping[str, Any]) -> Degree:
    return make_tuple(Degree, (_DEGREE.read(d, "type"), _text(d, "name"),
                               _bool(d, "related_field"), _date(d, "awarded"),
                               _bool(d, "transcript")))


def _training(d: Mapping[str, Any]) -> Training:
    # The fields read one by one (not through an itemgetter): a log has many entries, and
    # compiled, this is the quicker way; the types are checked before the look-up.
    try:
        day, hours, about = d["date"], d["hours"], d["about_rsc"]
    except KeyError:
        return _training_checked(d)   # names the missing field
    day_type, hours_type = type(day), type(hours)
    if not ((day_type is str or day_type is _DATE) and (hours_type is int or hours_type is float)
            and (about is True or about is False)):
        return _training_checked(d)
    key = (day, hours, about)
    seen = _SEEN_TRAINING
    known = seen.get(key)
    if known is None:
        known = _remember(seen, key, _training_checked(d))
    return known


def _training_checked(d: Mapping[str, Any]) -> Training:
    return make_tuple(Training, (_date(d, "date"), _hours(d, "hours"), _bool(d, "about_rsc")))


def _work(d: Mapping[str, Any]) -> Work:
    seen = _SEEN_WORK
    try:
        key = _WORK_FIELDS(d)
        known = seen.get(key)
    except (KeyError, TypeError):
        return _work_checked(d)
    start, end, paid, kind, families, social, relational, internship, supervisor = key
    if not (type(start) in _DATES and (end is None or type(end) in _DATES)
            and type(kind) is str and type(families) is int
            and (supervisor is None or type(supervisor) is str)
            and (paid is True or paid is False) and (social is True or social is False)
            and (relational is True or relational is False)
            and (internship is True or internship is False)):
        return _work_checked(d)
    if known is None:
        known = _remember(seen, key, _work_checked(d))
    return known


def _work_checked(d: Mapping[str, Any]) -> Work:
    start = _date(d, "start")
    end = _date(d, "end", nullable=True)
    if end is not None and end < start:
        raise CaseError("end", "must not be before start")
    return make_tuple(Work, (
        start, end, _bool(d, "paid"), _WORK_KIND.read(d, "kind"),
        _count(d, "families_served"), _bool(d, "social_emotional_focus"),
        _bool(d, "relationship_focus"), _bool(d, "internship"),
        _ENDORSED_OR_NULL.read(d, "internship_supervisor_level"),
    ))


def _leadership(d: Mapping[str, Any]) -> Leadership:
    return Leadership(_text(d, "description"), _SCOPE.read(d, "scope"))


def _rsc(d: Mapping[str, Any]) -> RscSession:
    try:   # read one by one, as in _training
        day, hours, fmt = d["date"], d["hours"], d["format"]
        level, degree = d["provider_level"], d["provider_degree"]
    except KeyError:
        return _rsc_checked(d)
    day_type, hours_type = type(day), type(hours)
    if not ((day_type is str or day_type is _DATE) and (hours_type is int or hours_type is float)
            and type(fmt) is str
            and (level is None or type(level) is str)
            and (degree is None or type(degree) is str)
            and len(d) == 5):   # these five alone: no provider_ers or about_provision
        return _rsc_checked(d)
    key = (day, hours, fmt, level, degree)
    seen = _SEEN_RSC
    known = seen.get(key)
    if known is None:
        known = _remember(seen, key, _rsc_checked(d))
    return known


def _rsc_checked(d: Mapping[str, Any]) -> RscSession:
    return make_tuple(RscSession, (
        _date(d, "date"), _hours(d, "hours"), _FORMAT.read(d, "format"),
        _ENDORSED_OR_NULL.read(d, "provider_level"), _DEGREE_OR_NULL.read(d, "provider_degree"),
        _bool(d, "provider_ers") if "provider_ers" in d else False,
        _bool(d, "about_provision") if "about_provision" in d else False,
    ))


def _providing(d: Mapping[str, Any]) -> Providing:
    start = _date(d, "start")
    end = _date(d, "end", nullable=True)
    if end is not None and end < start:
        raise CaseError("end", "must not be before start")
    supervisees = _count(d, "supervisees")
    return Providing(start, end, supervisees)


def _reference(d: Mapping[str, Any]) -> Reference:
    # Not reused like the entries above: two ratings with the same values are two raters,
    # and the slot filling tells them apart by identity. The common shape is read fast.
    claimed = d.get("claimed_level") if type(d) is dict or isinstance(d, Mapping) else None
    try:
        role, level, vetted, status = d["role"], d["rater_level"], d["vetted"], d["status"]
    except KeyError:
        role = None
    if (not claimed and type(role) is str and role in _ROLE.allowed
            and (vetted is True or vetted is False)
            and (level is None or (type(level) is str and level in _ENDORSED_CODES))
            and type(status) is str and status in _STATUS.allowed):
        return make_tuple(Reference, (role, level, vetted, status, None))
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
    if type(data) is not dict and isinstance(data, Application | Renewal | ErsApplication):
        return data
    d = _object(data, "case")
    kind = _KIND.read(d, "kind")
    program = _PROGRAM.read(d, "program")
    level = _LEVEL.read(d, "level")
    track = _track(d, level)
    if kind == "renewal":
        return _renewal(d, program, level, track)
    if kind == "ers":
        return _ers(d, program, level, track)
    return make_tuple(Application, (   # in field order
        program, level, track, _date(d, "as_of"),
        _list(d, "degrees", _degree),
        _list(d, "training", _training),
        _list(d, "work", _work),
        _list(d, "leadership", _leadership),
        _list(d, "rsc", _rsc),
        _list(d, "references", _reference),
        _bool(d, "code_of_ethics_signed"),
        _bool(d, "agreement_signed"),
        _date(d, "membership_expires", nullable=True),
        _exam(d),
        _bool(d, "fee_paid"),
        "application",
    ))


def _renewal(d: Mapping[str, Any], program: str, level: str, track: str | None) -> Renewal:
    period_start = _date(d, "period_start")
    period_end = _date(d, "period_end")
    if period_end < period_start:
        raise CaseError("period_end", "must not be before period_start")
    return make_tuple(Renewal, (   # in field order
        program, level, track,
        _date(d, "endorsed_on"),
        period_start, period_end,
        _list(d, "training", _training),
        _list(d, "rsc", _rsc),
        _bool(d, "provides_rsc"),
        _date(d, "membership_expires", nullable=True),
        "renewal",
    ))


def _ers(d: Mapping[str, Any], program: str, level: str, track: str | None) -> ErsApplication:
    return ErsApplication(
        program=program, level=level, track=track, as_of=_date(d, "as_of"),
        applying_for=_ERS_STATUS.read(d, "applying_for"),
        endorsed=_bool(d, "endorsed"),
        emerging_approved_on=_date(d, "emerging_approved_on", nullable=True),
        providing=_list(d, "providing", _providing),
        rsc=_list(d, "rsc", _rsc),
        training=_list(d, "training", _training),
        membership_expires=_date(d, "membership_expires", nullable=True),
    )


# --- one evidence log, several Endorsements® held -----------------------------------

class Held(NamedTuple):
    """One Endorsement® held (``held[]`` of a multi-endorsement renewal)."""

    program: str
    level: str
    track: str | None
    endorsed_on: dt.date


def _held(d: Mapping[str, Any]) -> Held:
    program = _PROGRAM.read(d, "program")
    level = _LEVEL.read(d, "level")
    return Held(program, level, _track(d, level), _date(d, "endorsed_on"))


def validate_renewals(data: Any) -> tuple[Renewal, ...]:
    """A renewal for someone holding several Endorsements® (IMH-E® and ECMH-E®, or two
    Mentor designations): ``held`` lists them, and one evidence log (``training``, ``rsc``,
    ``provides_rsc``, ``membership_expires``, the period) serves them all. Returns one
    :class:`Renewal` per held Endorsement®, sharing the same log. In one program a person
    holds one level; only Level IV designations combine."""
    d = _object(data, "case")
    if _get(d, "kind") != "renewal":
        raise CaseError("kind", "must be renewal")
    held = _list(d, "held", _held)
    if not held:
        raise CaseError("held", "must list at least one Endorsement® held")
    seen: dict[str, list[Held]] = {}
    for i, h in enumerate(held):
        for other in seen.get(h.program, []):
            code = v.category_code(h.level, h.track)
            if code == v.category_code(other.level, other.track):
                raise CaseError(f"held[{i}]", f"{h.program} {code} is listed twice")
            if h.level != "IV" or other.level != "IV":
                raise CaseError(f"held[{i}]", f"one {h.program} Endorsement® per level: "
                                              f"Level {other.level} is already listed "
                                              f"(only Level IV designations combine)")
        seen.setdefault(h.program, []).append(h)
    first = held[0]
    log = dict(d, program=first.program, level=first.level, track=first.track,
               endorsed_on=first.endorsed_on)
    base = _renewal(log, first.program, first.level, first.track)
    return tuple(base._replace(program=h.program, level=h.level, track=h.track,
                               endorsed_on=h.endorsed_on) for h in held)
