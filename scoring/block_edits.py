"""One path for every change a clerk makes to grid cells: typing into one cell, pasting a block,
clearing a selection with Delete.

:func:`place_paste` says where a pasted rectangle goes (or fills the selection with one value);

:func:`plan_block` then turns (unit, grid column, text) triples into the tally operations that change
something, or into every problem at once, each naming the unit and the column — all or nothing.
The grid columns are those of :func:`scoring.report.grid_columns` (kind, header, key); a cell of a
column that is not a tally (名称, 加减分, 得分, 排名…) is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from scoring.edits import SetTally, parse_cell
from scoring.errors import EditError
from scoring.model import FieldKey, Period

TALLY, UNIT, ADJUSTMENT = "tally", "unit", "adjustment"  # the kinds of scoring.report.grid_columns

NOT_PASTED = {
    UNIT: "请在“单位管理”中修改",
    ADJUSTMENT: "需要写明理由，请双击单元格编辑",
}
COMPUTED_NOT_PASTED = "是计算结果或名称，不能粘贴修改"
MAX_PASTE_CELLS = 200_000


@dataclass(frozen=True, slots=True)
class Placement:
    """Where pasted texts go: (row, column, text) in the grid's coordinates, or why they cannot."""

    cells: list[tuple[int, int, str]]
    problems: list[str]


def place_paste(rows: list[list[str]], selection: tuple[int, int, int, int], grid: tuple[int, int]) -> Placement:
    """Pasted ``rows`` onto a ``selection`` (top, left, height, width) of a grid of ``grid`` (rows,
    columns): one value fills a selection of several cells; else the block starts at the selection's
    top left corner, short rows filled with '' (cleared), and must fit into the grid."""
    top, left, height, width = selection
    if len(rows) == 1 and len(rows[0]) == 1 and height * width > 1:  # fill the selection
        return Placement([(top + r, left + c, rows[0][0]) for r in range(height) for c in range(width)], [])
    height, width = len(rows), max(len(r) for r in rows)
    if height * width > MAX_PASTE_CELLS:
        return Placement([], [f"粘贴的内容太多（{height} 行 × {width} 列）"])
    if top + height > grid[0] or left + width > grid[1]:
        return Placement([], [f"粘贴区域超出表格：需要 {height} 行 × {width} 列，从当前单元格起只有 "
                              f"{grid[0] - top} 行 × {grid[1] - left} 列"])
    cells = [(top + r, left + c, text) for r, line in enumerate(rows) for c, text in enumerate(line + [""] * (width - len(line)))]
    return Placement(cells, [])


class GridColumn(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def header(self) -> str: ...
    @property
    def key(self) -> FieldKey | None: ...


@dataclass(frozen=True, slots=True)
class BlockPlan:
    """The operations of a block edit (only cells whose value changes), or the problems why not."""

    operations: list[SetTally]
    problems: list[str]
    cells: int  # how many cells the block covers (changed or not)


def plan_block(period: Period, cells: Iterable[tuple[int, GridColumn, str]]) -> BlockPlan:
    """Parse and check every cell; any problem and no operation is planned."""
    problems: list[str] = []
    operations: list[SetTally] = []
    count = 0
    for unit_id, column, text in cells:
        count += 1
        if column.kind != TALLY or column.key is None:
            why = NOT_PASTED.get(column.kind, COMPUTED_NOT_PASTED)
            problems.append(f"{_name(period, unit_id)}「{column.header}」{why}")
            continue
        try:
            operation = parse_cell(period, unit_id, column.key, text)
        except EditError as error:
            problems.extend(error.problems)
            continue
        if period.tallies[unit_id].get(column.key) != operation.value:
            operations.append(operation)
    if problems:
        return BlockPlan([], problems, count)
    return BlockPlan(operations, [], count)


@dataclass(frozen=True, slots=True)
class TallyColumn:
    """A tally column known by its field only (its header is the field's label)."""

    key: FieldKey
    kind: str = TALLY
    header: str = ""


def plan_tallies(period: Period, cells: Iterable[tuple[int, FieldKey, str]]) -> BlockPlan:
    """:func:`plan_block` for cells named by (unit, tally field, text), as a paste by unit name plans them."""
    return plan_block(period, ((unit_id, TallyColumn(key), text) for unit_id, key, text in cells))


def plan_clear(period: Period, cells: Iterable[tuple[int, GridColumn]]) -> BlockPlan:
    """Delete on a selection: every tally cell to 0 (cells of other columns are passed over)."""
    return plan_block(period, ((unit_id, column, "") for unit_id, column in cells if column.kind == TALLY))


def _name(period: Period, unit_id: int) -> str:
    unit = period.units.get(unit_id)
    return unit.name if unit is not None else f"单位（编号 {unit_id}）"
