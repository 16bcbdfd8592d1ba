"""Operations on the shape of a period: the scheme and its channels, groups, units.

Each replaces the whole ordered list it is about (so renaming, reordering, adding and
removing are one mechanism) and carries what its inverse must restore, e.g. the tallies of
a removed channel or unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from scoring import audit
from scoring.cells import Count, format_points
from scoring.edits import Effect, Operation
from scoring.errors import EditError
from scoring.item_rules import derive_tallies, typed_tallies
from scoring.model import (
    RANKING_LABELS,
    TIE_BREAK_LABELS,
    Adjustment,
    Group,
    ListKind,
    Override,
    Period,
    Scheme,
    Tally,
    Unit,
)
from scoring.names import TextKind, text_problem
from scoring.validation import channel_name_problems, name_problems, tie_break_problems

if TYPE_CHECKING:
    from scoring.storage.codec import PeriodWriter


class _Identified(Protocol):
    @property
    def id(self) -> int: ...


def next_id(existing: Iterable[_Identified]) -> int:
    """A fresh identifier for a new channel, group or unit."""
    return max((item.id for item in existing), default=0) + 1


def describe_rules(scheme: Scheme) -> str:
    """The events and rules in words ('' for a linear scheme), for the audit log and previews."""
    from scoring.explain import rules_summary

    return "；".join(rules_summary(scheme))


def describe_scheme(scheme: Scheme) -> str:
    channels = "；".join(
        f"{c.name} 专报{format_points(c.dedicated_points)}"
        + (f" 综合{format_points(c.combined_points)}" if c.accepts_combined else " 不计综合")
        for c in scheme.channels
    )
    ties = "、".join(TIE_BREAK_LABELS[t] for t in scheme.tie_breaks) or "无"
    return (
        f"{channels}；每报送1条 {format_points(scheme.submitted_points)}；每采用1条 "
        f"{format_points(scheme.adopted_points)}；同分：{ties}；排名：{RANKING_LABELS[scheme.ranking]}；"
        f"建议表扬前 {scheme.commend_count} 名，批评后 {scheme.criticise_count} 名"
    ) + (f"；{rules}" if (rules := describe_rules(scheme)) else "")


@dataclass(frozen=True, slots=True)
class SetScheme(Operation):
    """Replace the scoring scheme; ``restore`` puts back adoptions of channels it brings back."""

    scheme: Scheme
    restore: tuple[tuple[int, int, Count], ...] = ()
    restore_events: tuple[tuple[int, int, int], ...] = ()  # (unit id, event id, count)

    def check(self, period: Period) -> None:
        from scoring.scheme_rules import rule_problems

        names = [c.name for c in self.scheme.channels]
        existing = [c.name for c in period.scheme.channels]
        problems = channel_name_problems(names, existing)
        if self.scheme.name != period.scheme.name and (wrong := text_problem(self.scheme.name, "计分办法名称", TextKind.TITLE)):
            problems.append(wrong)
        for channel in self.scheme.channels:
            if channel.dedicated_points < 0 or channel.combined_points < 0:
                problems.append(f"采用渠道「{channel.name}」的分值不能为负数（扣分请用加减分）")
            if not channel.accepts_combined:
                starred = [
                    period.units[uid].name
                    for uid, tally in period.tallies.items()
                    if tally.adoptions.get(channel.id, Count()).combined
                ]
                if starred:
                    problems.append(
                        f"采用渠道「{channel.name}」已有综合采用数（{'、'.join(starred[:3])}"
                        f"{'等' if len(starred) > 3 else ''}），不能改为不计综合"
                    )
        if self.scheme.submitted_points < 0 or self.scheme.adopted_points < 0:
            problems.append("每条报送或采用的分值不能为负数")
        if self.scheme.commend_count < 0 or self.scheme.criticise_count < 0:
            problems.append("建议表扬或批评的名额不能为负数")
        problems += tie_break_problems(self.scheme.tie_breaks)
        problems += rule_problems(self.scheme)
        problems += _channels_in_items(period, self.scheme)
        if problems:
            raise EditError(problems)

    def inverse(self, period: Period) -> SetScheme:
        kept = {c.id for c in self.scheme.channels}
        tallies = typed_tallies(period)
        removed = [
            (uid, cid, count)
            for uid, tally in tallies.items()
            for cid, count in tally.adoptions.items()
            if cid not in kept
        ]
        kept_events = {e.id for e in self.scheme.events}
        removed_events = [
            (uid, eid, count)
            for uid, tally in tallies.items()
            for eid, count in tally.events.items()
            if eid not in kept_events
        ]
        return SetScheme(period.scheme, tuple(removed), tuple(removed_events))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.set_scheme(self.scheme)
        for unit_id, channel_id, count in self.restore:
            writer.set_adoption(unit_id, channel_id, count)
        for unit_id, event_id, number in self.restore_events:
            writer.set_event_count(unit_id, event_id, number)
        old, new = describe_scheme(period.scheme), describe_scheme(self.scheme)
        writer.audit(audit.SCHEME_SET, self.scheme.name or "计分办法", old, new)

    def apply(self, period: Period) -> Effect:
        kept = {c.id for c in self.scheme.channels}
        tallies = typed_tallies(period)
        for tally in tallies.values():
            for channel_id in [cid for cid in tally.adoptions if cid not in kept]:
                del tally.adoptions[channel_id]
        kept_events = {e.id for e in self.scheme.events}
        for tally in tallies.values():
            for event_id in [eid for eid in tally.events if eid not in kept_events]:
                del tally.events[event_id]
        for unit_id, channel_id, count in self.restore:
            tallies.setdefault(unit_id, Tally()).adoptions[channel_id] = count
        for unit_id, event_id, number in self.restore_events:
            tallies.setdefault(unit_id, Tally()).events[event_id] = number
        period.scheme = self.scheme
        derive_tallies(period)  # ledger mode: item points and counts follow the new scheme
        return Effect(structure=True)


def _channels_in_items(period: Period, scheme: Scheme) -> list[str]:
    """A channel that items were adopted in cannot be deleted (the ledger would lose adoptions)."""
    kept = {c.id for c in scheme.channels}
    used: dict[int, int] = {}
    for item in period.items.values():
        for channel_id in {a.channel_id for a in item.adoptions} - kept:
            used[channel_id] = used.get(channel_id, 0) + 1
    return [
        f"采用渠道「{period.scheme.channel(cid).name}」在信息条目台账中有 {n} 条采用记录，不能删除（请先修改这些条目）"
        for cid, n in used.items()
    ]


def _units_in_ledger(period: Period, removed: set[int]) -> list[str]:
    """A unit named by items or 约稿 tasks cannot be deleted (it can be deactivated)."""
    problems = []
    for unit_id in removed:
        items = sum(1 for item in period.items.values() if unit_id in item.unit_ids)
        tasks = sum(1 for task in period.tasks.values() if unit_id in task.unit_ids)
        if items or tasks:
            what = "、".join(t for t in (f"{items} 条信息条目" if items else "", f"{tasks} 项约稿" if tasks else "") if t)
            problems.append(f"单位「{period.units[unit_id].name}」在台账中有 {what}，不能删除（可以停用）")
    return problems


@dataclass(frozen=True, slots=True)
class SetGroups(Operation):
    """Replace the ordered list of groups (rename, reorder, add, remove an empty one, list sizes)."""

    groups: tuple[Group, ...]

    def check(self, period: Period) -> None:
        problems = name_problems([g.name for g in self.groups], "分组", [g.name for g in period.groups])
        kept = {g.id for g in self.groups}
        for group in period.groups:
            if group.id not in kept and period.units_in(group.id):
                problems.append(f"分组「{group.name}」中还有单位，请先把单位移到其他分组")
        for group in self.groups:
            if (group.commend_count or 0) < 0 or (group.criticise_count or 0) < 0:
                problems.append(f"分组「{group.name}」的表扬或批评名额不能为负数")
        if problems:
            raise EditError(problems)

    def inverse(self, period: Period) -> SetGroups:
        return SetGroups(tuple(period.groups))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.set_groups(list(self.groups))
        old = "、".join(g.name for g in period.groups)
        writer.audit(audit.GROUPS_SET, "分组", old, "、".join(g.name for g in self.groups))

    def apply(self, period: Period) -> Effect:
        period.groups = list(self.groups)
        return Effect(structure=True)


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """Everything a removed unit held, so that undoing its removal loses nothing."""

    tally: Tally
    adjustments: tuple[Adjustment, ...] = ()
    overrides: tuple[tuple[ListKind, Override], ...] = ()


@dataclass(frozen=True, slots=True)
class SetUnits(Operation):
    """Replace the ordered list of units: add, rename, reorder, move between groups, deactivate."""

    units: tuple[Unit, ...]
    restore: dict[int, UnitRecord] = field(default_factory=dict)

    def check(self, period: Period) -> None:
        problems = name_problems([u.name for u in self.units], "单位", [u.name for u in period.units.values()])
        group_ids = {g.id for g in period.groups}
        problems += [f"单位「{u.name}」所在的分组不存在" for u in self.units if u.group_id not in group_ids]
        problems += _units_in_ledger(period, set(period.units) - {u.id for u in self.units})
        if problems:
            raise EditError(problems)

    def inverse(self, period: Period) -> SetUnits:
        kept = {u.id for u in self.units}
        removed = {
            uid: UnitRecord(
                typed_tallies(period).get(uid, Tally()).copy(),
                period.adjustments.get(uid, ()),
                tuple((kind, o) for (u, kind), o in period.overrides.items() if u == uid),
            )
            for uid in period.units
            if uid not in kept
        }
        return SetUnits(tuple(period.units.values()), removed)

    def store(self, writer: PeriodWriter, period: Period) -> None:
        new = {u.id: u for u in self.units}
        removed = [uid for uid in period.units if uid not in new]
        writer.delete_units(removed)
        writer.set_units(list(self.units))
        for unit_id, record in self.restore.items():
            writer.set_items(unit_id, record.tally.submitted, record.tally.adopted)
            for channel_id, count in record.tally.adoptions.items():
                writer.set_adoption(unit_id, channel_id, count)
            for event_id, number in record.tally.events.items():
                writer.set_event_count(unit_id, event_id, number)
            writer.set_adjustments(unit_id, record.adjustments)
            for kind, override in record.overrides:
                writer.set_override(unit_id, kind, override)
        group_names = {g.id: g.name for g in period.groups}
        for unit_id in removed:
            writer.audit(audit.UNIT_REMOVE, period.units[unit_id].name, None, None)
        old_order = [uid for uid in period.units if uid in new]
        for unit in self.units:
            before = period.units.get(unit.id)
            if before is None:
                writer.audit(audit.UNIT_ADD, unit.name, None, group_names.get(unit.group_id))
                continue
            if before.name != unit.name:
                writer.audit(audit.UNIT_RENAME, before.name, before.name, unit.name)
            if before.group_id != unit.group_id:
                writer.audit(audit.UNIT_MOVE, unit.name, group_names.get(before.group_id), group_names.get(unit.group_id))
            if before.category != unit.category:
                writer.audit(audit.UNIT_CATEGORY, unit.name, before.category or "无", unit.category or "无")
            if before.active != unit.active:
                writer.audit(audit.UNIT_DEACTIVATE if not unit.active else audit.UNIT_ACTIVATE, unit.name, None, None)
        if old_order != [u.id for u in self.units if u.id in period.units]:
            writer.audit(audit.UNITS_REORDER, "单位", None, None)

    def apply(self, period: Period) -> Effect:
        new = {u.id: u for u in self.units}
        for unit_id in [uid for uid in period.units if uid not in new]:
            period.tallies.pop(unit_id, None)
            period.typed.pop(unit_id, None)
            period.adjustments.pop(unit_id, None)
            for key in [k for k in period.overrides if k[0] == unit_id]:
                del period.overrides[key]
        period.units = new
        for unit_id in new:
            period.tallies.setdefault(unit_id, Tally())
        for unit_id, record in self.restore.items():
            typed_tallies(period)[unit_id] = record.tally.copy()
            if record.adjustments:
                period.adjustments[unit_id] = record.adjustments
            for kind, override in record.overrides:
                period.overrides[(unit_id, kind)] = override
        derive_tallies(period, set(new))
        return Effect(structure=True)
