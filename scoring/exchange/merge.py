"""Importing an attachment table into the open period: a plan to preview, then operations.

Table units are matched to the period's units as :mod:`scoring.unit_matching` does (by name,
through the units' former names, then ignoring a leading 市 — doubtful, a person confirms it),
or as a person matched them by hand in the preview (``manual``: part of the plan), and
table columns to the scheme's channels the same way (without the 市 rule). The
:class:`ImportPlan` lists every cell that will change, the adjustments that will change, the
units on one side only and every problem. Nothing is applied here: ``plan.operations(...)``
gives the existing operations for one ``Session.apply`` (one undo step); a plan with problems
gives none, so an import is all or nothing.

Adjustments follow the table: a 加减分 column sets the unit's total adjustments (the
difference is added as 导入的加减分, other reasons kept); a published 得分 adds or updates the
calibration (按公布得分校准) so the unit's score equals it while later edits still recompute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from scoring.cells import CellError, Count, parse_count, parse_items, parse_points
from scoring.edits import FIELD_LABELS, Operation, SetAdjustments, SetTally, field_label, format_value
from scoring.evaluate import unit_total
from scoring.exchange.builder import CALIBRATION_REASON, IMPORTED_ADJUSTMENT_REASON
from scoring.exchange.grid import GridRow, ParsedTable
from scoring.model import ADOPTED, SUBMITTED, Adjustment, Channel, Event, EventKey, FieldKey, Period, Tally, Unit
from scoring.names import Found, MatchKind, NameIndex
from scoring.standings import Standings
from scoring.unit_matching import NO_ALIASES, Aliases, UnitIndex


@dataclass(frozen=True, slots=True)
class Problem:
    """Why the table cannot be imported, and where: row (as the spreadsheet numbers it), unit, column."""

    line: int | None
    unit: str
    column: str
    why: str

    def __str__(self) -> str:
        where = f"第 {self.line} 行" if self.line else ""
        if self.unit:
            where += f"（{self.unit}）"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.why}" if where else self.why


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A table row and the period's unit it was matched to."""

    line: int
    table_name: str
    unit_id: int
    unit_name: str
    kind: MatchKind

    @property
    def doubtful(self) -> bool:
        """Matched only after dropping a leading 市: applied only if the user confirms it."""
        return self.kind is MatchKind.DOUBTFUL


@dataclass(frozen=True, slots=True)
class ChannelMatch:
    """A channel column of the table and the scheme's channel it was matched to (None: not in the scheme)."""

    column: str
    channel_id: int | None
    channel_name: str | None
    kind: MatchKind | None


@dataclass(frozen=True, slots=True)
class CellChange:
    line: int
    unit_id: int
    unit_name: str
    key: FieldKey  # a channel id, or scoring.model.SUBMITTED / ADOPTED
    column: str  # the period's name for the field
    old: str
    new: str
    value: Count | int


@dataclass(frozen=True, slots=True)
class AdjustmentChange:
    line: int
    unit_id: int
    unit_name: str
    old: tuple[Adjustment, ...]
    new: tuple[Adjustment, ...]
    published_score: Decimal | None  # the table's 得分, if it has one

    @property
    def calibration(self) -> Decimal:
        """The calibration (按公布得分校准) points after the import."""
        return Adjustment.total(a for a in self.new if a.reason == CALIBRATION_REASON)

    @property
    def old_total(self) -> Decimal:
        return Adjustment.total(self.old)

    @property
    def new_total(self) -> Decimal:
        return Adjustment.total(self.new)


@dataclass(frozen=True, slots=True)
class TableUnit:
    """A unit of the table that the period does not have."""

    line: int
    name: str
    group: str


