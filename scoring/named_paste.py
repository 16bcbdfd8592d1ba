"""Paste by unit name: rows copied with the unit name in front (from Excel/WPS, or out of this
program's grid) go to those units, wherever they are and in whatever order. The cells found are
then planned like any other block (:func:`scoring.block_edits.plan_tallies`): all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.block_edits import TALLY, UNIT, GridColumn
from scoring.model import FieldKey, Period, Unit
from scoring.names import NameIndex, spacing_key

UNIT_HEADERS = ("单位", "单位名称")


@dataclass(frozen=True, slots=True)
class NamedPaste:
    """Where the cells of a paste by name go: (unit id, field, text), or the problems why not."""

    cells: list[tuple[int, FieldKey, str]]
    units: list[int]
    problems: list[str]
    skipped: list[str]  # headers of computed columns whose pasted texts were left out


def has_unit_names(period: Period, rows: Sequence[Sequence[str]]) -> bool:
    """True if the first cell of some row names a unit of the period, or is a 单位 header."""
    index = _unit_index(period)
    firsts = [row[0].strip() for row in rows if row and row[0].strip()]
    return any(spacing_key(first) in UNIT_HEADERS or index.find(first).item is not None for first in firsts)


def plan_named_paste(
    period: Period, rows: Sequence[Sequence[str]], columns: Sequence[GridColumn], start: int
) -> NamedPaste:
    """Rows whose first cell is a unit name. With a header row (单位, channel names…) each column
    goes to the column of that header; without, the texts after the name go to the grid's columns
    from ``start`` on (the column after 单位 when pasting onto the unit column)."""
    problems: list[str] = []
    rows = [list(row) for row in rows if any(cell.strip() for cell in row)]
    if rows and spacing_key(rows[0][0]) in UNIT_HEADERS:
        header, rows = rows[0], rows[1:]
        targets = _columns_by_header(header, columns, problems)
    else:
        width = max((len(row) for row in rows), default=1) - 1
        first = start + 1 if columns[start].kind == UNIT else start
        if first + width > len(columns):
            problems.append(f"粘贴的内容有 {width} 列数据，从「{columns[first].header}」列起只有 {len(columns) - first} 列")
            return NamedPaste([], [], problems, [])
        targets = [None, *(columns[first + j] for j in range(width))]
    index = _unit_index(period)
    cells: list[tuple[int, FieldKey, str]] = []
    units: list[int] = []
    skipped = sorted({c.header for c in targets[1:] if c is not None and c.kind not in (TALLY, UNIT)})
    for number, row in enumerate(rows, start=1):
        name = row[0].strip()
        found = index.find(name)
        if found.item is None:
            problems.append(_not_found(period, number, name, found.ambiguous))
            continue
        unit_id = found.item.id
        if unit_id in units:
            problems.append(f"第 {number} 行：「{name}」重复出现")
            continue
        units.append(unit_id)
        for column, text in zip(targets[1:], row[1:], strict=False):
            if column is not None and column.kind == TALLY and column.key is not None:
                cells.append((unit_id, column.key, text))
    return NamedPaste(cells, units, problems, skipped)


def _columns_by_header(header: Sequence[str], columns: Sequence[GridColumn], problems: list[str]) -> list[GridColumn | None]:
    by_header = {spacing_key(c.header): c for c in columns}
    targets: list[GridColumn | None] = [None]
    for text in header[1:]:
        column = by_header.get(spacing_key(text))
        if column is None and text.strip():
            problems.append(f"标题行的「{text.strip()}」列不在表格中")
        targets.append(column)
    return targets


def _unit_index(period: Period) -> NameIndex[Unit]:
    return NameIndex(period.units.values(), lambda unit: unit.name, loose=False)


def _not_found(period: Period, number: int, name: str, ambiguous: bool) -> str:
    if not name:
        return f"第 {number} 行没有单位名称"
    if ambiguous:
        return f"第 {number} 行：「{name}」与多个单位的名称相同"
    guess = NameIndex(period.units.values(), lambda unit: unit.name).find(name).item
    hint = f"（是否是「{guess.name}」？）" if guess is not None else ""
    return f"第 {number} 行：「{name}」不是本期间的单位{hint}"
