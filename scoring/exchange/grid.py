"""Reading an attachment table laid out as offices make it, from a grid of cell texts.

Both the CSV and the Excel readers produce a grid (rows of strings, row 1 first) and hand it
here. Recognised: an optional title row, a header row with 单位 (optionally 分组, 类别 — the
unit's class, not its group —, 序号, 报送条目, 采用条目, 加减分, 得分 or 累计得分, 排名 or 累计排名,
and 排名变化, 达标 and 本期得分 which are ignored — every other named column is an adoption
channel; headers as other cities write them, 本季度报送, 1-3月得分, 扎兰屯市政府网采用条数 beside
its 采用得分, are recognised in :mod:`scoring.exchange.headers`, and a score-like column that is
no channel is refused), or only 单位 and channel columns; an optional second header row under a merged parent cell (channel names, or 专报 | 综合 sub-columns
under a channel, composed into ``5+1*``), group heading rows such as
``一、市政府各部门`` between units, repeated header rows, blank rows, and the notes
(``注：1. …``) and 统计截止日期 under the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from scoring.errors import EditError
from scoring.exchange.headers import (
    ADJUSTMENT,
    ADOPTED,
    CLASS,
    GROUP,
    RANK,
    SCORE,
    SPECIAL,
    SUBMITTED,
    UNIT,
    clean,
    counted_and_scored,
    header_name,
    kind_of,
    resolve_channels,
)
from scoring.names import TextKind, text_problem

DEDICATED, COMBINED = "dedicated", "combined"
# sub-columns under a channel: adoptions scored as a dedicated report / within a combined report
_PARTS = {name: DEDICATED for name in ("专报", "单篇", "专报采用")} | {name: COMBINED for name in ("综合", "单条", "综合采用")}
HEADER_SEARCH_ROWS = 30
_TOTAL_ROWS = ("合计", "总计", "小计")
_CUTOFF = re.compile(r"统计截止(?:日期|时间)?(?:为|[:：])?\s*(\d{4})年(\d{1,2})月(\d{1,2})日")
_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十]+[)])")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?\*?(\+\d+\*?)?")
# 「附件」 (or 附件1, 附件2：) above the title of a notice's attachment: not the title
_ATTACHMENT_MARK = re.compile(r"附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?")


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
    category: str = ""  # 类别


@dataclass(slots=True)
class ParsedTable:
    source: str
    channels: tuple[str, ...]
    rows: list[GridRow]
    title: str = ""
    notes: list[str] = field(default_factory=list)
    cutoff: date | None = None
    has_submitted: bool = False
    has_adopted: bool = False
    has_adjustment: bool = False
    has_score: bool = False
    has_rank: bool = False
    skipped: list[str] = field(default_factory=list)  # rows left out on purpose, said to the user


def _non_empty(row: list[str]) -> list[str]:
    return [cell for cell in row if cell]


def _is_header(row: list[str], loose: bool = False) -> bool:
    """单位 and 报送条目, 采用条目, 得分, 排名 or 分组; ``loose``: 单位 and channel names only."""
    names = [kind_of(cell) for cell in row]
    if UNIT not in names:
        return False
    if {SUBMITTED, ADOPTED, SCORE, RANK, GROUP} & set(names):
        return True
    others = [cell for cell, kind in zip(row, names, strict=True) if cell and kind is None]
    return loose and bool(others) and not any(_NUMBER.fullmatch(cell) for cell in others)


def _columns(
    source: str, header: list[str], second: list[str] | None, line: int
) -> tuple[dict[int, str], dict[int, str], list[str]]:
    """Column index -> special kind or channel name; column index -> 专报/综合 part of a split channel;
    and what is said about the per-channel score columns left out."""
    names: dict[int, str] = {}
    parts: dict[int, str] = {}
    width = max(len(header), len(second or []))
    tops = [header_name(header[i]) if i < len(header) else "" for i in range(width)]
    belows = [header_name(second[i]) if second and i < len(second) else "" for i in range(width)]
    parents: list[str] = list(accumulate(tops, _spanning))
    under: dict[str, set[str]] = {}
    for parent, below in zip(parents, belows, strict=True):
        under.setdefault(parent, set()).add(below)
    for index, (top, below, parent) in enumerate(zip(tops, belows, parents, strict=True)):
        name = below or top or (parent if second and below else "")
        if below and not kind_of(parent) and counted_and_scored(under[parent]):
            name = parent + below  # 扎兰屯市政府网 over 采用条数 | 采用得分
        if below in _PARTS and (top or parent) and not kind_of(top or parent):
            name = top or parent  # 湖北快报采用 over 专报 | 综合
            parts[index] = _PARTS[below]
        if name:
            names[index] = kind_of(name) or name
    said = resolve_channels(names, source, line)
    kinds = list(names.values())
    for kind in (UNIT, SUBMITTED, ADOPTED, GROUP, CLASS, ADJUSTMENT, SCORE, RANK):
        if kinds.count(kind) > 1:
            raise EditError([f"{source}第 {line} 行：表头中「{SPECIAL[kind][0]}」列出现了多次"])
    used: dict[str, list[str]] = {}
    for index, name in names.items():
        if name not in SPECIAL:
            used.setdefault(name, []).append(parts.get(index, ""))
    for name, found in used.items():  # a channel once, or once as 专报 and once as 综合
        if len(found) != len(set(found)) or ("" in found and len(found) > 1):
            raise EditError([f"{source}第 {line} 行：表头中「{name}」列出现了多次"])
    return names, parts, said


def _channel_columns(names: dict[int, str], parts: dict[int, str]) -> dict[str, dict[str, int]]:
    """Channel name -> {'': column} for a plain column, or {DEDICATED: column, COMBINED: column}."""
    channels: dict[str, dict[str, int]] = {}
    for index, name in sorted(names.items()):
        if name not in SPECIAL:
            channels.setdefault(name, {}).setdefault(parts.get(index, ""), index)
    return channels


def _adoption(row: list[str], columns: dict[str, int]) -> str:
    """The channel's cell, or ``5+1*`` composed from its 专报 and 综合 sub-columns."""
    def at(part: str) -> str:
        index = columns.get(part)
        return row[index] if index is not None and index < len(row) else ""

    if "" in columns:
        return at("")
    dedicated, combined = at(DEDICATED), at(COMBINED).rstrip("*")
    written = [dedicated] if dedicated else []
    if combined and combined != "0":
        written.append(f"{combined}*")
    return "+".join(written)


