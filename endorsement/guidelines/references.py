"""Reference slots filled from the submitted ratings by bipartite matching.

Each slot takes one rating whose role fits it and each rating fills at most one slot (three
distinct raters, ⚠A-23). A maximum matching (augmenting paths) is used, never a greedy pass,
so e.g. a colleague is not spent on a slot that only a colleague could share with another.
Levels II-IV also need one of the three matched raters to be endorsed at Level II or higher;
that is found by fixing each endorsed rater in each slot it fits and matching the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .case import Reference
from .editions import Slot


class SlotFilling(NamedTuple):
    """Which rating fills each slot (None = empty) and whether an endorsed rater is among them."""

    slots: tuple[Slot, ...]
    raters: tuple[Reference | None, ...]
    has_endorsed: bool

    @property
    def filled(self) -> int:
        """How many slots hold a rating."""
        return len(self.raters) - self.raters.count(None)

    @property
    def complete(self) -> bool:
        """Every slot holds a rating."""
        return None not in self.raters

    @property
    def empty_slots(self) -> tuple[Slot, ...]:
        """The slots still waiting for a rating."""
        return tuple(s for s, r in zip(self.slots, self.raters, strict=True) if r is None)


def fits(slot: Slot, rating: Reference, endorsed_levels: frozenset[str]) -> bool:
    """True when ``rating`` may fill ``slot``."""
    if slot.roles is not None and rating.role not in slot.roles:
        return False
    if slot.endorsed_or_vetted:
        return rating.vetted or rating.rater_level in endorsed_levels
    return True


def _max_matching(edges: Sequence[Sequence[int]],
                  taken: dict[int, int] | None = None) -> dict[int, int]:
    """Kuhn's algorithm: slot index -> rating index, as many slots as possible.

    ``taken`` pins some slots to ratings first; the rest is matched around them.
    """
    slot_rating: dict[int, int] = dict(taken or {})
    pinned = set(slot_rating.values())
    rating_slot: dict[int, int] = {}

    def augment(slot: int, seen: set[int]) -> bool:
        for r in edges[slot]:
            if r in pinned or r in seen:
                continue
            seen.add(r)
            if r not in rating_slot or augment(rating_slot[r], seen):
                rating_slot[r] = slot
                slot_rating[slot] = r
                return True
        return False

    for slot in range(len(edges)):
        if slot not in slot_rating:
            augment(slot, set())
    return slot_rating


def _greedy(edges: Sequence[Sequence[int]]) -> dict[int, int] | None:
    """Fill the slots with the fewest candidates first; a complete filling (a maximum
    matching by definition) or None when this simple pass does not find one."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for _, slot in sorted([(len(options), s) for s, options in enumerate(edges)]):
        for r in edges[slot]:
            if r not in used:
                used.add(r)
                out[slot] = r
                break
        else:
            return None
    return out


def fill_slots(slots: Sequence[Slot], ratings: Sequence[Reference],
               endorsed_levels: frozenset[str], need_endorsed: bool) -> SlotFilling:
    """Fill ``slots`` from the submitted ratings, with an endorsed rater when one can be fitted.

    The result is always a maximum matching; among those, one that includes a rater
    endorsed at ``endorsed_levels`` is chosen when ``need_endorsed`` and one exists.
    """
    counted = [r for r in ratings if r.status == "submitted"]
    edges = []
    for s in slots:   # fits(), inlined: this runs for every case
        roles, open_to_vetted = s.roles, s.endorsed_or_vetted
        edges.append([i for i, r in enumerate(counted)
                      if (roles is None or r.role in roles)
                      and (not open_to_vetted or r.vetted or r.rater_level in endorsed_levels)])
    endorsed = {i for i, r in enumerate(counted) if r.rater_level in endorsed_levels}

    quick = _greedy(edges)   # the usual case: every slot filled at the first try
    if quick is not None:
        quick_endorsed = not endorsed.isdisjoint(quick.values())
        if quick_endorsed or not need_endorsed:
            filled = tuple([counted[quick[s]] for s in range(len(slots))])
            return SlotFilling(tuple(slots), filled, quick_endorsed)

    best = _max_matching(edges)
    if need_endorsed and not endorsed.intersection(best.values()):
        best = _with_endorsed(edges, sorted(endorsed), len(best)) or best
    raters = tuple(counted[best[s]] if s in best else None for s in range(len(slots)))
    has_endorsed = any(r is not None and r.rater_level in endorsed_levels for r in raters)
    return SlotFilling(tuple(slots), raters, has_endorsed)


def _with_endorsed(edges: list[list[int]], endorsed: list[int], size: int
                   ) -> dict[int, int] | None:
    """The first matching of ``size`` slots with an endorsed rater fixed in a slot it fits
    (each endorsed rater in turn, each slot in turn), or None when there is none."""
    for e in endorsed:
        for s, options in enumerate(edges):
            if e in options:
                trial = _max_matching(edges, taken={s: e})
                if len(trial) == size:
                    return trial
    return None
