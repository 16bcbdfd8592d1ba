"""Planning a paste by unit name (no display needed): any order, any spacing, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.document import PeriodDocument
from scoring.model import ADOPTED, SUBMITTED, Unit
from scoring.named_paste import has_unit_names, plan_named_paste
from tests.conftest import SAMPLE_PERIOD


@dataclass(frozen=True)
class Column:
    kind: str
    header: str
    key: object = None


COLUMNS = [Column("unit", "单位"), Column("tally", "报送条目", SUBMITTED), Column("tally", "采用条目", ADOPTED),
           Column("score", "得分")]


@pytest.fixture(scope="module")
def period(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "sample.zwxx"
    path.write_bytes(SAMPLE_PERIOD.read_bytes())
    document = PeriodDocument.open(path, read_only=True, why="test")
    yield document.period
    document.close()


def test_rows_in_any_order_go_to_their_units(period) -> None:
    @given(st.permutations(list(period.units.values())), st.lists(st.integers(0, 999), min_size=60, max_size=60),
           st.sampled_from(["", " ", "\u3000"]))
    def check(units, figures, pad) -> None:
        units = units[:20]
        rows = [[pad + unit.name + pad, str(figure), "1", "88"] for unit, figure in zip(units, figures, strict=False)]
        assert has_unit_names(period, rows)
        plan = plan_named_paste(period, rows, COLUMNS, 0)
        assert plan.problems == [] and plan.skipped == ["得分"]
        assert plan.units == [unit.id for unit in units]
        expected = [(u.id, SUBMITTED, str(f)) for u, f in zip(units, figures, strict=False)]
        assert [cell for cell in plan.cells if cell[1] == SUBMITTED] == expected

    check()


def test_unknown_and_repeated_names_are_all_listed(period) -> None:
    name = next(iter(period.units.values())).name
    plan = plan_named_paste(period, [[name, "1"], ["无此单位", "2"], [name, "3"]], COLUMNS, 1)
    assert plan.problems == ["第 2 行：「无此单位」不是本期间的单位", f"第 3 行：「{name}」重复出现"]


def test_figures_without_names_are_not_a_paste_by_name(period) -> None:
    assert not has_unit_names(period, [["3", "1*"], ["5+1*", "2"]])


def test_a_header_row_sends_each_column_to_the_column_of_that_header(period) -> None:
    name = next(iter(period.units.values())).name
    plan = plan_named_paste(period, [["单位名称", "采用条目", "报送 条目", "备注"], [name, "4", "9", "x"]], COLUMNS, 3)
    unit_id = next(iter(period.units.values())).id
    assert plan.cells == [(unit_id, ADOPTED, "4"), (unit_id, SUBMITTED, "9")]
    assert plan.problems == ["标题行的「备注」列不在表格中"]


def test_more_figures_than_columns_left_is_refused(period) -> None:
    name = next(iter(period.units.values())).name
    plan = plan_named_paste(period, [[name, "1", "2", "3", "4"]], COLUMNS, 0)
    assert plan.problems == ["粘贴的内容有 4 列数据，从「报送条目」列起只有 3 列"] and plan.cells == []


def test_rows_without_a_name_or_with_a_name_of_two_units_are_named(period) -> None:
    plan = plan_named_paste(period, [["", "1"], ["发改委", "2"]], COLUMNS, 1)
    assert plan.problems == ["第 1 行没有单位名称", "第 2 行：「发改委」不是本期间的单位（是否是「市发改委」？）"]
    twins = SimpleNamespace(units={1: Unit(1, "市 发改委", 1), 2: Unit(2, "市发改委 ", 1)})
    plan = plan_named_paste(twins, [["市发改委", "1"]], COLUMNS, 1)
    assert plan.problems == ["第 1 行：「市发改委」与多个单位的名称相同"]
