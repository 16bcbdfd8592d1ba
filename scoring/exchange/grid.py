"""Reading an attachment table laid out as offices make it, from a grid of cell texts.

Both the CSV and the Excel readers produce a grid (rows of strings, row 1 first) and hand it
here. Recognised: an optional title row, a header row with 单位 (optionally 分组, 序号,
报送条目, 采用条目, 加减分, 得分, 排名 — every other named column is an adoption channel), an
optional second header row under a merged parent cell, group heading rows such as
``一、市政府各部门`` between units, repeated header rows, blank rows, and the notes
(``注：1. …``) and 统计截止日期 under the table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from scoring.edits import EditError

GROUP, UNIT, SERIAL, SUBMITTED, ADOPTED, ADJUSTMENT, SCORE, RANK = (
    "group", "unit", "serial", "submitted", "adopted", "adjustment", "score", "rank",
)
_SPECIAL = {
    GROUP: ("分组", "组别", "类别", "分类"),
    UNIT: ("单位", "单位名称", "部门", "单位(部门)"),
    SERIAL: ("序号", "编号"),
    SUBMITTED: ("报送条目", "报送条数", "报送数", "报送信息", "报送"),
    ADOPTED: ("采用条目", "采用条数", "采用总数", "采用数"),
    ADJUSTMENT: ("加减分", "加分减分", "加扣分"),
    SCORE: ("得分", "总分", "总得分", "合计得分"),
    RANK: ("排名", "名次"),
}
_NAME_OF = {alias: kind for kind, aliases in _SPECIAL.items() for alias in aliases}
_HEADER_SEARCH_ROWS = 30
_TOTAL_ROWS = ("合计", "总计", "小计")
_CUTOFF = re.compile(r"统计截止(?:日期|时间)?(?:为|:)?\s*(\d{4})年(\d{1,2})月(\d{1,2})日")
_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十]+[)])")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?\*?(\+\d+\*?)?")


def clean(text: object) -> str:
    """Cell text as compared: NFKC (full-width to half-width), trimmed."""
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()


def header_name(text: object) -> str:
    """A header cell with all white space and line breaks removed (``潜江\\n政务`` → ``潜江政务``)."""
    return re.sub(r"\s+", "", clean(text))


@dataclass(slots=True)
class GridRow:
    line: int  # row number as a spreadsheet shows it
    group: str
    unit: str
    adoptions: tuple[str, ...]
    submitted: str
    adopted: str
    adjustment: str | None
    score: str | None
    rank: str | None


@dataclass(slots=True)
class ParsedTable:
    source: str
    channels: tuple[str, ...]
    rows: list[GridRow]
    title: str = ""
    notes: list[str] = field(default_factory=list)
    cutoff: date | None = None
    has_adjustment: bool = False
    has_score: bool = False
    has_rank: bool = False
    skipped: list[str] = field(default_factory=list)  # rows left out on purpose, said to the user


def _non_empty(row: list[str]) -> list[str]:
    return [cell for cell in row if cell]


def _is_header(row: list[str]) -> bool:
    names = {_NAME_OF.get(header_name(cell)) for cell in row}
    return UNIT in names and len(names & {SUBMITTED, ADOPTED, SCORE, RANK, GROUP}) >= 1


def _columns(source: str, header: list[str], second: list[str] | None, line: int) -> dict[int, str]:
    """Column index -> special kind or channel name."""
    names: dict[int, str] = {}
    parent = ""
    width = max(len(header), len(second or []))
    for index in range(width):
        top = header_name(header[index]) if index < len(header) else ""
        below = header_name(second[index]) if second and index < len(second) else ""
        if top:
            parent = top
        name = below or top or (parent if second and below else "")
        if name:
            names[index] = _NAME_OF.get(name, name)
    kinds = list(names.values())
    for kind in (UNIT, SUBMITTED, ADOPTED, GROUP, ADJUSTMENT, SCORE, RANK):
        if kinds.count(kind) > 1:
            raise EditError([f"{source}第 {line} 行：表头中「{_SPECIAL[kind][0]}」列出现了多次"])
    return names


def _cutoff(text: str) -> date | None:
    match = _CUTOFF.search(re.sub(r"\s+", "", text))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_grid(grid: list[list[object]], source: str = "") -> ParsedTable:
    """Find the header, the columns, the group sections and the data rows of an attachment table."""
    rows = [[clean(cell) for cell in row] for row in grid]
    header_at = next((i for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]) if _is_header(row)), None)
    if header_at is None:
        raise EditError([f"{source}找不到表头：表格中应有「单位」列，以及「报送条目」「得分」等列名"])
    above = [cells[0] for cells in map(_non_empty, rows[:header_at]) if len(cells) == 1]
    title = next((text for text in above if not _HEADING.match(text)), "")
    second = None
    following = rows[header_at + 1] if header_at + 1 < len(rows) else []
    if _is_second_header(rows[header_at], following):
        second = following
    columns = _columns(source, rows[header_at], second, header_at + 1)
    kinds = set(columns.values())
    channel_columns = [(i, n) for i, n in sorted(columns.items()) if n not in _SPECIAL]
    table = ParsedTable(
        source,
        tuple(name for _, name in channel_columns),
        [],
        title=title,
        has_adjustment=ADJUSTMENT in kinds,
        has_score=SCORE in kinds,
        has_rank=RANK in kinds,
    )
    where = {kind: index for index, kind in columns.items() if kind in _SPECIAL}
    group = next((text for text in reversed(above) if _HEADING.match(text)), "")  # 一、… above the header
    in_notes = False
    first_data = header_at + (2 if second else 1)
    for index in range(first_data, len(rows)):
        row = rows[index]
        line = index + 1
        cells = _non_empty(row)
        if not cells or _is_header(row):
            continue
        first = cells[0]
        if in_notes or first.startswith(("注", "备注", "说明")) or _cutoff(" ".join(cells)):
            in_notes = _collect_note(table, " ".join(cells)) or in_notes
            continue
        def cell(kind: str) -> str:
            position = where.get(kind)
            return row[position] if position is not None and position < len(row) else ""
        unit = header_name(cell(UNIT))
        if GROUP not in where and len(cells) == 1 and not _NUMBER.fullmatch(first):
            if not unit or _HEADING.match(first):  # e.g. 一、市政府各部门 (a lone unit name is a unit)
                group = first
                continue
        if unit in _TOTAL_ROWS or (not unit and first in _TOTAL_ROWS):
            table.skipped.append(f"第 {line} 行是合计行，未导入")
            continue
        table.rows.append(
            GridRow(
                line=line,
                group=cell(GROUP) or group,
                unit=unit,
                adoptions=tuple(row[i] if i < len(row) else "" for i, _ in channel_columns),
                submitted=cell(SUBMITTED),
                adopted=cell(ADOPTED),
                adjustment=cell(ADJUSTMENT) if ADJUSTMENT in where else None,
                score=cell(SCORE) if SCORE in where else None,
                rank=cell(RANK) if RANK in where else None,
            )
        )
    return table


def _is_second_header(header: list[str], row: list[str]) -> bool:
    """A row under the header that names channels under a merged parent cell."""
    cells = _non_empty(row)
    if len(cells) < 2 or any(_NUMBER.fullmatch(c) for c in cells):
        return False
    unit_column = next(i for i, c in enumerate(header) if _NAME_OF.get(header_name(c)) == UNIT)
    return unit_column >= len(row) or not row[unit_column]


def _collect_note(table: ParsedTable, text: str) -> bool:
    cutoff = _cutoff(text)
    if cutoff:
        table.cutoff = cutoff
        text = _CUTOFF.sub("", re.sub(r"\s+", "", text))
    text = re.sub(r"^(注|备注|说明)[:：]?", "", text.strip())
    for part in re.split(r"(?:^|\s|(?<=[;；。]))\d+[.、．](?!\d)", text):
        part = part.strip(" ;；")
        if part:
            table.notes.append(part if part.endswith(("。", "；", ";")) else part + "。")
    return True
