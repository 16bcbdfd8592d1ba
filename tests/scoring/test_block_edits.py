"""Typing, pasting and clearing grid cells share one plan (no display needed): all or nothing,
every problem naming the unit and the column."""

from __future__ import annotations

import pytest

from scoring.block_edits import MAX_PASTE_CELLS, Placement, place_paste, plan_block, plan_clear, plan_tallies
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.model import ADOPTED, SUBMITTED
from scoring.report import grid_columns
from tests.conftest import SAMPLE_PERIOD


class Column:
    def __init__(self, kind: str, header: str, key=None) -> None:
        self.kind, self.header, self.key = kind, header, key


@pytest.fixture(scope="module")
def period(tmp_path_factory):
    path = tmp_path_factory.mktemp("block") / "sample.zwxx"
    path.write_bytes(SAMPLE_PERIOD.read_bytes())
    document = PeriodDocument.open(path, read_only=True, why="test")
    yield document.period
    document.close()


def _columns(period) -> dict[str, Column]:
    return {header: Column(kind, header, key) for kind, header, key in grid_columns(period)}


def _unit(period):
    return next(u for u in period.units.values() if u.active)


def test_only_cells_whose_value_changes_become_operations(period) -> None:
    unit = _unit(period)
    channel = period.scheme.channels[0]
    column = _columns(period)[channel.name]
    same = str(period.tallies[unit.id].get(channel.id))
    assert plan_block(period, [(unit.id, column, same)]).operations == []
    plan = plan_block(period, [(unit.id, column, "9998+1*"), (unit.id, column, same)])
    assert plan.problems == [] and plan.cells == 2
    assert plan.operations == [SetTally(unit.id, channel.id, Count(9998, 1))]


def test_one_bad_cell_and_nothing_is_planned_every_problem_named(period) -> None:
    unit = _unit(period)
    columns = _columns(period)
    channel = period.scheme.channels[0].name
    cells = [(unit.id, columns[channel], "9997"), (unit.id, columns[channel], "abc"),
             (unit.id, columns["加减分"], "5"), (unit.id, columns["单位"], "x"), (unit.id, columns["得分"], "1")]
    plan = plan_block(period, cells)
    assert plan.operations == []
    assert plan.problems[0].startswith(f"{unit.name}「{channel}」：「abc」不是有效的采用数")
    assert plan.problems[1:] == [
        f"{unit.name}「加减分」需要写明理由，请双击单元格编辑",
        f"{unit.name}「单位」请在“单位管理”中修改",
        f"{unit.name}「得分」是计算结果或名称，不能粘贴修改",
    ]


def test_a_unit_that_is_gone_is_named_by_its_number(period) -> None:
    plan = plan_block(period, [(999_999, Column("score", "得分"), "1"), (999_999, Column("tally", "x", ADOPTED), "1")])
    assert plan.problems == ["单位（编号 999999）「得分」是计算结果或名称，不能粘贴修改", "单位（编号 999999）不存在，可能已被删除"]


def test_cells_named_by_field_as_a_paste_by_name_gives_them(period) -> None:
    unit = _unit(period)
    plan = plan_tallies(period, [(unit.id, SUBMITTED, "12.0"), (unit.id, ADOPTED, "-1")])
    assert plan.operations == [] and plan.problems == [f"{unit.name}「采用条目」：「-1」不能为负数"]
    assert plan_tallies(period, [(unit.id, SUBMITTED, "9999")]).operations == [SetTally(unit.id, SUBMITTED, 9999)]


def test_clearing_sets_tallies_to_zero_and_passes_over_other_columns(period) -> None:
    unit = next(u for u in period.units.values() if any(period.tallies[u.id].adoptions.values()))
    columns = _columns(period)
    selection = [(unit.id, column) for column in columns.values()]
    plan = plan_clear(period, selection)
    assert plan.problems == []
    assert plan.cells == sum(1 for c in columns.values() if c.kind == "tally")
    expected_zero = {op.key: op.value for op in plan.operations}
    assert all(value in (0, Count()) for value in expected_zero.values())
    changed = {k for k, v in period.tallies[unit.id].adoptions.items() if v != Count()}
    assert changed <= set(expected_zero)


def test_one_value_fills_a_selection_of_several_cells() -> None:
    placement = place_paste([["5"]], (2, 1, 2, 2), (10, 10))
    assert placement.problems == []
    assert placement.cells == [(2, 1, "5"), (2, 2, "5"), (3, 1, "5"), (3, 2, "5")]


def test_a_block_starts_at_the_corner_and_short_rows_are_cleared() -> None:
    assert place_paste([["1", "2"], ["3"]], (0, 4, 1, 1), (5, 6)).cells == [(0, 4, "1"), (0, 5, "2"), (1, 4, "3"), (1, 5, "")]
    assert place_paste([["7"]], (3, 3, 1, 1), (5, 6)).cells == [(3, 3, "7")]


def test_a_block_that_does_not_fit_or_is_too_big_is_refused_whole() -> None:
    assert place_paste([["1", "2"], ["3", "4"]], (4, 5, 1, 1), (5, 6)) == Placement(
        [], ["粘贴区域超出表格：需要 2 行 × 2 列，从当前单元格起只有 1 行 × 1 列"])
    assert place_paste([["1", "2"]], (0, 5, 1, 1), (5, 6)).problems != []
    wide = [["1"] * 1000] * (MAX_PASTE_CELLS // 1000 + 1)
    assert place_paste(wide, (0, 0, 1, 1), (10**6, 10**6)).problems == [f"粘贴的内容太多（{len(wide)} 行 × 1000 列）"]