def _cutoff(text: str) -> date | None:
    match = _CUTOFF.search(re.sub(r"\s+", "", text))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def find_header(rows: list[list[str]]) -> int | None:
    """Index of the header row among the first rows of cleaned cell texts, or None."""
    head = rows[:HEADER_SEARCH_ROWS]
    found = next((i for i, row in enumerate(head) if _is_header(row)), None)
    if found is None:  # 单位 and channel names only: taken when adoption counts follow it
        found = next((i for i, row in enumerate(head) if _is_header(row, loose=True) and _counts_follow(rows, i)), None)
    return found


def _counts_follow(rows: list[list[str]], at: int) -> bool:
    """The first unit row under a header (past a second header row and group headings) holds counts
    in the channel columns: 单位 | 联系人 on a sheet of contacts is no table of adoptions."""
    header = rows[at]
    unit_column = next(i for i, cell in enumerate(header) if kind_of(cell) == UNIT)
    following = [row for row in rows[at + 1 : at + 5] if len(_non_empty(row)) > 1]
    if following and _is_second_header(header, following[0]):
        following = following[1:]
    if not following:
        return False
    row = following[0]
    channels = [i for i in range(len(row)) if i >= len(header) or (header[i] and kind_of(header[i]) is None)]
    counts = [row[i] for i in channels if row[i]]
    return bool(_at(row, {UNIT: unit_column}, UNIT)) and bool(counts) and all(_NUMBER.fullmatch(c) for c in counts)


def _spanning(parent: str, top: str) -> str:
    """A merged parent header cell spans the empty cells to its right."""
    return top or parent


