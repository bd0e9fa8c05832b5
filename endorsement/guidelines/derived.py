"""What follows from an edition's rules alone, worked out once: :func:`per_edition`.

Compiled with the engine (``native.py``); the editions themselves (``editions.py``) are data
and are not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from .editions import Edition
from .kept import ByIdentity

T = TypeVar("T")
KEPT: Final = 4096   # entries a memo keeps (the rows made from hours and dates are many)
MEMOS: Final[list[ByIdentity]] = []   # every memo, by edition: to see none grows unbounded


def per_edition(build: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``build(edition, *keys)``: what follows from an edition's rules alone (a
    source line joined with another, a threshold as a Decimal, a fixed sentence) is worked
    out once per edition and category, not again for every case; so is a row that follows
    from a few values (hours counted, a date). An edition is never changed once made (a new
    one is made with ``dataclasses.replace``), so this never goes stale; the memo holds on to
    each edition it has seen, and starts again past :data:`KEPT` entries."""
    memo = ByIdentity()   # edition -> {keys: what was built}
    MEMOS.append(memo)

    def derived(ed: Edition, *keys: Any) -> T:
        built: dict[tuple, T] | None = memo.get(ed)
        if built is None:
            built = memo.put(ed, {})
        known = built.get(keys)
        if known is None:
            if len(built) >= KEPT:
                built.clear()
            known = built[keys] = build(ed, *keys)
        return known

    return derived
