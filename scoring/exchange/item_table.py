"""Item tables (信息条目表) in and out: the format of 方法丙, from CSV or Excel.

One row per adoption or 批示 of an item; an item with neither has one row with those columns
blank; rows with the same 单位 + 标题 + 报送日期 are one item (wherever they are in the table).
Columns: 单位 (several joined by 、 for a 合报), 标题, 报送日期, 采用渠道, 采用类型 (专报/综合),
批示; optional 采用日期, 期号, 批示日期, 标记 (flags joined by 、), 约稿 (a task's title).

:func:`plan_item_import` reads the whole table before anything changes: every bad row is named
(unknown unit, unknown channel, bad date…) and nothing is applied unless the table is clean;
items already in the ledger are flagged as duplicates and left out. The plan's operation adds
all new items in one :class:`scoring.item_edits.SetItems`: one commit, one undo step.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypedDict

from scoring.atomic import atomic_path, atomic_write
from scoring.errors import EditError
from scoring.exchange.csv_table import escape_cell
from scoring.exchange.headers import clean, header_name
from scoring.item_edits import SetItems, next_item_id
from scoring.items import Instruction, Item, ItemAdoption
from scoring.model import Period
from scoring.names import xml_safe

UNIT, TITLE, SUBMITTED_ON, CHANNEL, KIND, INSTRUCTION = "单位", "标题", "报送日期", "采用渠道", "采用类型", "批示"
ADOPTED_ON, ISSUE, INSTRUCTED_ON, FLAGS, TASK = "采用日期", "期号", "批示日期", "标记", "约稿"
REQUIRED = (UNIT, TITLE, SUBMITTED_ON)
HEADERS = (UNIT, TITLE, SUBMITTED_ON, CHANNEL, KIND, ADOPTED_ON, ISSUE, INSTRUCTION, INSTRUCTED_ON, FLAGS, TASK)
KINDS = {"专报": False, "综合": True, "": False}
EXPECTED = "表格中应有「单位」「标题」「报送日期」列，以及「采用渠道」「采用类型」「批示」等列"
_SEPARATORS = re.compile(r"[、，,；;/]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0{1,2}:0{2}(?::0{2})?)?")
MAX_PROBLEMS = 200


def find_item_header(rows: list[list[str]]) -> int | None:
    """The first row naming 单位 and 标题 (within the first 20 rows), or None."""
    for index, row in enumerate(rows[:20]):
        names = {header_name(cell) for cell in row}
        if UNIT in names and TITLE in names:
            return index
    return None


def parse_date(text: str) -> date | None:
    """2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日 (as Excel dates are read); None if not a date."""
    match = _DATE.fullmatch(clean(text))
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@dataclass(slots=True)
class ItemImport:
    """What importing a table would do: new items, duplicates left out, problems (nothing applied)."""

    source: str
    items: list[Item] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # 第 N 行《标题》：已在台账中
    problems: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read

    @property
    def operation(self) -> SetItems:
        if self.problems:
            raise EditError(self.problems)
        return SetItems.adding(self.items)

    def summary(self) -> str:
        text = f"{self.source}共 {self.rows} 行，{len(self.items)} 条新条目"
        if self.duplicates:
            text += f"，{len(self.duplicates)} 条已在台账中（不重复导入）"
        return text


class _Entry(TypedDict):
    """One item as the table's rows (one per adoption or 批示) add up to it."""

    row: int
    units: tuple[int, ...]
    adoptions: list[ItemAdoption]
    instructions: list[Instruction]
    flags: list[str]
    task: int | None


