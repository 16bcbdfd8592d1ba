"""A new period built from an imported table: every bad cell named, published scores calibrated."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.edits import EditError
from scoring.exchange.builder import CALIBRATION_REASON, UNTITLED, build_period, title_from_table
from scoring.exchange.csv_table import parse_csv_text
from scoring.model import Event
from scoring.rules import QuotaRule, Rules
from scoring.scheme_file import default_scheme, load_scheme
from tests.conftest import RESOURCES


def _table(text: str):
    return parse_csv_text(text, "「附件.csv」")


def test_every_bad_cell_of_a_row_is_named_with_row_unit_and_column() -> None:
    scheme = replace(default_scheme(), events=(Event(1, "报送不及时", Decimal(-1)),))
    scheme = replace(scheme, channels=tuple(replace(c, accepts_combined=False) if c.name == "国办采用" else c
                                            for c in scheme.channels))
    table = _table("单位,报送条目,报送不及时,国办采用,加减分,得分,排名\n市发改委,3,x,1*,abc,高,第一\n")
    with pytest.raises(EditError) as raised:
        build_period(table, scheme)
    where = "「附件.csv」第 2 行（市发改委）"
    assert raised.value.problems == [
        f"{where}「报送不及时」：「x」不是有效的条目数：只能包含数字",
        f"{where}「国办采用」：该渠道不计综合采用，不能填带*的数",
        f"{where}「加减分」：「abc」不是有效的分值：只能是数字，可带正负号和小数点",
        f"{where}「得分」：「高」不是有效的分值：只能是数字，可带正负号和小数点",
        f"{where}「排名」：「第一」不是有效的条目数：只能包含数字",
    ]


def test_event_columns_are_counted_and_published_scores_become_calibrations() -> None:
    scheme = load_scheme(RESOURCES / "schemes" / "zhonglou-quarterly.json")
    table = _table("单位,类别,报送条目,采用条目,报送不及时,加减分,得分,排名\n甲局,一类,6,2,2,1,10,1\n乙局,一类,6,2,0,,3,1\n")
    result = build_period(table, scheme, "2024年第一季度")
    period = result.period
    assert period.tallies[1].events == {5: 2} and period.tallies[2].events == {}
    assert [a.reason for a in period.adjustments[1]][-1] == CALIBRATION_REASON
    assert result.warnings == ["第 3 行（乙局）：表中排名为 1，按得分和同分规则计算为 2"]


def test_a_scheme_that_cannot_take_the_tables_columns_is_refused() -> None:
    broken = replace(default_scheme(), rules=Rules(quota=QuotaRule()))  # a quota without any class quota
    with pytest.raises(EditError, match="「附件.csv」按所选计分办法导入：设置了「定额」计分"):
        build_period(_table("单位,报送条目\n甲局,1\n"), broken)


def test_the_title_comes_from_the_table_or_falls_back() -> None:
    table = _table("附件：2023年上半年政务信息报送及采用情况\n单位,报送条目\n甲局,1\n")
    assert title_from_table(table) == "2023年上半年"
    assert build_period(table, default_scheme()).period.info.title == "2023年上半年"
    assert build_period(_table("单位,报送条目\n甲局,1\n"), default_scheme()).period.info.title == UNTITLED
