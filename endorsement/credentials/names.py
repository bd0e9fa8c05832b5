"""The holder's name as certificates, verification and the registry print it.

The core knows only the account's first and last name; an outer app that knows better (the
applicant's profile, "your full name as you will sign the agreements") registers a source in its
AppConfig.ready(), and calls ``services.holder_renamed(user)`` when that name changes, so
certificates are made again.
"""
from __future__ import annotations

from collections.abc import Callable

_sources: list[Callable] = []


def register_name_source(fn: Callable) -> None:
    """``fn(user) -> str | None``: the person's full name, or None when it does not know."""
    if fn not in _sources:
        _sources.append(fn)


def holder_name(user, *, or_email: bool = True) -> str:
    """The best full name known; failing that the email address (private uses) or ""
    (public pages, which must never show an address)."""
    for source in _sources:
        name = (source(user) or "").strip()
        if name:
            return name
    return user.get_full_name().strip() or (user.email if or_email else "")