def plan_item_import(grid: Sequence[Sequence[str]], period: Period, source: str = "") -> ItemImport:
    """Read an item table's cell texts against the period's units, channels and 批示 levels."""
    plan = ItemImport(source)
    rows = [[str(cell) if cell is not None else "" for cell in row] for row in grid]
    header_at = find_item_header(rows)
    if header_at is None:
        raise EditError([f"{source}找不到表头：{EXPECTED}"])
    columns = {header_name(name): index for index, name in reversed(list(enumerate(rows[header_at]))) if header_name(name)}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise EditError([f"{source}缺少「{'」「'.join(missing)}」列"])
    units = {clean(unit.name): unit.id for unit in period.units.values()}
    channels = {clean(channel.name): channel for channel in period.scheme.channels}
    levels = None if period.scheme.items is None else {clean(level.name) for level in period.scheme.items.instructions}
    tasks = {clean(task.title): task.id for task in period.tasks.values()}
    existing = {item.identity() for item in period.items.values()}
    found: dict[tuple[frozenset[int], str, date], _Entry] = {}
    for index in range(header_at + 1, len(rows)):
        row = rows[index]

        def raw(name: str, row: list[str] = row) -> str:
            at = columns.get(name)
            return row[at].strip() if at is not None and at < len(row) else ""

        def cell(name: str) -> str:  # compared with names: full-width folded
            return clean(raw(name))

        if not any(clean(text) for text in row):
            continue
        plan.rows += 1
        where = f"{source}第 {index + 1} 行"
        problems = []
        names = [name.strip() for name in _SEPARATORS.split(cell(UNIT)) if name.strip()]
        if not names:
            problems.append(f"{where}：没有填写单位")
        unknown = [name for name in names if name not in units]
        problems += [f"{where}：单位「{name}」不存在（请核对名称，或先在单位管理中添加）" for name in unknown]
        if len(set(names)) != len(names):
            problems.append(f"{where}：单位「{cell(UNIT)}」中同一单位写了两次")
        title = " ".join(raw(TITLE).split())
        if not title:
            problems.append(f"{where}：没有填写标题")
        submitted_on = parse_date(cell(SUBMITTED_ON))
        if submitted_on is None:
            problems.append(f"{where}「报送日期」：「{cell(SUBMITTED_ON)}」不是日期（应写成如 2026-01-05）")
        adoption = None
        channel_name, kind = cell(CHANNEL), cell(KIND)
        if kind not in KINDS:
            problems.append(f"{where}「采用类型」：「{kind}」只能是 专报 或 综合")
        if channel_name:
            channel = channels.get(channel_name)
            if channel is None:
                known = "、".join(c.name for c in period.scheme.channels)
                problems.append(f"{where}「采用渠道」：「{channel_name}」不是计分办法中的采用渠道（{known}）")
            elif KINDS.get(kind) and not channel.accepts_combined:
                problems.append(f"{where}「采用类型」：渠道「{channel.name}」不计综合采用")
            else:
                adopted_on = _optional_date(cell(ADOPTED_ON), where, ADOPTED_ON, problems)
                adoption = ItemAdoption(channel.id, KINDS.get(kind, False), adopted_on, raw(ISSUE))
        elif kind:
            problems.append(f"{where}：填了「采用类型」却没有填「采用渠道」")
        instruction = None
        level = cell(INSTRUCTION)
        if level:
            if levels is not None and level not in levels:
                known = "、".join(sorted(levels)) or "无"
                problems.append(f"{where}「批示」：「{level}」不是计分办法中的批示级别（{known}）")
            else:
                instruction = Instruction(level, _optional_date(cell(INSTRUCTED_ON), where, INSTRUCTED_ON, problems))
        task_id = None
        if cell(TASK):
            task_id = tasks.get(cell(TASK))
            if task_id is None:
                problems.append(f"{where}「约稿」：没有标题为「{cell(TASK)}」的约稿任务")
        if problems:
            plan.problems += problems
            if len(plan.problems) >= MAX_PROBLEMS:
                plan.problems.append(f"{source}问题太多，其余行未再检查")
                break
            continue
        assert submitted_on is not None  # a row without a date has a problem above
        key = (frozenset(units[n] for n in names), title, submitted_on)
        entry = found.setdefault(key, {"row": index + 1, "units": tuple(units[n] for n in names), "adoptions": [], "instructions": [], "flags": [], "task": None})
        if adoption is not None:
            entry["adoptions"].append(adoption)
        if instruction is not None:
            entry["instructions"].append(instruction)
        for flag in (f.strip() for f in _SEPARATORS.split(raw(FLAGS))):
            if flag and flag not in entry["flags"]:
                entry["flags"].append(flag)
        if task_id is not None:
            entry["task"] = task_id
    if plan.problems:
        return plan
    next_id = next_item_id(period)
    for (unit_set, title, submitted_on), entry in found.items():
        if (unit_set, title, submitted_on) in existing:
            plan.duplicates.append(f"{source}第 {entry['row']} 行《{title}》（{submitted_on.isoformat()}）：已在台账中")
            continue
        plan.items.append(
            Item(next_id, entry["units"], title, submitted_on, tuple(entry["adoptions"]), tuple(entry["instructions"]), tuple(entry["flags"]), entry["task"])
        )
        next_id += 1
    return plan


