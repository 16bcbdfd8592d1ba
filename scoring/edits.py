"""Changes to a period, as small objects that can check, store, apply and invert themselves.

A :class:`scoring.document.PeriodDocument` runs a list of operations in one transaction;
undo is running the inverses. This module holds the operations on tallies, adjustments,
list overrides and period information; :mod:`scoring.structure_edits` the ones on the
scheme, groups and units.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scoring import audit
from scoring.cells import ZERO, CellError, Count, format_count, format_points, parse_count, parse_items
from scoring.errors import EditError  # defined there, imported from here by many callers
from scoring.model import (
    ADOPTED,
    ITEM_FIELDS,
    LIST_LABELS,
    SUBMITTED,
    Adjustment,
    EventKey,
    FieldKey,
    ListKind,
    Override,
    Period,
    PeriodInfo,
    Tally,
)
from scoring.names import TextKind, text_problem
from scoring.validation import adjustment_problems, info_problems, missing_override_reason

if TYPE_CHECKING:  # operations only hand their writes to the storage; they never load it
    from scoring.storage.codec import PeriodWriter

FIELD_LABELS = {SUBMITTED: "报送条目", ADOPTED: "采用条目"}


@dataclass(slots=True)
class Effect:
    """What an operation changed, so that scores and views update only what they must."""

    units: set[int] = field(default_factory=set)  # tallies or adjustments changed
    lists: bool = False  # overrides or list sizes changed
    structure: bool = False  # scheme, groups or units changed
    info: bool = False  # title, dates or notes changed


class Operation(ABC):
    """One change. ``inverse`` and ``store`` see the period before ``apply`` changes it."""

    __slots__ = ()

    def check(self, period: Period) -> None:  # noqa: B027 - most operations need no check
        """Raise :class:`EditError` if the change cannot be made to ``period``."""

    @abstractmethod
    def inverse(self, period: Period) -> Operation:
        """The operation that undoes this one, computed before this one is applied."""

    @abstractmethod
    def store(self, writer: PeriodWriter, period: Period) -> None:
        """Write the change and its audit entry (inside the caller's transaction)."""

    @abstractmethod
    def apply(self, period: Period) -> Effect:
        """Change the period in memory and say what changed."""


LEDGER_TALLY = "本期按信息条目台账计算，请在「信息条目台账」中修改条目（或切换为手工填写）"
ACCUMULATED_TALLY = "累计期间的报送、采用和事项数是各期之和，不能在这里修改；请修改原期间文件后重新累计"


def field_label(period: Period, key: FieldKey) -> str:
    if isinstance(key, EventKey):
        return period.scheme.event(key.event_id).name
    if isinstance(key, str):
        return FIELD_LABELS[key]
    return period.scheme.channel(key).name


def is_count_field(key: FieldKey) -> bool:
    """报送条目, 采用条目 and counted events hold whole numbers; channels hold ``5+1*``."""
    return key in ITEM_FIELDS or isinstance(key, EventKey)


def format_value(value: Count | int) -> str:
    return format_count(value) if isinstance(value, Count) else str(value)


def _unit_name(period: Period, unit_id: int) -> str:
    unit = period.units.get(unit_id)
    if unit is None:
        raise EditError([f"单位（编号 {unit_id}）不存在，可能已被删除"])
    return unit.name


def parse_cell(period: Period, unit_id: int, key: FieldKey, text: str) -> SetTally:
    """Turn what the user typed into an operation; a bad value raises EditError naming the cell."""
    try:
        where = f"{_unit_name(period, unit_id)}「{field_label(period, key)}」"
    except KeyError:
        raise EditError([f"{_unit_name(period, unit_id)}：该列已被删除，无法填写"]) from None
    try:
        value: Count | int = parse_items(text) if is_count_field(key) else parse_count(text)
    except CellError as error:
        raise EditError([f"{where}：{error}"]) from None
    operation = SetTally(unit_id, key, value)
    operation.check(period)
    return operation


def parse_cells(period: Period, cells: Iterable[tuple[int, FieldKey, str]]) -> list[SetTally]:
    """Parse many cells (a paste); if any is bad, raise one EditError listing every bad cell."""
    operations: list[SetTally] = []
    problems: list[str] = []
    for unit_id, key, text in cells:
        try:
            operations.append(parse_cell(period, unit_id, key, text))
        except EditError as error:
            problems.extend(error.problems)
    if problems:
        raise EditError(problems)
    return operations


@dataclass(frozen=True, slots=True)
class SetTally(Operation):
    """Set one tally cell: an adoption count in a channel, or 报送条目 / 采用条目."""

    unit_id: int
    key: FieldKey
    value: Count | int

    def check(self, period: Period) -> None:
        name = _unit_name(period, self.unit_id)
        if period.accumulated:
            raise EditError([f"{name}：{ACCUMULATED_TALLY}"])
        if isinstance(self.key, EventKey):
            try:
                label = period.scheme.event(self.key.event_id).name
            except KeyError:
                raise EditError([f"{name}：扣分/加分事项已被删除，无法填写"]) from None
            if not isinstance(self.value, int):
                raise EditError([f"{name}「{label}」只能填整数"])
            if period.ledger and self.key.event_id in _task_events(period):
                raise EditError([f"{name}「{label}」：{LEDGER_TALLY}（由约稿任务计算）"])
            return
        if period.ledger:
            raise EditError([f"{name}「{field_label(period, self.key)}」：{LEDGER_TALLY}"])
        if self.key in ITEM_FIELDS:
            if not isinstance(self.value, int):
                raise EditError([f"{name}「{FIELD_LABELS[self.key]}」只能填整数"])
            return
        assert isinstance(self.key, int)  # neither an event nor an item field: a channel
        try:
            channel = period.scheme.channel(self.key)
        except KeyError:
            raise EditError([f"{name}：采用渠道已被删除，无法填写"]) from None
        if why := channel.refusal(self.value):
            raise EditError([f"{name}「{channel.name}」：{why}"])

    def inverse(self, period: Period) -> SetTally:
        return SetTally(self.unit_id, self.key, _typed(period, self.unit_id).get(self.key))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        tally = _typed(period, self.unit_id).copy()
        old = tally.get(self.key)
        tally.set(self.key, self.value)  # on a copy: refuses a value of the wrong kind before writing
        if isinstance(self.key, int):
            writer.set_adoption(self.unit_id, self.key, tally.adoptions.get(self.key, ZERO))
        elif isinstance(self.key, EventKey):
            writer.set_event_count(self.unit_id, self.key.event_id, tally.events.get(self.key.event_id, 0))
        else:
            writer.set_items(self.unit_id, tally.submitted, tally.adopted)
        target = f"{period.units[self.unit_id].name}／{field_label(period, self.key)}"
        writer.audit(audit.TALLY_SET, target, format_value(old), format_value(self.value))

    def apply(self, period: Period) -> Effect:
        if period.ledger:  # a counted event typed in ledger mode: kept with the typed tallies
            from scoring.item_rules import derive_tallies

            period.typed.setdefault(self.unit_id, Tally()).set(self.key, self.value)
            derive_tallies(period, [self.unit_id])
        else:
            period.tallies[self.unit_id].set(self.key, self.value)
        return Effect(units={self.unit_id})


def _typed(period: Period, unit_id: int) -> Tally:
    return period.typed.setdefault(unit_id, Tally()) if period.ledger else period.tallies[unit_id]


def _task_events(period: Period) -> set[int]:
    from scoring.item_rules import task_event_ids

    return task_event_ids(period.scheme)


def describe_adjustments(items: tuple[Adjustment, ...]) -> str:
    """Adjustments in words, as the history and the import preview show them: ``-10（约稿未报送）；+12（按公布得分校准）``."""
    return "；".join(f"{format_points(a.points)}（{a.reason}）" for a in items) or "无"


@dataclass(frozen=True, slots=True)
class SetAdjustments(Operation):
    """Replace a unit's adjustments (加减分), each with its reason."""

    unit_id: int
    items: tuple[Adjustment, ...]

    def check(self, period: Period) -> None:
        name = _unit_name(period, self.unit_id)
        before = [item.reason for item in period.adjustments.get(self.unit_id, ())]  # accepted earlier
        if problems := adjustment_problems(self.items, name, before):
            raise EditError(problems)

    def inverse(self, period: Period) -> SetAdjustments:
        return SetAdjustments(self.unit_id, period.adjustments.get(self.unit_id, ()))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.set_adjustments(self.unit_id, self.items)
        old = period.adjustments.get(self.unit_id, ())
        writer.audit(
            audit.ADJUSTMENTS_SET, period.units[self.unit_id].name, describe_adjustments(old), describe_adjustments(self.items)
        )

    def apply(self, period: Period) -> Effect:
        if self.items:
            period.adjustments[self.unit_id] = self.items
        else:
            period.adjustments.pop(self.unit_id, None)
        return Effect(units={self.unit_id})


def _describe_override(override: Override | None) -> str:
    if override is None:
        return "按排名建议"
    return f"{'列入' if override.include else '不列入'}（{override.reason}）"


@dataclass(frozen=True, slots=True)
class SetOverride(Operation):
    """Include or exclude a unit from the commendation or criticism list, or drop the override."""

    unit_id: int
    kind: ListKind
    override: Override | None

    def check(self, period: Period) -> None:
        name = _unit_name(period, self.unit_id)
        if self.override is not None and not self.override.reason.strip():
            raise EditError([missing_override_reason(name, self.kind)])
        before = period.overrides.get((self.unit_id, self.kind))
        if self.override is not None and (before is None or before.reason != self.override.reason):
            what = f"{name}：调整{LIST_LABELS[self.kind]}名单的理由"
            if wrong := text_problem(self.override.reason, what, TextKind.TEXT):
                raise EditError([wrong])

    def inverse(self, period: Period) -> SetOverride:
        return SetOverride(self.unit_id, self.kind, period.overrides.get((self.unit_id, self.kind)))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.set_override(self.unit_id, self.kind, self.override)
        old = period.overrides.get((self.unit_id, self.kind))
        target = f"{period.units[self.unit_id].name}／{LIST_LABELS[self.kind]}"
        writer.audit(audit.LIST_OVERRIDE, target, _describe_override(old), _describe_override(self.override))

    def apply(self, period: Period) -> Effect:
        if self.override is None:
            period.overrides.pop((self.unit_id, self.kind), None)
        else:
            period.overrides[(self.unit_id, self.kind)] = self.override
        return Effect(lists=True)


def _day(day: date | None) -> str:
    return day.isoformat() if day else "（未填）"


def describe_info(info: PeriodInfo) -> str:
    """The period information in words, e.g. 2023年7月，2023-07-01 至 2023-07-31，统计截至 2023-07-31."""
    parts = [info.title]
    if info.start or info.end:
        parts.append(f"{_day(info.start)} 至 {_day(info.end)}")
    if info.cutoff:
        parts.append(f"统计截至 {_day(info.cutoff)}")
    if info.notes:
        parts.append("注：" + "；".join(info.notes))
    return "，".join(parts)


@dataclass(frozen=True, slots=True)
class SetInfo(Operation):
    """Change the title, dates, cut-off date or notes of the period."""

    info: PeriodInfo

    def check(self, period: Period) -> None:
        if problems := info_problems(self.info, period.info):
            raise EditError(problems)

    def inverse(self, period: Period) -> SetInfo:
        return SetInfo(period.info)

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.set_info(self.info)
        writer.audit(audit.INFO_SET, period.info.title, describe_info(period.info), describe_info(self.info))

    def apply(self, period: Period) -> Effect:
        period.info = self.info
        return Effect(info=True)