@dataclass(slots=True)
class ImportPlan:
    """What importing the table would do to the period: shown in a preview before anything is applied."""

    source: str
    matches: list[UnitMatch] = field(default_factory=list)
    changes: list[CellChange] = field(default_factory=list)
    adjustments: list[AdjustmentChange] = field(default_factory=list)
    not_in_period: list[TableUnit] = field(default_factory=list)
    missing_from_table: list[Unit] = field(default_factory=list)
    channels: list[ChannelMatch] = field(default_factory=list)
    channels_not_in_table: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    manual: dict[int, int] = field(default_factory=dict)  # table line -> unit id, matched by hand
    period_units: list[Unit] = field(default_factory=list, repr=False)

    @property
    def doubtful(self) -> list[UnitMatch]:
        return [match for match in self.matches if match.doubtful]

    @property
    def by_hand(self) -> list[UnitMatch]:
        return [match for match in self.matches if match.kind is MatchKind.MANUAL]

    def candidates_for_hand(self) -> list[Unit]:
        """The period's units a table row may be matched to by hand: those the table lacks, and
        those already matched by hand (so a choice can be changed)."""
        chosen = {m.unit_id for m in self.by_hand}
        return [u for u in self.missing_from_table if u.id not in chosen] + [
            u for u in self.period_units if u.id in chosen
        ]

    def changes_for(self, line: int) -> list[CellChange]:
        return [change for change in self.changes if change.line == line]

    def accepted_lines(self, confirmed: Iterable[int] = ()) -> set[int]:
        """Rows that will be applied: every sure match, and the doubtful ones whose line is in ``confirmed``."""
        chosen = set(confirmed)
        return {m.line for m in self.matches if not m.doubtful or m.line in chosen}

    def operations(self, confirmed: Iterable[int] = ()) -> list[Operation]:
        """Operations for one ``Session.apply``; none at all if the plan has any problem.

        ``confirmed`` holds the ``line`` of each doubtful match the user accepted; the rows of
        doubtful matches not confirmed are left out.
        """
        if self.problems:
            return []
        lines = self.accepted_lines(confirmed)
        operations: list[Operation] = [
            SetTally(change.unit_id, change.key, change.value) for change in self.changes if change.line in lines
        ]
        operations += [SetAdjustments(a.unit_id, a.new) for a in self.adjustments if a.line in lines]
        return operations

    def summary(self) -> str:
        units = len({c.unit_id for c in self.changes} | {a.unit_id for a in self.adjustments})
        parts = [f"表中 {len(self.matches)} 个单位与本期间对应，{units} 个单位的数据将改变（{len(self.changes)} 个单元格"]
        parts[0] += f"，{len(self.adjustments)} 个单位的加减分）" if self.adjustments else "）"
        renamed = sum(1 for m in self.matches if m.kind is MatchKind.RENAMED)
        if renamed:
            parts.append(f"{renamed} 个单位按曾用名对应")
        if self.by_hand:
            parts.append(f"{len(self.by_hand)} 个单位按人工对应导入")
        if self.doubtful:
            parts.append(f"{len(self.doubtful)} 个单位名称不完全相同，需要确认")
        if self.not_in_period:
            parts.append(f"表中 {len(self.not_in_period)} 个单位在本期间中找不到，不会导入")
        if self.missing_from_table:
            parts.append(f"本期间 {len(self.missing_from_table)} 个单位不在表中，保持不变")
        if self.problems:
            parts.append(f"有 {len(self.problems)} 个问题，改正后才能导入")
        return "；".join(parts) + "。"