def _optional_date(text: str, where: str, column: str, problems: list[str]) -> date | None:
    if not text:
        return None
    value = parse_date(text)
    if value is None:
        problems.append(f"{where}「{column}」：「{text}」不是日期（应写成如 2026-01-05）")
    return value


def read_item_table(path: str | os.PathLike[str], period: Period) -> ItemImport:
    """Read an item table from CSV or Excel with the program's guarded readers, and plan it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        from scoring.exchange.csv_table import csv_rows, read_csv_text

        source = f"「{path.name}」"
        return plan_item_import(csv_rows(read_csv_text(path), source), period, source)
    if suffix in (".xlsx", ".xlsm"):
        from scoring.exchange.xlsx_table import read_xlsx_rows

        grid, where = read_xlsx_rows(path, find_item_header, EXPECTED)
        return plan_item_import(grid, period, where)
    raise EditError([f"「{path.name}」：不能导入这种文件（{suffix or '无扩展名'}），条目表请用 .xlsx 或 .csv"])


# -- export -----------------------------------------------------------------------------------


def item_rows(period: Period) -> list[list[str]]:
    """The ledger as an item table, header first: one row per adoption or 批示 (at least one)."""
    rows = [list(HEADERS)]
    for item_id in sorted(period.items):
        item = period.items[item_id]
        units = "、".join(period.units[u].name for u in item.unit_ids if u in period.units)
        task = period.tasks[item.task_id].title if item.task_id in period.tasks else ""
        for index in range(max(len(item.adoptions), len(item.instructions), 1)):
            adoption = item.adoptions[index] if index < len(item.adoptions) else None
            instruction = item.instructions[index] if index < len(item.instructions) else None
            channel = ""
            if adoption is not None:
                found = next((c for c in period.scheme.channels if c.id == adoption.channel_id), None)
                channel = found.name if found else ""
            rows.append(
                [
                    units,
                    item.title,
                    item.submitted_on.isoformat(),
                    channel,
                    ("综合" if adoption.combined else "专报") if adoption else "",
                    adoption.on.isoformat() if adoption and adoption.on else "",
                    adoption.issue if adoption else "",
                    instruction.level if instruction else "",
                    instruction.on.isoformat() if instruction and instruction.on else "",
                    "、".join(item.flags),
                    task,
                ]
            )
    return rows


def write_item_table(period: Period, path: str | os.PathLike[str]) -> None:
    """Write the ledger as CSV (UTF-8 with BOM) or Excel, replacing ``path`` atomically."""
    path = Path(path)
    rows = item_rows(period)
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows([escape_cell(text) for text in row] for row in rows)
        atomic_write(path, codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
        return
    if path.suffix.lower() != ".xlsx":
        raise EditError([f"「{path.name}」：条目表只能导出为 .xlsx 或 .csv"])
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("信息条目")
    for row in rows:
        cells = []
        for text in row:
            cell = WriteOnlyCell(sheet, xml_safe(text))
            cell.data_type = "s"  # a title like =1+1 stays text, never a formula
            cells.append(cell)
        sheet.append(cells)
    with atomic_path(path) as temporary:
        workbook.save(temporary)
