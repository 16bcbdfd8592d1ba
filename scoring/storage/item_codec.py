"""The item ledger and 约稿 tasks in the period file: reading them, and the writes that change them.

Part of :mod:`scoring.storage`; :class:`scoring.storage.codec.PeriodWriter` inherits the writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

from scoring.items import Answer, Instruction, Item, ItemAdoption, Task
from scoring.model import Period


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def load_items(conn: sqlite3.Connection, period: Period, ledger: bool) -> None:
    """Fill ``period.items`` and ``period.tasks``; in ledger mode derive its tallies."""
    units: dict[int, list[int]] = {}
    for item_id, unit_id in conn.execute("SELECT item_id, unit_id FROM item_unit ORDER BY item_id, position"):
        units.setdefault(item_id, []).append(unit_id)
    adoptions: dict[int, list[ItemAdoption]] = {}
    rows = conn.execute(
        "SELECT item_id, channel_id, combined, adopted_on, issue FROM item_adoption ORDER BY item_id, position"
    )
    for item_id, channel_id, combined, on, issue in rows:
        adoptions.setdefault(item_id, []).append(ItemAdoption(channel_id, bool(combined), _date(on), issue))
    instructions: dict[int, list[Instruction]] = {}
    rows = conn.execute("SELECT item_id, level, given_on FROM item_instruction ORDER BY item_id, position")
    for item_id, level, on in rows:
        instructions.setdefault(item_id, []).append(Instruction(level, _date(on)))
    period.items = {
        item_id: Item(
            item_id,
            tuple(units.get(item_id, ())),
            title,
            date.fromisoformat(submitted_on),
            tuple(adoptions.get(item_id, ())),
            tuple(instructions.get(item_id, ())),
            tuple(json.loads(flags)),
            task_id,
        )
        for item_id, title, submitted_on, flags, task_id in conn.execute(
            "SELECT id, title, submitted_on, flags, task_id FROM item ORDER BY id"
        )
    }
    asked: dict[int, list[tuple[int, Answer, bool]]] = {}
    rows = conn.execute("SELECT task_id, unit_id, answer, adopted FROM task_unit ORDER BY task_id, position")
    for task_id, unit_id, answer, adopted in rows:
        asked.setdefault(task_id, []).append((unit_id, Answer(answer), bool(adopted)))
    period.tasks = {
        task_id: Task(
            task_id,
            title,
            tuple(u for u, _a, _d in asked.get(task_id, ())),
            _date(deadline),
            tuple(asked.get(task_id, ())),
        )
        for task_id, title, deadline in conn.execute("SELECT id, title, deadline FROM task ORDER BY id")
    }
    if ledger:
        from scoring.item_rules import enter_ledger

        enter_ledger(period)


class ItemWriter:
    """Writes of items, tasks and the ledger mode (mixed into PeriodWriter)."""

    conn: sqlite3.Connection

    def write_items(self, period: Period) -> None:
        for task in period.tasks.values():
            self.put_task(task)
        self.put_items(period.items.values())
        self.set_ledger(period.ledger)

    def set_ledger(self, on: bool) -> None:
        self.conn.execute("INSERT OR REPLACE INTO period_info (key, value) VALUES ('ledger', ?)", ("1" if on else "0",))

    def delete_items(self, item_ids: Iterable[int]) -> None:
        self.conn.executemany("DELETE FROM item WHERE id = ?", [(item_id,) for item_id in item_ids])

    def put_items(self, items: Iterable[Item]) -> None:
        """Insert or replace whole items (their units, adoptions and 批示 with them)."""
        items = list(items)
        self.delete_items(item.id for item in items)
        self.conn.executemany(
            "INSERT INTO item (id, title, submitted_on, flags, task_id) VALUES (?, ?, ?, ?, ?)",
            [
                (i.id, i.title, i.submitted_on.isoformat(), json.dumps(list(i.flags), ensure_ascii=False), i.task_id)
                for i in items
            ],
        )
        self.conn.executemany(
            "INSERT INTO item_unit (item_id, unit_id, position) VALUES (?, ?, ?)",
            [(i.id, unit_id, position) for i in items for position, unit_id in enumerate(i.unit_ids)],
        )
        self.conn.executemany(
            "INSERT INTO item_adoption (item_id, position, channel_id, combined, adopted_on, issue) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (i.id, position, a.channel_id, int(a.combined), _iso(a.on), a.issue)
                for i in items
                for position, a in enumerate(i.adoptions)
            ],
        )
        self.conn.executemany(
            "INSERT INTO item_instruction (item_id, position, level, given_on) VALUES (?, ?, ?, ?)",
            [(i.id, position, x.level, _iso(x.on)) for i in items for position, x in enumerate(i.instructions)],
        )

    def delete_task(self, task_id: int) -> None:
        self.conn.execute("DELETE FROM task WHERE id = ?", (task_id,))

    def put_task(self, task: Task) -> None:
        self.conn.execute(
            "INSERT INTO task (id, title, deadline) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, deadline = excluded.deadline",
            (task.id, task.title, _iso(task.deadline)),
        )
        self.conn.execute("DELETE FROM task_unit WHERE task_id = ?", (task.id,))
        answers = {unit_id: (answer, adopted) for unit_id, answer, adopted in task.answers}
        self.conn.executemany(
            "INSERT INTO task_unit (task_id, unit_id, position, answer, adopted) VALUES (?, ?, ?, ?, ?)",
            [
                (task.id, unit_id, position, str(answers.get(unit_id, (Answer.NONE, False))[0]), int(answers.get(unit_id, (Answer.NONE, False))[1]))
                for position, unit_id in enumerate(task.unit_ids)
            ],
        )
