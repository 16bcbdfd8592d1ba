"""Copy and paste of rectangular ranges as tab-separated text, as Excel and WPS exchange them,
and paste by unit name when the rows carry the unit names."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from scoring.model import FieldKey, Period
from scoring.names import NameIndex, spacing_key

MAX_PASTE_CELLS = 200_000


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cell texts as Excel puts them on the clipboard (quoted only where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue()


def from_tsv(text: str) -> list[list[str]]:
    """Clipboard text from Excel/WPS into rows of cells; the trailing line break is dropped."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    if text == "":
        return [[""]]
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t")]
    return rows or [[""]]


# -- paste by unit name ----------------------------------------------------------------------
# Rows copied with the unit name in front (from Excel/WPS, or out of this program's grid) go to
# those units, wherever they are and in whatever order. Qt-free: the grid passes its columns.

UNIT_HEADERS = ("单位", "单位名称")
UNIT_KIND, TALLY_KIND = "unit", "tally"  # the column kinds of desktop_app.table_model


class GridColumn(Protocol):
    @property
    def kind(self) -> str: ...  # "unit", "tally", or a computed kind (加减分, 得分, 排名…)
    @property
    def header(self) -> str: ...
    @property
    def key(self) -> FieldKey | None: ...


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
        first = start + 1 if columns[start].kind == UNIT_KIND else start
        if first + width > len(columns):
            problems.append(f"粘贴的内容有 {width} 列数据，从「{columns[first].header}」列起只有 {len(columns) - first} 列")
            return NamedPaste([], [], problems, [])
        targets = [None, *(columns[first + j] for j in range(width))]
    index = _unit_index(period)
    cells: list[tuple[int, FieldKey, str]] = []
    units: list[int] = []
    skipped = sorted({c.header for c in targets[1:] if c is not None and c.kind not in (TALLY_KIND, UNIT_KIND)})
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
            if column is not None and column.kind == TALLY_KIND and column.key is not None:
                cells.append((unit_id, column.key, text))
    return NamedPaste(cells, units, problems, skipped)


def _columns_by_header(header: Sequence[str], columns: Sequence[GridColumn], problems: list[str]) -> list:
    by_header = {spacing_key(c.header): c for c in columns}
    targets: list[GridColumn | None] = [None]
    for text in header[1:]:
        column = by_header.get(spacing_key(text))
        if column is None and text.strip():
            problems.append(f"标题行的「{text.strip()}」列不在表格中")
        targets.append(column)
    return targets


def _unit_index(period: Period) -> NameIndex:
    return NameIndex(period.units.values(), lambda unit: unit.name, loose=False)


def _not_found(period: Period, number: int, name: str, ambiguous: bool) -> str:
    if not name:
        return f"第 {number} 行没有单位名称"
    if ambiguous:
        return f"第 {number} 行：「{name}」与多个单位的名称相同"
    guess = NameIndex(period.units.values(), lambda unit: unit.name).find(name).item
    hint = f"（是否是「{guess.name}」？）" if guess is not None else ""
    return f"第 {number} 行：「{name}」不是本期间的单位{hint}"