def parse_grid(grid: Sequence[Sequence[object]], source: str = "") -> ParsedTable:
    """Find the header, the columns, the group sections and the data rows of an attachment table."""
    texts = [["" if cell is None else str(cell).strip() for cell in row] for row in grid]  # kept as typed
    rows = [[clean(cell) for cell in row] for row in texts]  # compared: full-width folded to half-width
    header_at = find_header(rows)
    if header_at is None:
        raise EditError([f"{source}找不到表头：表格中应有「单位」列，以及「报送条目」「得分」等列名"])
    above = [cells[0] for cells in map(_non_empty, texts[:header_at]) if len(cells) == 1]
    title = next((text for text in above if not _HEADING.match(clean(text)) and not _ATTACHMENT_MARK.fullmatch(clean(text))), "")
    second = None
    following = rows[header_at + 1] if header_at + 1 < len(rows) else []
    if _is_second_header(rows[header_at], following):
        second = following
    columns, parts, said = _columns(source, rows[header_at], second, header_at + 1)
    kinds = set(columns.values())
    channel_columns = _channel_columns(columns, parts)
    problems: list[str] = []  # names that break the rule of scoring.names, all reported at once
    for name in channel_columns:
        _check(problems, name, f"{source}第 {header_at + 1} 行的采用渠道")
    first_data = header_at + (2 if second else 1)
    table = ParsedTable(
        source,
        tuple(channel_columns),
        [],
        title=title,
        has_submitted=SUBMITTED in kinds,
        has_adopted=ADOPTED in kinds,
        has_adjustment=ADJUSTMENT in kinds,
        has_score=SCORE in kinds,
        has_rank=RANK in kinds,
        skipped=said,
    )
    where = {kind: index for index, kind in columns.items() if kind in SPECIAL}
    group = next((text for text in reversed(above) if _HEADING.match(clean(text))), "")  # 一、… above the header
    in_notes = False
    for index in range(first_data, len(rows)):
        row, typed = rows[index], texts[index]
        line = index + 1
        cells = _non_empty(row)
        if not cells or _is_header(row) or row == rows[header_at] or (second and _repeats(second, row)):
            continue
        first = cells[0]
        if in_notes or first.startswith(("注", "备注", "说明")) or _cutoff(" ".join(cells)):
            _check(problems, " ".join(_non_empty(typed)), f"{source}第 {line} 行的注", TextKind.TEXT)
            in_notes = _collect_note(table, " ".join(_non_empty(typed))) or in_notes
            continue
        unit = re.sub(r"\s+", "", _at(typed, where, UNIT))
        if GROUP not in where and len(cells) == 1 and not _NUMBER.fullmatch(first):
            if not unit or _HEADING.match(first):  # e.g. 一、市政府各部门 (a lone unit name is a unit)
                group = _non_empty(typed)[0]
                _check(problems, group, f"{source}第 {line} 行的分组")
                continue
        if header_name(unit) in _TOTAL_ROWS or (not unit and first in _TOTAL_ROWS):
            table.skipped.append(f"第 {line} 行是合计行，未导入")
            continue
        _check(problems, unit, f"{source}第 {line} 行的单位")
        if GROUP in where:
            _check(problems, _at(typed, where, GROUP), f"{source}第 {line} 行的分组")
        table.rows.append(
            GridRow(
                line=line,
                group=_at(typed, where, GROUP) or group,
                unit=unit,
                adoptions=tuple(_adoption(row, c) for c in channel_columns.values()),
                submitted=_at(row, where, SUBMITTED),
                adopted=_at(row, where, ADOPTED),
                adjustment=_at(row, where, ADJUSTMENT) if ADJUSTMENT in where else None,
                score=_at(row, where, SCORE) if SCORE in where else None,
                rank=_at(row, where, RANK) if RANK in where else None,
                category=_at(typed, where, CLASS).strip(),
            )
        )
    if problems:
        raise EditError(problems)
    return table


def _check(problems: list[str], text: str, what: str, kind: TextKind = TextKind.NAME) -> None:
    problem = text_problem(text, what, kind)
    if problem:
        problems.append(problem)


def _at(row: list[str], where: dict[str, int], kind: str) -> str:
    """The row's cell in the column of ``kind`` ('' if the table has no such column)."""
    position = where.get(kind)
    return row[position] if position is not None and position < len(row) else ""


def _is_second_header(header: list[str], row: list[str]) -> bool:
    """A row under the header that names channels under a merged parent cell."""
    cells = _non_empty(row)
    if len(cells) < 2 or any(_NUMBER.fullmatch(c) for c in cells):
        return False
    unit_column = next(i for i, c in enumerate(header) if kind_of(c) == UNIT)
    # under 单位 the second row is empty, or repeats 单位 where a vertically merged cell was filled in
    return unit_column >= len(row) or not row[unit_column] or row[unit_column] == header[unit_column]


def _repeats(second: list[str], row: list[str]) -> bool:
    """A repeated second header row (channel names under the merged parent) above a later section."""
    return _non_empty(row) == _non_empty(second) and all(
        not cell or (index < len(second) and cell == second[index]) for index, cell in enumerate(row)
    )


def _collect_note(table: ParsedTable, text: str) -> bool:
    cutoff = _cutoff(clean(text))
    if cutoff:
        table.cutoff = cutoff
        text = _CUTOFF.sub("", re.sub(r"\s+", "", text))
    text = re.sub(r"^(注|备注|说明)[:：]?", "", text.strip())
    for part in re.split(r"(?:^|\s|(?<=[;；。]))\d+[.、．](?!\d)", text):
        part = part.strip(" ;；")
        if part:
            table.notes.append(part if part.endswith(("。", "；", ";")) else part + "。")
    return True

