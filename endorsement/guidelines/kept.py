"""Values kept by the identity of an object: :class:`ByIdentity`.

The engine remembers what it made for an object it will see again (a rules edition, a
translator, a checklist row) where the object cannot be hashed, or must be told apart by
``is`` rather than ``==``. Compiled with the engine (``native.py``).
"""

from __future__ import annotations

from typing import Any, Final

LIMIT: Final = 4096   # entries kept before all start again


class ByIdentity:
    """``id(obj) -> (obj, value)``. Each entry holds on to ``obj``, so no other object can
    take its id while the entry is kept; past ``limit`` entries all are dropped and made
    again as they are needed (every user of this can make its value again)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.entries: dict[int, tuple[Any, Any]] = {}
        self.limit = limit

    def get(self, obj: Any) -> Any:
        """The value kept for this very object, or None."""
        known = self.entries.get(id(obj))
        return known[1] if known is not None and known[0] is obj else None

    def put(self, obj: Any, value: Any) -> Any:
        """Keep ``value`` for ``obj``; returns it."""
        if len(self.entries) >= self.limit:
            self.entries.clear()
        self.entries[id(obj)] = (obj, value)
        return value

    def clear(self) -> None:
        self.entries.clear()

    def __len__(self) -> int:
        return len(self.entries)
