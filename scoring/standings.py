"""Scores, ranks and suggested commendation/criticism for a period, kept current.

``Standings`` computes everything once, then ``refresh(unit_ids)`` recomputes only the
units whose tallies or adjustments changed and reports what a view has to repaint.

Suggestions (建议表扬/建议批评) take part only units with something entered (a submission, an
adoption, an event or an adjustment): in a blank or half-filled period the units not yet
filled in are neither "all first" nor "all tied last". A unit scoring 0 or less is never
suggested for commendation, even when it ties within the commendation places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from scoring.evaluate import passes, unit_total
from scoring.model import ListKind, Period, Scheme, Tally, TieBreak
from scoring.ranking import RankIndex, SortKey

SCALE = 10**4  # points carry at most 4 decimals (scoring.cells.POINT_DECIMALS)
NOT_ENTERED = "未填数据，不参加建议"
NOT_COMMENDED_AT_ZERO = "0 分不予表扬"


def unit_score(period: Period, unit_id: int) -> Decimal:
    """The unit's score: under the scheme's rules, or, in an accumulated period, the sum of its
    scores in the periods added up (each scored under its own scheme) plus its own 加减分."""
    if period.sources:
        return source_total(period, unit_id) + period.adjustment_total(unit_id)
    unit = period.units[unit_id]
    return unit_total(period.scheme, unit.category, period.tallies[unit_id], period.adjustment_total(unit_id))


def source_total(period: Period, unit_id: int) -> Decimal:
    return sum((s.scores[unit_id].score for s in period.sources if unit_id in s.scores), Decimal(0))


def unit_passed(period: Period, unit_id: int, score: Decimal) -> bool | None:
    """达标 (True), 不达标 (False) or None when the scheme sets no mark.

    In an accumulated period a unit is 达标 when it was 达标 in every period added up that
    judged it (and its own 加减分 do not change that).
    """
    if period.sources:
        verdicts = [s.scores[unit_id].passed for s in period.sources if unit_id in s.scores]
        judged = [v for v in verdicts if v is not None]
        return all(judged) if judged else None
    return passes(period.scheme, score)


def has_entries(period: Period, unit_id: int) -> bool:
    """Whether anything was entered for the unit: submissions, adoptions, events or adjustments."""
    tally = period.tallies[unit_id]
    if tally.submitted or tally.adopted or any(tally.events.values()) or period.adjustments.get(unit_id):
        return True
    return any(count.dedicated or count.combined for count in tally.adoptions.values())


def sort_key(scheme: Scheme, score: Decimal, tally: Tally) -> SortKey:
    key = [-int(score * SCALE)]
    for tie_break in scheme.tie_breaks:
        key.append(-(tally.submitted if tie_break is TieBreak.SUBMITTED else tally.adopted))
    return tuple(key)


@dataclass(slots=True)
class Delta:
    """What changed: units whose score, rank or list membership differ from before."""

    scores: set[int] = field(default_factory=set)
    ranks: set[int] = field(default_factory=set)
    lists: set[int] = field(default_factory=set)
    structure: bool = False  # groups, units, channels or scheme changed: redraw everything

    def __or__(self, other: Delta) -> Delta:
        return Delta(
            self.scores | other.scores,
            self.ranks | other.ranks,
            self.lists | other.lists,
            self.structure or other.structure,
        )


class Standings:
    """Current scores, ranks within each group, and the commendation/criticism lists."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.scores: dict[int, Decimal] = {}
        self._indexes: dict[int, RankIndex] = {}
        self._by_group: dict[ListKind, dict[int, set[int]]] = {kind: {} for kind in ListKind}
        self._suggested: dict[ListKind, set[int]] = {kind: set() for kind in ListKind}
        self._final: dict[ListKind, set[int]] = {kind: set() for kind in ListKind}
        self._entered: set[int] = set()  # units with something entered (has_entries)
        self._zero: dict[int, set[int]] = {}  # group id -> units within the commendation places at 0 points
        self.rebuild()

    # -- queries ---------------------------------------------------------------------
    def score(self, unit_id: int) -> Decimal:
        return self.scores[unit_id]

    def rank(self, unit_id: int) -> int | None:
        """The unit's rank in its group, or None for a deactivated unit."""
        unit = self.period.units[unit_id]
        index = self._indexes.get(unit.group_id)
        return index.rank(unit_id) if index is not None and unit_id in index else None

    def passed(self, unit_id: int) -> bool | None:
        """达标 (True), 不达标 (False), or None when no 达标 mark applies."""
        return unit_passed(self.period, unit_id, self.scores[unit_id])

    def period_score(self, unit_id: int) -> Decimal | None:
        """本期得分 in an accumulated period: the unit's score in the last period added up."""
        if not self.period.sources:
            return self.scores[unit_id]
        last = self.period.sources[-1].scores.get(unit_id)
        return None if last is None else last.score

    def in_rank_order(self, group_id: int) -> list[int]:
        return self._indexes[group_id].in_rank_order()

    def suggested(self, kind: ListKind) -> set[int]:
        """Units the rules suggest, before a person's overrides."""
        return set(self._suggested[kind])

    def listed(self, kind: ListKind) -> set[int]:
        """Units on the list after overrides: what the notice will say."""
        return set(self._final[kind])

    def not_suggested_because(self, unit_id: int) -> str:
        """Why the rules leave the unit out of the suggestions (未填数据, 0 分), or ''."""
        if self.rank(unit_id) is None:
            return ""
        if unit_id not in self._entered:
            return NOT_ENTERED
        return NOT_COMMENDED_AT_ZERO if unit_id in self._zero.get(self.period.units[unit_id].group_id, ()) else ""

    def is_listed(self, unit_id: int, kind: ListKind) -> bool:
        return unit_id in self._final[kind]

    # -- updates ---------------------------------------------------------------------
    def rebuild(self) -> Delta:
        """Recompute everything (after a change of scheme, groups or units)."""
        period = self.period
        self.scores = {unit_id: unit_score(period, unit_id) for unit_id in period.units}
        self._indexes = {}
        self._by_group = {kind: {} for kind in ListKind}
        self._entered = {unit_id for unit_id in period.units if has_entries(period, unit_id)}
        self._zero = {}
        for group in period.groups:
            entries = [
                (unit.id, sort_key(period.scheme, self.scores[unit.id], period.tallies[unit.id]), order)
                for order, unit in enumerate(u for u in period.units_in(group.id) if u.active)
            ]
            self._indexes[group.id] = RankIndex(period.scheme.ranking, entries)
        self._recompute_lists(self._indexes)
        return Delta(set(period.units), set(period.units), set(period.units), structure=True)

    def refresh(self, unit_ids: Iterable[int]) -> Delta:
        """Recompute the given units (their tallies or adjustments changed) and their groups' ranks."""
        period = self.period
        delta = Delta()
        touched_groups: dict[int, RankIndex] = {}
        for unit_id in unit_ids:
            (self._entered.add if has_entries(period, unit_id) else self._entered.discard)(unit_id)
            score = unit_score(period, unit_id)
            if score != self.scores.get(unit_id):
                self.scores[unit_id] = score
                delta.scores.add(unit_id)
            unit = period.units[unit_id]
            index = self._indexes.get(unit.group_id)
            if index is not None and unit_id in index:
                delta.ranks |= index.update(unit_id, sort_key(period.scheme, score, period.tallies[unit_id]))
                touched_groups[unit.group_id] = index
        delta.lists = self._recompute_lists(touched_groups)
        return delta

    def refresh_lists(self) -> Delta:
        """Re-apply overrides and list sizes (after the user changed either)."""
        return Delta(lists=self._recompute_lists(self._indexes))

    def _recompute_lists(self, indexes: dict[int, RankIndex]) -> set[int]:
        """Recompute the suggestions of the given groups; return units whose lists changed."""
        period = self.period
        mark = period.scheme.rules.pass_mark if not period.sources else None
        marked = any(score.passed is not None for source in period.sources for score in source.scores.values())
        for group_id, index in indexes.items():
            group = period.group(group_id)
            commend_n = period.scheme.commend_count if group.commend_count is None else group.commend_count
            criticise_n = period.scheme.criticise_count if group.criticise_count is None else group.criticise_count
            entered = self._entered
            commend = set(index.leading(commend_n, entered.__contains__))
            zero = {u for u in commend if self.scores[u] <= 0}
            commend -= zero
            criticise = set(index.trailing(criticise_n, entered.__contains__))
            failing: set[int] = set()  # 不达标: offered for criticism, never suggested for commendation
            if mark is not None:  # the tail scoring below the mark
                failing.update(index.trailing_while(lambda u: u not in self._entered or self.scores[u] < mark))
            elif marked:
                failing = {u for u in index.in_rank_order() if self.passed(u) is False}
            failing &= entered
            commend -= failing
            self._zero[group_id] = zero
            criticise |= failing
            self._by_group[ListKind.COMMEND][group_id] = commend
            self._by_group[ListKind.CRITICISE][group_id] = criticise - commend
        changed: set[int] = set()
        for kind in ListKind:
            suggested: set[int] = set().union(*self._by_group[kind].values())
            final = set(suggested)
            for (unit_id, override_kind), override in period.overrides.items():
                unit = period.units.get(unit_id)
                if override_kind is kind and unit is not None and unit.active:
                    (final.add if override.include else final.discard)(unit_id)
            changed |= final ^ self._final[kind]
            self._suggested[kind], self._final[kind] = suggested, final
        return changed