def plan_import(
    period: Period, table: ParsedTable, former: Aliases = NO_ALIASES, manual: dict[int, int] | None = None
) -> ImportPlan:
    """Compare ``table`` with ``period`` and say what importing it would change.

    ``former`` holds the period's units' former names (曾用名); ``manual`` the table lines a
    person matched by hand to a unit (line -> unit id).
    """
    plan = ImportPlan(table.source, warnings=list(table.skipped), manual=dict(manual or {}))
    plan.period_units = list(period.units.values())
    columns = _match_channels(period, table, plan)
    units = UnitIndex(period.units.values(), former)
    claimed: dict[int, int] = {}
    for row in table.rows:
        if not row.unit:
            plan.problems.append(Problem(row.line, "", "单位", "单位名称为空"))
            continue
        by_hand = period.units.get(plan.manual.get(row.line, -1))
        found = Found(by_hand, MatchKind.MANUAL) if by_hand is not None else units.find(row.unit)
        if found.ambiguous:
            names = "、".join(u.name for u in found.candidates)
            plan.problems.append(Problem(row.line, row.unit, "单位", f"与本期间的多个单位（{names}）相近，无法确定是哪一个"))
            continue
        if found.item is None:
            plan.not_in_period.append(TableUnit(row.line, row.unit, row.group))
            continue
        unit = found.item
        if unit.id in claimed:
            plan.problems.append(Problem(row.line, row.unit, "单位", f"与第 {claimed[unit.id]} 行是同一个单位（{unit.name}）"))
            continue
        claimed[unit.id] = row.line
        plan.matches.append(UnitMatch(row.line, row.unit, unit.id, unit.name, found.kind or MatchKind.EXACT))
        _plan_unit(period, table, row, unit, columns, plan)
    plan.missing_from_table = [unit for unit in period.units.values() if unit.id not in claimed]
    plan.warnings += _rank_warnings(period, table, plan)
    return plan


def _match_channels(period: Period, table: ParsedTable, plan: ImportPlan) -> list[Channel | Event | None]:
    index = NameIndex(period.scheme.channels, lambda channel: channel.name, loose=False)
    events = NameIndex(period.scheme.events, lambda event: event.name, loose=False)
    columns: list[Channel | Event | None] = []
    taken: dict[int, str] = {}
    for position, name in enumerate(table.channels):
        found = index.find(name)
        channel = found.item
        event = events.find(name) if channel is None else None
        if event is not None and event.item is not None:  # a counted event column (扣分/加分事项)
            plan.channels.append(ChannelMatch(name, None, f"{event.item.name}（扣分/加分事项）", event.kind))
            columns.append(event.item)
            continue
        if channel is not None and channel.id in taken:
            plan.problems.append(Problem(None, "", name, f"与「{taken[channel.id]}」列是同一个采用渠道（{channel.name}）"))
            channel = None
        elif channel is not None:
            taken[channel.id] = name
        elif any(_nonzero(row.adoptions[position]) for row in table.rows):
            plan.problems.append(
                Problem(None, "", name, "本期间的计分办法中没有这个采用渠道：请先在“计分办法”中添加，或从表格中删除此列")
            )
        if channel is None:
            plan.channels.append(ChannelMatch(name, None, None, None))
        else:
            plan.channels.append(ChannelMatch(name, channel.id, channel.name, found.kind))
        columns.append(channel)
    plan.channels_not_in_table = [c.name for c in period.scheme.channels if c.id not in taken]
    return columns


def _nonzero(text: str) -> bool:
    try:
        return parse_count(text) != Count()
    except CellError:
        return True


