"""What follows from an edition's rules alone, worked out once: :func:`per_edition`.

Compiled with the engine (``native.py``); the editions themselves (``editions.py``) are data
and are not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from .editions import Edition

T = TypeVar("T")
KEPT: Final = 4096   # entries a memo keeps (the rows made from hours and dates are many)
MEMOS: Final[list[dict]] = []   # every memo, by edition: to see that none grows unbounded


def per_edition(build: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``build(edition, *keys)``: what follows from an edition's rules alone (a
    source line joined with another, a threshold as a Decimal, a fixed sentence) is worked
    out once per edition and category, not again for every case; so is a row that follows
    from a few values (hours counted, a date). An edition is never changed once made (a new
    one is made with ``dataclasses.replace``), so this never goes stale; the memo holds on to
    each edition it has seen, and starts again past :data:`KEPT` entries."""
    # id(edition) -> (that edition, {keys: what was built}); the edition is held, so no
    # other can take its id while it is kept
    memo: dict[int, tuple[Edition, dict[tuple, T]]] = {}
    MEMOS.append(memo)

    def derived(ed: Edition, *keys: Any) -> T:
        edition = memo.get(id(ed))
        if edition is None or edition[0] is not ed:
            edition = memo[id(ed)] = (ed, {})
        built = edition[1]
        known = built.get(keys)
        if known is None:
            if len(built) >= KEPT:
                built.clear()
            known = built[keys] = build(ed, *keys)
        return known

    return derived
