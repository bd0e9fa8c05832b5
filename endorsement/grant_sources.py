"""Where the grant report's rows come from: each program that delivers something the grant
pays for (consultation groups, the training calendar, ...) registers a source in its
AppConfig.ready(), so the report (``consultation.grant``) reads them all without importing
any of them, and a program reads nothing of another.

A source is ``fn(period)`` yielding rows ``{"kind", "region", "partner_or_group",
"participants", "hours", "user_ids"}`` and, optionally, ``first_at`` (see
``consultation.grant``).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

GrantSource = Callable[[Any], Iterable[dict]]
_sources: list[GrantSource] = []


def register_grant_source(fn: GrantSource) -> GrantSource:
    """Add a source of grant rows; registering twice has no effect."""
    if fn not in _sources:
        _sources.append(fn)
    return fn


def unregister_grant_source(fn: GrantSource) -> None:
    if fn in _sources:
        _sources.remove(fn)


def all_rows(period) -> list[dict]:
    """Every registered source's rows for ``period``, in the order they registered."""
    return [row for source in _sources for row in source(period)]
