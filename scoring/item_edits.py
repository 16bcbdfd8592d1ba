"""Changes to the item ledger, 约稿 tasks and ledger mode, as invertible operations.

They go through :meth:`scoring.document.PeriodDocument.apply` like every other change: checked,
written with an audit entry, committed, then applied; undo runs the inverse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scoring import audit
from scoring.edits import ACCUMULATED_TALLY, Effect, Operation
from scoring.errors import EditError
from scoring.item_rules import derive_tallies, enter_ledger, leave_ledger
from scoring.items import ANSWER_LABELS, Item, Task
from scoring.model import Period

if TYPE_CHECKING:
    from scoring.storage.codec import PeriodWriter

MAX_TITLE = 500


def describe_item(period: Period, item: Item) -> str:
    """An item in one line for the audit log and messages: 甲局、乙局《标题》2026-01-05 …"""
    names = "、".join(period.units[u].name if u in period.units else f"单位{u}" for u in item.unit_ids)
    parts = [f"{names}《{item.title}》{item.submitted_on.isoformat()}"]
    for adoption in item.adoptions:
        try:
            channel = period.scheme.channel(adoption.channel_id).name
        except KeyError:
            channel = f"渠道{adoption.channel_id}"
        parts.append(f"{channel}{'综合' if adoption.combined else '专报'}{adoption.issue}")
    parts += [instruction.level for instruction in item.instructions]
    parts += [f"[{flag}]" for flag in item.flags]
    return " ".join(parts)


def item_problems(period: Period, item: Item) -> list[str]:
    """Why the item cannot be stored, each naming the item; [] when it can."""
    where = f"条目《{item.title.strip() or '（无标题）'}》"
    problems = []
    if not item.title.strip():
        problems.append(f"{where}：标题不能为空")
    elif len(item.title) > MAX_TITLE:
        problems.append(f"{where}：标题太长（最多 {MAX_TITLE} 个字）")
    if not item.unit_ids:
        problems.append(f"{where}：没有填写单位")
    if len(set(item.unit_ids)) != len(item.unit_ids):
        problems.append(f"{where}：同一单位写了两次")
    problems += [f"{where}：单位（编号 {u}）不存在" for u in item.unit_ids if u not in period.units]
    channels = {channel.id: channel for channel in period.scheme.channels}
    for adoption in item.adoptions:
        channel = channels.get(adoption.channel_id)
        if channel is None:
            problems.append(f"{where}：采用渠道（编号 {adoption.channel_id}）不存在")
        elif adoption.combined and not channel.accepts_combined:
            problems.append(f"{where}：采用渠道「{channel.name}」不计综合采用")
    if item.task_id is not None and item.task_id not in period.tasks:
        problems.append(f"{where}：对应的约稿任务不存在")
    return problems


@dataclass(frozen=True, slots=True)
class SetItems(Operation):
    """Add, replace or delete items: ``changes`` maps an item id to the new item, or None to delete.

    A whole paste or import is one SetItems, so one undo step.
    """

    changes: tuple[tuple[int, Item | None], ...]

    @classmethod
    def adding(cls, items: Iterable[Item]) -> SetItems:
        return cls(tuple((item.id, item) for item in items))

    @classmethod
    def deleting(cls, item_ids: Iterable[int]) -> SetItems:
        return cls(tuple((item_id, None) for item_id in item_ids))

    def check(self, period: Period) -> None:
        # An accumulated period may list the items of its months (scoring.item_outputs.roll_items);
        # they are not scored there, its scores come from the months' files.
        problems = []
        for item_id, item in self.changes:
            if item is None:
                if item_id not in period.items:
                    problems.append(f"条目（编号 {item_id}）不存在，可能已被删除")
            else:
                if item.id != item_id:
                    problems.append(f"条目《{item.title}》的编号不一致")
                problems += item_problems(period, item)
        if problems:
            raise EditError(problems)

    def inverse(self, period: Period) -> SetItems:
        return SetItems(tuple((item_id, period.items.get(item_id)) for item_id, _ in self.changes))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.delete_items(item_id for item_id, item in self.changes if item is None)
        writer.put_items(item for _, item in self.changes if item is not None)
        entries = []
        for item_id, item in self.changes:
            old = period.items.get(item_id)
            action = audit.ITEM_ADD if old is None else audit.ITEM_REMOVE if item is None else audit.ITEM_CHANGE
            shown = item or old
            if shown is None:  # deleting an item that is not there: nothing changed, nothing to record
                continue
            entries.append(
                (action, shown.title, None if old is None else describe_item(period, old), None if item is None else describe_item(period, item))
            )
        for action, target, old_text, new_text in entries:
            writer.audit(action, target, old_text, new_text)

    def apply(self, period: Period) -> Effect:
        touched: set[int] = set()
        for item_id, item in self.changes:
            old = period.items.pop(item_id, None)
            if old is not None:
                touched.update(old.unit_ids)
            if item is not None:
                period.items[item_id] = item
                touched.update(item.unit_ids)
        touched &= set(period.units)
        if not period.ledger:
            return Effect()
        derive_tallies(period, touched)
        return Effect(units=touched)


@dataclass(frozen=True, slots=True)
class SetLedgerMode(Operation):
    """Switch ledger mode on (tallies computed from items) or off (typed tallies, as they were)."""

    on: bool

    def check(self, period: Period) -> None:
        if period.accumulated:
            raise EditError(["累计期间的数据来自各期文件，不能切换为台账模式"])

    def inverse(self, period: Period) -> SetLedgerMode:
        return SetLedgerMode(period.ledger)

    def store(self, writer: PeriodWriter, period: Period) -> None:
        writer.set_ledger(self.on)
        if self.on != period.ledger:
            old, new = ("台账模式", "手工填写") if period.ledger else ("手工填写", "台账模式")
            writer.audit(audit.LEDGER_MODE, period.info.title, old, new)

    def apply(self, period: Period) -> Effect:
        if self.on and not period.ledger:
            enter_ledger(period)
        elif not self.on and period.ledger:
            leave_ledger(period)
        return Effect(units=set(period.units), structure=True)


def task_problems(period: Period, task: Task) -> list[str]:
    where = f"约稿「{task.title.strip() or '（无标题）'}」"
    problems = []
    if not task.title.strip():
        problems.append(f"{where}：标题不能为空")
    if not task.unit_ids:
        problems.append(f"{where}：没有约稿单位")
    problems += [f"{where}：单位（编号 {u}）不存在" for u in task.unit_ids if u not in period.units]
    problems += [f"{where}：单位（编号 {u}）不在约稿单位中" for u, _a, _d in task.answers if u not in task.unit_ids]
    return problems


def _describe_task(period: Period, task: Task | None) -> str | None:
    if task is None:
        return None
    answers = []
    for unit_id in task.unit_ids:
        answer = task.answer(unit_id)
        name = period.units[unit_id].name if unit_id in period.units else f"单位{unit_id}"
        label = ANSWER_LABELS[answer[0]] + ("、已采用" if answer[1] else "") if answer else "未报送"
        answers.append(f"{name}{label}")
    deadline = task.deadline.isoformat() if task.deadline else "无截止日期"
    return f"{task.title}（{deadline}）：{'，'.join(answers)}"


@dataclass(frozen=True, slots=True)
class SetTask(Operation):
    """Add, replace (answers included) or delete (``task`` None) one 约稿 task."""

    task_id: int
    task: Task | None

    def check(self, period: Period) -> None:
        if period.accumulated:
            raise EditError([ACCUMULATED_TALLY])
        if self.task is None:
            used = [i.title for i in period.items.values() if i.task_id == self.task_id]
            if used:
                raise EditError([f"有 {len(used)} 条信息条目对应这项约稿（如《{used[0]}》），请先修改这些条目"])
            return
        problems = task_problems(period, self.task)
        if problems:
            raise EditError(problems)

    def inverse(self, period: Period) -> SetTask:
        return SetTask(self.task_id, period.tasks.get(self.task_id))

    def store(self, writer: PeriodWriter, period: Period) -> None:
        if self.task is None:
            writer.delete_task(self.task_id)
        else:
            writer.put_task(self.task)
        old = period.tasks.get(self.task_id)
        action = audit.TASK_ADD if old is None else audit.TASK_REMOVE if self.task is None else audit.TASK_CHANGE
        shown = self.task or old
        if shown is not None:  # deleting a task that is not there records nothing
            writer.audit(action, shown.title, _describe_task(period, old), _describe_task(period, self.task))

    def apply(self, period: Period) -> Effect:
        old = period.tasks.pop(self.task_id, None)
        touched = set(old.unit_ids) if old else set()
        if self.task is not None:
            period.tasks[self.task_id] = self.task
            touched |= set(self.task.unit_ids)
        touched &= set(period.units)
        if not period.ledger:
            return Effect()
        derive_tallies(period, touched)
        return Effect(units=touched)


def next_item_id(period: Period) -> int:
    return max(period.items, default=0) + 1
