"""Ranking of the units of one group, kept up to date one unit at a time.

Units are ordered by a sort key (smaller is better: negated score, then negated tie-break
counts). Units with equal keys share a rank. Competition ranking skips after a tie
(1, 2, 2, 4); dense ranking does not (1, 2, 2, 3). Units with fully equal keys keep their
order in the group (``order``) so that printed tables are stable.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable

from scoring.model import RankingMethod

SortKey = tuple[int, ...]
_AFTER_ALL = float("inf")


class RankIndex:
    """Sorted (key, order, unit id) entries of one group and the rank of each unit."""

    def __init__(self, method: RankingMethod, entries: Iterable[tuple[int, SortKey, int]] = ()) -> None:
        """``entries`` are (unit id, sort key, order within the group)."""
        self.method = method
        self._entry: dict[int, tuple[SortKey, int, int]] = {}
        for unit_id, key, order in entries:
            self._entry[unit_id] = (key, order, unit_id)
        self._sorted = sorted(self._entry.values())
        self._rank: dict[int, int] = {}
        self._assign(0, len(self._sorted))

    def __contains__(self, unit_id: int) -> bool:
        return unit_id in self._entry

    def rank(self, unit_id: int) -> int:
        return self._rank[unit_id]

    def ranks(self) -> dict[int, int]:
        return dict(self._rank)

    def in_rank_order(self) -> list[int]:
        return [entry[2] for entry in self._sorted]

    def leading(self, count: int, among: Callable[[int], bool] | None = None) -> list[int]:
        """Units with fewer than ``count`` units strictly ahead (ties at the cut all included);
        with ``among``, only the units it accepts are counted and chosen."""
        return self._take(self._only(self._sorted, among), count)

    def trailing(self, count: int, among: Callable[[int], bool] | None = None) -> list[int]:
        """Units with fewer than ``count`` units strictly behind (ties at the cut all included);
        ``among`` as for :meth:`leading`."""
        return self._take(self._only(reversed(self._sorted), among), count)

    @staticmethod
    def _only(
        entries: Iterable[tuple[SortKey, int, int]], among: Callable[[int], bool] | None
    ) -> Iterable[tuple[SortKey, int, int]]:
        return entries if among is None else (entry for entry in entries if among(entry[2]))

    def trailing_while(self, condition: Callable[[int], bool]) -> list[int]:
        """Units from the last one up for which ``condition(unit id)`` holds, stopping at the first that fails."""
        chosen: list[int] = []
        for _, _, unit_id in reversed(self._sorted):
            if not condition(unit_id):
                break
            chosen.append(unit_id)
        return chosen

    @staticmethod
    def _take(entries: Iterable[tuple[SortKey, int, int]], count: int) -> list[int]:
        chosen: list[int] = []
        block_start = 0
        previous_key = None
        for position, (key, _, unit_id) in enumerate(entries):
            if key != previous_key:
                block_start, previous_key = position, key
            if block_start >= count:
                break
            chosen.append(unit_id)
        return chosen

    def update(self, unit_id: int, key: SortKey) -> set[int]:
        """Give one unit a new key; return the units whose rank changed."""
        old_key, order, _ = self._entry[unit_id]
        if old_key == key:
            return set()
        old_entry = (old_key, order, unit_id)
        del self._sorted[bisect_left(self._sorted, old_entry)]
        new_entry = (key, order, unit_id)
        insort(self._sorted, new_entry)
        self._entry[unit_id] = new_entry
        low, high = min(old_key, key), max(old_key, key)
        start = bisect_left(self._sorted, (low,))
        stop = len(self._sorted)
        if self.method is RankingMethod.COMPETITION:
            # Units keyed outside [low, high] keep the count of units strictly ahead of them.
            stop = bisect_left(self._sorted, (high, _AFTER_ALL))
        return self._assign(start, stop)

    def _assign(self, start: int, stop: int) -> set[int]:
        changed: set[int] = set()
        entries = self._sorted
        dense = self.method is RankingMethod.DENSE
        if start == 0:
            rank = 0
        else:
            rank = self._rank[entries[start - 1][2]]
        previous_key = entries[start - 1][0] if start > 0 else None
        for position in range(start, stop):
            key, _, unit_id = entries[position]
            if key != previous_key:
                rank = rank + 1 if dense else position + 1
                previous_key = key
            if self._rank.get(unit_id) != rank:
                self._rank[unit_id] = rank
                changed.add(unit_id)
        return changed
