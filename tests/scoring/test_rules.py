"""Scheme rules: refused when they cannot be evaluated, kept in files, and properties that always hold."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError, SetTally, parse_cell
from scoring.evaluate import combine, component_points
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import parse_csv_text, report_rows
from scoring.explain import explain
from scoring.model import Event, EventKey, Group, Period, PeriodInfo, Scheme, Tally, Unit
from scoring.periods import accumulate
from scoring.report import build_report
from scoring.rules import QUOTA_PART, SUBMITTED_PART, Limit, QuotaRule, Rules, UnitClass, event_part
from scoring.scheme_file import default_scheme, load_scheme, save_scheme, scheme_to_dict
from scoring.standings import Standings
from scoring.structure_edits import SetScheme
from tests.conftest import RESOURCES

ZHONGLOU = RESOURCES / "schemes" / "zhonglou-quarterly.json"


def _problems(scheme: Scheme) -> list[str]:
    from scoring.scheme_rules import rule_problems

    return rule_problems(scheme)


def test_a_scheme_that_cannot_be_evaluated_is_refused_naming_the_rule(sample_copy) -> None:
    base = default_scheme()
    quota_without_class = replace(base, rules=Rules(quota=QuotaRule(Decimal(10))))
    cap_below_floor = replace(base, rules=Rules(limits=(Limit("报送分", (SUBMITTED_PART,), floor=Decimal(5), cap=Decimal(3)),)))
    missing_column = replace(base, rules=Rules(limits=(Limit("基础分", (event_part(9),), Decimal(6), Decimal(0)),)))
    assert _problems(quota_without_class) == ["设置了「定额」计分，但没有任何单位类别设置定额（请先添加类别和定额）"]
    assert _problems(cap_below_floor) == ["上下限规则「报送分」的上限 3 低于下限 5"]
    assert _problems(missing_column) == ["上下限规则「基础分」用到的「（已删除的列 9）」不存在"]
    document = PeriodDocument.open(sample_copy)
    before = document.period.scheme
    for scheme in (quota_without_class, cap_below_floor, missing_column):
        with pytest.raises(EditError):
            document.apply(SetScheme(scheme))
    assert document.period.scheme == before
    document.close()


def test_a_scheme_file_naming_a_missing_column_is_refused(tmp_path: Path) -> None:
    data = json.loads(ZHONGLOU.read_text(encoding="utf-8"))
    data["limits"][0]["parts"].append("迟报")
    path = tmp_path / "坏.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EditError, match="上下限规则「基础分」用到的「迟报」不存在"):
        load_scheme(path)


def test_linear_schemes_are_still_written_as_version_1(tmp_path: Path) -> None:
    scheme = default_scheme()
    assert scheme_to_dict(scheme)["version"] == 1 and "limits" not in scheme_to_dict(scheme)
    save_scheme(load_scheme(ZHONGLOU), tmp_path / "甲.json")
    assert load_scheme(tmp_path / "甲.json") == load_scheme(ZHONGLOU)


def test_events_are_counted_in_the_grid_undone_and_kept_when_their_column_comes_back(sample_copy) -> None:
    document = PeriodDocument.open(sample_copy)
    scheme = replace(document.period.scheme, events=(Event(1, "报送不及时", Decimal(-1)),))
    document.apply(SetScheme(scheme))
    before = document.standings.score(1)
    applied = document.apply(parse_cell(document.period, 1, EventKey(1), "３"))
    assert document.standings.score(1) == before - 3 and 1 in applied.delta.scores
    with pytest.raises(EditError, match="报送不及时"):
        parse_cell(document.period, 1, EventKey(1), "1*")
    removed = document.apply(SetScheme(replace(scheme, events=())))
    assert document.period.tallies[1].events == {}
    document.apply(list(removed.inverse))
    assert document.period.tallies[1].events == {1: 3}
    document.close()
    assert PeriodDocument.open(sample_copy).period.tallies[1].events == {1: 3}


CSV = """分组,类别,单位,区级录用（政务党建）,报送条目,采用条目,报送不及时,市领导批示,得分,排名,达标
一、部门,一类,甲局,1,4,1,3,1,30,1,是
一、部门,二类,乙局,0,3,1,0,0,6,2,是
"""


def test_import_reads_class_and_event_columns_and_class_is_not_a_group() -> None:
    result = build_period(parse_csv_text(CSV, "表.csv"), load_scheme(ZHONGLOU))
    period = result.period
    assert [g.name for g in period.groups] == ["一、部门"]
    assert [u.category for u in period.units.values()] == ["一类", "二类"]
    by_name = {e.name: e.id for e in period.scheme.events}
    assert period.tallies[1].events == {by_name["报送不及时"]: 3, by_name["市领导批示"]: 1}
    assert period.adjustments == {}  # the published scores are what the scheme gives
    report = build_report(period, Standings(period))
    rows = report_rows(report)
    assert rows[0][:3] == ["分组", "类别", "单位"] and rows[0][-3:] == ["得分", "排名", "达标"]
    assert "报送不及时" in rows[0] and rows[1][-1] == "是"
    again = build_period(parse_csv_text("\n".join(",".join(r) for r in rows), "导出.csv"), load_scheme(ZHONGLOU))
    assert again.period.tallies == period.tallies and again.period.adjustments == {}


# -- properties -------------------------------------------------------------------------------

_CAPPED = Scheme(
    channels=(default_scheme().channels[0],),
    submitted_points=Decimal(1),
    events=(Event(1, "报送不及时", Decimal(-1)), Event(2, "约稿完成", Decimal(2))),
    rules=Rules(
        classes=(UnitClass("一类", 6), UnitClass("二类", 3, 1)),
        quota=QuotaRule(Decimal(10), Decimal(-1), Decimal("0.5")),
        limits=(
            Limit("报送分", (SUBMITTED_PART,), cap=Decimal(5)),
            Limit("基础分", (event_part(1), QUOTA_PART), Decimal(6), Decimal(0), Decimal(12)),
        ),
        pass_mark=Decimal(6),
    ),
)
_tallies = st.builds(
    lambda s, a, d, c, late, done, cls: (Tally(s, a, {1: Count(d, c)} if d or c else {}, {k: v for k, v in ((1, late), (2, done)) if v}), cls),
    st.integers(0, 40), st.integers(0, 10), st.integers(0, 5), st.integers(0, 5),
    st.integers(0, 20), st.integers(0, 5), st.sampled_from(["一类", "二类", ""]),
)


def _period_of(rows: list[tuple[Tally, str]], scheme: Scheme = _CAPPED, order: list[int] | None = None) -> Period:
    ids = order or list(range(1, len(rows) + 1))
    units = {i: Unit(i, f"单位{i}", 1, True, rows[i - 1][1]) for i in ids}
    return Period(PeriodInfo("月"), scheme, [Group(1, "一组")], units, {i: rows[i - 1][0].copy() for i in ids})


@settings(max_examples=60, deadline=None)
@given(st.lists(_tallies, min_size=1, max_size=8), st.randoms())
def test_scores_and_ranks_never_depend_on_row_order(rows, rng) -> None:
    order = list(range(1, len(rows) + 1))
    rng.shuffle(order)
    straight, shuffled = Standings(_period_of(rows)), Standings(_period_of(rows, order=order))
    assert straight.scores == shuffled.scores
    assert {u: straight.rank(u) for u in order} == {u: shuffled.rank(u) for u in order}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_tallies, min_size=3, max_size=3), min_size=1, max_size=5))
def test_accumulating_single_periods_gives_the_sum_of_their_scores(months) -> None:
    periods = [_period_of(month) for month in months]
    for period in periods[1:]:  # a unit's class is the first period's
        for unit in period.units.values():
            period.units[unit.id] = replace(unit, category=periods[0].units[unit.id].category)
    total = Standings(accumulate(periods).period)
    for unit_id in (1, 2, 3):
        assert total.score(unit_id) == sum(Standings(p).score(unit_id) for p in periods)
        assert total.passed(unit_id) == all(Standings(p).passed(unit_id) for p in periods)


@settings(max_examples=100, deadline=None)
@given(_tallies)
def test_caps_and_floors_always_hold_and_the_explanation_adds_up(row) -> None:
    tally, category = row
    limited, _, _ = combine(_CAPPED.rules, component_points(_CAPPED, category, tally))
    for result in limited:
        assert result.limit.floor is None or result.value >= result.limit.floor
        assert result.limit.cap is None or result.value <= result.limit.cap
    period = _period_of([row])
    lines = explain(period, 1).lines
    assert lines[-1][2] == Standings(period).score(1)


def test_an_accumulated_period_refuses_tally_edits_but_takes_adjustments(tmp_path) -> None:
    from scoring.edits import SetAdjustments
    from scoring.model import Adjustment

    months = [_period_of([(Tally(9), "一类")]), _period_of([(Tally(2), "一类")])]
    path = tmp_path / "累计.zwxx"
    document = PeriodDocument.create(path, accumulate(months).period)
    assert document.standings.score(1) == (5 + 12) + (2 + 2)  # 基础分 6 + 10 + 1.5 capped at 12; 6 − 4
    with pytest.raises(EditError, match="累计期间"):
        document.apply(SetTally(1, EventKey(1), 1))
    document.apply(SetAdjustments(1, (Adjustment(Decimal(3), "年度加分"),)))
    assert document.standings.score(1) == 24
    document.close()


def test_importing_into_the_open_period_fills_event_columns_and_calibrates_under_the_rules(tmp_path) -> None:
    from scoring.exchange.merge import plan_import

    period = build_period(parse_csv_text(CSV, "表.csv"), load_scheme(ZHONGLOU)).period
    document = PeriodDocument.create(tmp_path / "一季度.zwxx", period)
    later = CSV.replace("一类,甲局,1,4,1,3,1,30", "一类,甲局,1,4,1,1,1,32")  # two late items fewer: 6 − 1 − 2 − 1 = 2
    plan = plan_import(document.period, parse_csv_text(later, "更正.csv"))
    assert not plan.problems
    late = next(e.id for e in document.period.scheme.events if e.name == "报送不及时")
    assert [(c.unit_name, c.column, c.old, c.new) for c in plan.changes] == [("甲局", "报送不及时", "3", "1")]
    assert plan.adjustments == []  # the published 32 is what the rules give: no calibration
    document.apply(plan.operations())
    assert document.period.tallies[1].events[late] == 1 and document.standings.score(1) == 32
    document.close()
