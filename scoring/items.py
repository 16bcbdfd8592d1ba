"""The item ledger (信息条目台账): one record per submitted item, and the item rules of a scheme.

An :class:`Item` is written by one unit or, for a 合报, several; it may be adopted by several
channels (each adoption 专报 or 综合, with a date and the issue that carried it), may draw
leader instructions (批示, one per level and date) and may carry flags that multiply its points
(经转报, 头版头条). It may answer a 约稿 :class:`Task`.

:class:`ItemRules` say how an item scores (就高不就低, 批示 points per level, 合报 split, flags);
they are data in the scheme (:mod:`scoring.item_rules` scores with them and reads them as JSON).
Plain data, no Qt, no files.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ItemAdoption:
    """One adoption of an item: the channel, 专报 (``combined`` False) or 综合, date and issue."""

    channel_id: int
    combined: bool = False
    on: date | None = None
    issue: str = ""  # e.g. 《潜江政务信息》第12期


@dataclass(frozen=True, slots=True)
class Instruction:
    """A leader instruction (批示) on an item: its level (市领导批示) and date."""

    level: str
    on: date | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One submitted item of the ledger."""

    id: int
    unit_ids: tuple[int, ...]  # several for a 合报, in the order written
    title: str
    submitted_on: date
    adoptions: tuple[ItemAdoption, ...] = ()
    instructions: tuple[Instruction, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. 经转报, 头版头条
    task_id: int | None = None  # the 约稿 task it answers

    @property
    def joint(self) -> bool:
        return len(self.unit_ids) > 1

    def identity(self) -> tuple[frozenset[int], str, date]:
        """单位 + 标题 + 报送日期: rows of an item table with the same identity are one item."""
        return frozenset(self.unit_ids), self.title.strip(), self.submitted_on


class Answer(enum.StrEnum):
    """How a unit answered a 约稿 task."""

    ON_TIME = "on_time"
    LATE = "late"
    NONE = "none"


ANSWER_LABELS = {Answer.ON_TIME: "按时报送", Answer.LATE: "迟报", Answer.NONE: "未报送"}


@dataclass(frozen=True, slots=True)
class Task:
    """A 约稿 task: title, the units asked, the deadline and each unit's answer."""

    id: int
    title: str
    unit_ids: tuple[int, ...]
    deadline: date | None = None
    answers: tuple[tuple[int, Answer, bool], ...] = ()  # (unit id, answer, adopted)

    def answer(self, unit_id: int) -> tuple[Answer, bool] | None:
        return next(((a, adopted) for u, a, adopted in self.answers if u == unit_id), None)


class JointMode(enum.StrEnum):
    SPLIT = "split"  # points split evenly among the units, each share rounded to 2 decimals half up
    FIXED = "fixed"  # each unit of a 合报 scores fixed points (when the item scores at all)


@dataclass(frozen=True, slots=True)
class InstructionLevel:
    """Points for a 批示 level, e.g. 市领导批示 10; counted at most once per item (同级不重复加分)."""

    name: str
    points: Decimal


@dataclass(frozen=True, slots=True)
class Multiplier:
    """Items carrying ``flag`` have their adoption points multiplied by ``factor`` (经转报 ×2)."""

    flag: str
    factor: Decimal


@dataclass(frozen=True, slots=True)
class TaskEvents:
    """The counted events (by name) a 约稿 answer becomes: 约稿完成, 迟报, 未完成; '' for none."""

    done: str = ""
    late: str = ""
    missing: str = ""
    adopted_only: bool = False  # 约稿完成 only when the answer was adopted


@dataclass(frozen=True, slots=True)
class ItemRules:
    """How items score. ``highest_only``: an item scores only its best adoption (就高不就低)."""

    highest_only: bool = True
    instructions: tuple[InstructionLevel, ...] = ()
    joint: JointMode = JointMode.SPLIT
    joint_points: Decimal = Decimal(0)  # JointMode.FIXED: each unit's points
    multipliers: tuple[Multiplier, ...] = ()
    tasks: TaskEvents = field(default_factory=TaskEvents)