def _plan_unit(
    period: Period, table: ParsedTable, row: GridRow, unit: Unit, columns: list[Channel | Event | None], plan: ImportPlan
) -> None:
    old = period.tallies[unit.id]
    new = old.copy()
    problems_before = len(plan.problems)

    def problem(column: str, why: str) -> None:
        plan.problems.append(Problem(row.line, row.unit, column, why))

    for channel, header, text in zip(columns, table.channels, row.adoptions, strict=True):
        if channel is None:
            continue
        if isinstance(channel, Event):
            try:
                new.set(EventKey(channel.id), parse_items(text))
            except CellError as error:
                problem(header, str(error))
            continue
        try:
            count = parse_count(text)
        except CellError as error:
            problem(header, str(error))
            continue
        if why := channel.refusal(count):
            problem(header, why)
            continue
        new.set(channel.id, count)
    for key, present, text in ((SUBMITTED, table.has_submitted, row.submitted), (ADOPTED, table.has_adopted, row.adopted)):
        if present:
            try:
                new.set(key, parse_items(text))
            except CellError as error:
                problem(FIELD_LABELS[key], str(error))
    items = _adjustments(period, unit, new, row, table, problem)
    if len(plan.problems) > problems_before:
        return
    keys: list[FieldKey] = [*(c.id for c in period.scheme.channels), SUBMITTED, ADOPTED]
    keys += [EventKey(e.id) for e in period.scheme.events]
    for field_key in keys:
        before, after = old.get(field_key), new.get(field_key)
        if before != after:
            label = field_label(period, field_key)
            plan.changes.append(
                CellChange(row.line, unit.id, unit.name, field_key, label, format_value(before), format_value(after), after)
            )
    current = period.adjustments.get(unit.id, ())
    if items != current:
        score = _published(row, table)
        plan.adjustments.append(AdjustmentChange(row.line, unit.id, unit.name, current, items, score))


def _published(row: GridRow, table: ParsedTable) -> Decimal | None:
    try:
        return parse_points(row.score) if table.has_score and row.score else None
    except CellError:
        return None


def _adjustments(period: Period, unit: Unit, tally: Tally, row: GridRow, table: ParsedTable, problem: Callable[[str, str], None]) -> tuple[Adjustment, ...]:
    """The unit's adjustments after the import (see the module's description)."""
    items = period.adjustments.get(unit.id, ())
    if table.has_adjustment and row.adjustment:
        try:
            target = parse_points(row.adjustment)
        except CellError as error:
            problem("加减分", str(error))
            return items
        items = _settle(items, target, IMPORTED_ADJUSTMENT_REASON, (CALIBRATION_REASON, IMPORTED_ADJUSTMENT_REASON))
    if table.has_score and row.score:
        try:
            published = parse_points(row.score)
        except CellError as error:
            problem("得分", str(error))
            return items
        earned = unit_total(period.scheme, unit.category, tally, Decimal(0))  # under every rule of the scheme
        items = _settle(items, published - earned, CALIBRATION_REASON, (CALIBRATION_REASON,))
    return items


def _settle(items: tuple[Adjustment, ...], total: Decimal, reason: str, replaced: tuple[str, ...]) -> tuple[Adjustment, ...]:
    """``items`` made to add up to ``total``: those of a ``replaced`` reason give way to the difference, under ``reason``."""
    if Adjustment.total(items) == total:
        return items
    kept = tuple(a for a in items if a.reason not in replaced)
    difference = total - Adjustment.total(kept)
    return kept + ((Adjustment(difference, reason),) if difference else ())


def _rank_warnings(period: Period, table: ParsedTable, plan: ImportPlan) -> list[str]:
    """Where the table's 排名 differs from the rank the period would compute after the import."""
    if not table.has_rank or plan.problems:
        return []
    trial = Period(
        period.info,
        period.scheme,
        list(period.groups),
        dict(period.units),
        {uid: tally.copy() for uid, tally in period.tallies.items()},
        dict(period.adjustments),
    )
    for operation in plan.operations(m.line for m in plan.matches):
        operation.apply(trial)
    standings = Standings(trial)
    ranks = {row.line: row.rank for row in table.rows}
    warnings = []
    for match in plan.matches:
        text = ranks.get(match.line)
        try:
            published = parse_items(text) if text else None
        except CellError:
            warnings.append(f"第 {match.line} 行（{match.table_name}）：排名「{text}」不是整数，已忽略")
            continue
        computed = standings.rank(match.unit_id)
        if published is not None and computed is not None and published != computed:
            warnings.append(
                f"第 {match.line} 行（{match.table_name}）：表中排名为 {published}，导入后按得分和同分规则计算为 {computed}"
            )
    return warnings
