"""Date periods and clock hours: union of overlapping roles, clipping, the best RSC window.

Periods are ``(first_day, last_day)`` with both days included. Hours are exact ``Decimal``
values (see ``case.py``), so sums are exact: 20 sessions of 1.2 hours are 24 hours, 24 of
0.9999 are not, and adding an entry can never lower a total.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Final

from .case import Work

Period = tuple[dt.date, dt.date]


def role_periods(roles: Iterable[Work], kinds: frozenset[str], as_of: dt.date, *,
                 first: dt.date | None = None, paid_only: bool = True,
                 internship: bool = False) -> list[Period]:
    """Periods of the roles of one of ``kinds``, open-ended ones up to ``as_of``, clipped.

    ``internship`` picks internships (paid or not) instead of ordinary roles.
    """
    chosen = [(r.start, r.end or as_of) for r in roles
              if r.kind in kinds and r.internship == internship
              and (internship or r.paid or not paid_only)]
    return clip(chosen, first, as_of)


def clip(periods: Iterable[Period], first: dt.date | None = None,
         last: dt.date | None = None) -> list[Period]:
    """The parts of ``periods`` between ``first`` and ``last`` (both included)."""
    out = []
    for start, end in periods:
        if first is not None and start < first:
            start = first
        if last is not None and end > last:
            end = last
        if start <= end:
            out.append((start, end))
    return out


def merge(periods: Iterable[Period]) -> list[Period]:
    """Overlapping or touching periods joined, in date order."""
    ordered = sorted(periods)
    if len(ordered) < 2:    # most cases: one role, nothing to join
        return ordered
    merged: list[Period] = [ordered[0]]
    for start, end in ordered[1:]:
        last_start, last_end = merged[-1]
        if (start - last_end).days <= 1:
            if end > last_end:
                merged[-1] = (last_start, end)
        else:
            merged.append((start, end))
    return merged


def days(periods: Iterable[Period]) -> int:
    """Days covered by the union of ``periods`` (a day in two roles counts once)."""
    total = 0
    for start, end in merge(periods):
        total += (end - start).days + 1
    return total


def days_not_in(periods: Iterable[Period], covered: Iterable[Period]) -> int:
    """Days in the union of ``periods`` that are not in the union of ``covered``."""
    own, cov = merge(periods), merge(covered)
    return days([*own, *cov]) - days(cov) if own else 0


def covers(merged: list[Period], starts: list[dt.date], day: dt.date) -> bool:
    """True when ``day`` falls inside one of ``merged`` (merged periods, ``starts`` their
    first days)."""
    i = bisect_right(starts, day) - 1
    return i >= 0 and day <= merged[i][1]


def best_window(sessions: Iterable[tuple], window_days: int,
                ) -> tuple[Decimal, dt.date | None, dt.date | None]:
    """The most hours dated inside any ``window_days``-day window, and that window's span.

    ``sessions`` are ``(date, hours, ...)`` tuples (an ``RscSession`` will do). A window of
    730 days holds sessions whose first and last dates are at most 729 days apart. Returns
    ``(hours, first_date, last_date)``; dates are None when nothing counts.
    """
    items = list(sessions)
    for i in range(1, len(items)):   # a log is usually kept in date order: sorted only if not
        if items[i][0] < items[i - 1][0]:
            items.sort(key=_DAY)     # by day alone: same-day order changes no total
            break
    if not items:
        return ZERO, None, None
    if (items[-1][0] - items[0][0]).days < window_days:
        # the usual case, every session inside one window: the loop below would add them
        # all up and end its best window at the last session that added hours
        total = ZERO
        for s in items:
            total += s[1]
        if not total > ZERO:
            return ZERO, None, None
        for s in items[::-1]:   # (not reversed(): mypyc 2.4 fails on it here)
            if s[1] > ZERO:
                return total, items[0][0], s[0]
    ordinals = [s[0].toordinal() for s in items]   # day numbers: cheap to compare
    best, best_first, best_last = ZERO, None, None
    total, lo = ZERO, 0
    for hi, s in enumerate(items):
        total += s[1]
        too_early = ordinals[hi] - window_days   # this day number or before is outside
        while ordinals[lo] <= too_early:
            total -= items[lo][1]
            lo += 1
        if total > best:
            best, best_first, best_last = total, items[lo][0], s[0]
    return best, best_first, best_last


_DAY: Final = itemgetter(0)
ZERO: Final = Decimal(0)
_CENT: Final = Decimal("0.01")


def iso(day: dt.date) -> str:
    """``day.isoformat()``, remembered: dates come back case after case, and making the
    text costs more than most rules (it goes through printf)."""
    text = _ISO.get(day)
    if text is None:
        if len(_ISO) >= 4096:
            _ISO.clear()
        text = _ISO[day] = day.isoformat()
    return text


_ISO: Final[dict[dt.date, str]] = {}


@lru_cache(maxsize=2048)   # the same thresholds and totals come back case after case
def fmt_hours(hours: Decimal | int, *, up: bool = False) -> str:
    """``Decimal("1.50") -> "1.5"``; rounds down to 2 decimals (up with ``up=True``) so it
    never misleads: 23.999 hours read "23.99", never "24"."""
    value = Decimal(hours).quantize(_CENT, rounding=ROUND_CEILING if up else ROUND_FLOOR)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=2048)
def fmt_years(day_count: int, year_days: int) -> str:
    """``548 days -> "1.5"`` years, rounded down to one decimal (exact integer arithmetic)."""
    tenths = day_count * 10 // year_days
    return f"{tenths // 10}.{tenths % 10}".removesuffix(".0")


def plural(n: float | str, word: str, words: str | None = None) -> str:
    """``plural(1, "hour") -> "1 hour"``, ``plural(2, "hour") -> "2 hours"``."""
    return f"{n} {word if str(n) == '1' else (words or word + 's')}"
