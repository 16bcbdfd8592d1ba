"""Importing a table into the open period: matching, the preview plan, all-or-nothing application."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetAdjustments, SetTally, describe_adjustments
from scoring.exchange.builder import CALIBRATION_REASON, IMPORTED_ADJUSTMENT_REASON
from scoring.exchange.csv_table import parse_csv_text, report_rows
from scoring.exchange.merge import plan_import
from scoring.exchange.xlsx_table import read_xlsx
from scoring.model import SUBMITTED, Adjustment, Event, Group, Period, PeriodInfo, Unit
from scoring.names import MatchKind
from scoring.report import build_report
from scoring.sample import build_sample
from scoring.scheme_file import default_scheme
from scoring.standings import Standings
from tests.scoring.exchange.workbooks import seed_rows, seed_workbook

HEADER = "单位,潜江政务信息采用,湖北快报采用,报送条目,采用条目\n"


def _period(*names: str) -> Period:
    """A one-group period with the given unit names (kept exactly as written) and empty tallies."""
    units = {i: Unit(i, name, 1) for i, name in enumerate(names, start=1)}
    return Period(PeriodInfo("测试"), default_scheme(), [Group(1, "一组")], units)


def _table(text: str, header: str = HEADER):
    return parse_csv_text(header + text, "「表.csv」")


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def test_names_match_exactly_then_ignoring_spaces_and_width_then_a_leading_city() -> None:
    period = _period("市发改委", "市 审计局", "市政府办公室(外事办)", "市住建局", "市财政局")
    table = _table("市发改委,1,0,2,1\n市审计局,0,0,3,0\n市政府办公室（外事办）,0,1,1,1\n住建局,0,0,4,0\n新单位,0,0,1,0\n")
    plan = plan_import(period, table)
    kinds = {m.table_name: (m.unit_name, m.kind) for m in plan.matches}
    assert kinds == {
        "市发改委": ("市发改委", MatchKind.EXACT),
        "市审计局": ("市 审计局", MatchKind.SPACING),
        "市政府办公室（外事办）": ("市政府办公室(外事办)", MatchKind.SPACING),
        "住建局": ("市住建局", MatchKind.DOUBTFUL),
    }
    assert [m.table_name for m in plan.doubtful] == ["住建局"]
    assert [(u.line, u.name) for u in plan.not_in_period] == [(6, "新单位")]
    assert [u.name for u in plan.missing_from_table] == ["市财政局"]
    assert not plan.problems


def test_doubtful_match_is_applied_only_when_confirmed() -> None:
    period = _period("市发改委", "市住建局")
    plan = plan_import(period, _table("市发改委,1,0,2,1\n住建局,0,0,4,0\n"))
    doubtful = plan.doubtful[0]
    unconfirmed = plan.operations()
    assert {op.unit_id for op in unconfirmed} == {1}
    confirmed = plan.operations([doubtful.line])
    assert SetTally(2, SUBMITTED, 4) in confirmed


def test_preview_lists_each_change_old_and_new() -> None:
    period = _period("甲", "乙")
    channel = period.scheme.channel_named("湖北快报采用")
    period.tallies[1].set(channel.id, Count(1, 0))
    period.tallies[1].submitted = 5
    plan = plan_import(period, _table("甲,0,5+1*,5,2\n乙,0,0,0,0\n"))
    assert [(c.unit_name, c.column, c.old, c.new) for c in plan.changes] == [
        ("甲", "湖北快报采用", "1", "5+1*"),
        ("甲", "采用条目", "0", "2"),
    ]
    assert [c.line for c in plan.changes_for(2)] == [2, 2] and plan.changes_for(3) == []
    assert "2 个单元格" in plan.summary()


def test_one_bad_cell_lists_the_cell_and_yields_no_operations() -> None:
    period = _period("甲", "乙", "丙")
    plan = plan_import(period, _table("甲,1,0,2,1\n乙,x,5+,3,-1\n丙,0,1,1,1\n"))
    assert plan.operations() == [] and plan.operations([2, 3, 4]) == []
    where = [(p.line, p.unit, p.column) for p in plan.problems]
    assert where == [(3, "乙", "潜江政务信息采用"), (3, "乙", "湖北快报采用"), (3, "乙", "采用条目")]
    assert str(plan.problems[0]).startswith("第 3 行（乙）「潜江政务信息采用」：")
    assert "改正后才能导入" in plan.summary()


def test_the_same_unit_twice_and_ambiguous_names_are_problems() -> None:
    period = _period("市(一)局", "市（一）局", "市发改委")
    plan = plan_import(period, _table("市﹙一﹚局,0,0,1,0\n市发改委,0,0,1,0\n发改委,0,0,2,0\n"))
    messages = [str(p) for p in plan.problems]
    assert any("第 2 行（市﹙一﹚局）" in m and "多个单位" in m for m in messages)
    assert any("第 4 行（发改委）" in m and "与第 3 行是同一个单位" in m for m in messages)
    assert plan.operations() == []


def test_unknown_channel_with_figures_is_a_problem_but_an_empty_one_is_not() -> None:
    period = _period("甲")
    header = "单位,新华社采用,国办采用,报送条目\n"
    empty = plan_import(period, _table("甲,,1,2\n", header))
    assert not empty.problems and [c.channel_name for c in empty.channels] == [None, "国办采用"]
    assert "潜江政务信息采用" in empty.channels_not_in_table
    filled = plan_import(period, _table("甲,3,1,2\n", header))
    assert [(p.column, "计分办法中没有" in p.why) for p in filled.problems] == [("新华社采用", True)]


def test_channel_names_match_ignoring_spaces_but_not_a_leading_city() -> None:
    period = _period("甲")
    plan = plan_import(period, _table("甲,1,2\n", "单位,国办 采用,报送条目\n"))
    assert [(c.column, c.channel_name, c.kind) for c in plan.channels] == [("国办采用", "国办采用", MatchKind.EXACT)]


def test_published_scores_become_calibration_and_reproduce_all_57(tmp_path) -> None:
    """The seed's workbook imported into an emptied copy of the sample period."""
    sample = build_sample()
    empty = sample.emptied(PeriodInfo("2023年上半年"))
    document = PeriodDocument.create(tmp_path / "p.zwxx", empty)
    plan = plan_import(document.period, read_xlsx(seed_workbook(tmp_path / "附件.xlsx")))
    assert len(plan.matches) == 57 and not plan.problems and not plan.doubtful and not plan.warnings
    assert all(a.new and a.new[-1].reason == CALIBRATION_REASON for a in plan.adjustments)
    applied = document.apply(plan.operations())
    published = {row["单位"]: (Decimal(row["得分"]), int(row["排名"])) for row in seed_rows()[1]}
    standings = document.standings
    assert {u.name: (standings.score(u.id), standings.rank(u.id)) for u in document.period.units.values()} == published
    document.apply(applied.inverse)  # one undo step takes everything back
    assert all(t.submitted == 0 and not t.adoptions for t in document.period.tallies.values())
    assert not document.period.adjustments
    document.close()


def test_reimporting_the_exported_table_changes_nothing() -> None:
    period = build_sample()
    period.adjustments[1] = (Adjustment(Decimal(-10), "约稿未报送"),) + period.adjustments.get(1, ())
    rows = report_rows(build_report(period, Standings(period)))
    plan = plan_import(period, parse_csv_text(_csv(rows)))
    assert len(plan.matches) == 57
    assert plan.changes == [] and plan.adjustments == [] and plan.problems == [] and plan.warnings == []


def test_adjustment_column_sets_the_total_keeping_other_reasons() -> None:
    period = _period("甲", "乙")
    period.adjustments[1] = (Adjustment(Decimal(-10), "约稿未报送"),)
    period.adjustments[2] = (Adjustment(Decimal(-10), "约稿未报送"),)
    header = "单位,国办采用,报送条目,加减分\n"
    plan = plan_import(period, _table("甲,0,1,-10\n乙,0,1,-5\n", header))
    assert [(a.unit_name, a.new) for a in plan.adjustments] == [
        ("乙", (Adjustment(Decimal(-10), "约稿未报送"), Adjustment(Decimal(5), IMPORTED_ADJUSTMENT_REASON)))
    ]
    assert SetAdjustments(2, plan.adjustments[0].new) in plan.operations()


def test_published_rank_that_disagrees_is_a_warning() -> None:
    period = _period("甲", "乙")
    plan = plan_import(period, _table("甲,1,0,2,1,50,2\n乙,0,0,3,0,10,1\n", HEADER.replace("\n", ",得分,排名\n")))
    assert any("第 2 行（甲）" in w and "表中排名为 2" in w for w in plan.warnings)
    assert any("第 3 行（乙）" in w for w in plan.warnings)


_CELL = st.sampled_from(["", "0", "1", "2", "5+1*", "1*", "-1", "x", "3.5", "１２", "9999", "10000"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["甲", "乙", "丙", "市丁", "丁", "戊"]), _CELL, _CELL, _CELL), max_size=6))
def test_any_table_gives_problems_and_no_operations_or_operations_that_apply(tmp_path_factory, rows) -> None:
    period = _period("甲", "乙", "市丙", "丁")
    text = "".join(f"{name},{a},{b},{items},\n" for name, a, b, items in rows)
    plan = plan_import(period, _table(text))
    operations = plan.operations([m.line for m in plan.doubtful])
    if plan.problems:
        assert operations == [] and all(str(p) for p in plan.problems)
        return
    document = PeriodDocument.create(tmp_path_factory.mktemp("m") / "p.zwxx", period)
    try:
        document.apply(operations)  # every operation passes its own check: nothing is refused half-way
    finally:
        document.close()


@pytest.mark.parametrize("confirm", [False, True])
def test_applying_in_one_step_is_one_undo(tmp_path, confirm) -> None:
    document = PeriodDocument.create(tmp_path / "p.zwxx", _period("甲", "市乙"))
    plan = plan_import(document.period, _table("甲,1,0,2,1\n乙,0,1*,4,1\n"))
    applied = document.apply(plan.operations([m.line for m in plan.doubtful] if confirm else []))
    assert document.period.tallies[2].submitted == (4 if confirm else 0)
    document.apply(applied.inverse)
    assert document.period.tallies[1].submitted == 0 and document.period.tallies[2].submitted == 0
    document.close()


def test_every_bad_cell_and_column_of_the_table_is_a_problem_naming_row_unit_and_column() -> None:
    period = _period("市发改委", "市经信局")
    period.scheme = replace(period.scheme, events=(Event(1, "报送不及时", Decimal(-1)),), channels=tuple(
        replace(c, accepts_combined=False) if c.name == "湖北快报采用" else c for c in period.scheme.channels))
    table = parse_csv_text(
        "单位,湖北快报采用,报送不及时,报送条目\n市发改委,1*,x,3\n,1,0,1\n",
        "「表.csv」",
    )
    plan = plan_import(period, table)
    problems = [str(p) for p in plan.problems]
    assert any("第 2 行" in p and "市发改委" in p and "湖北快报采用" in p and "不计综合采用" in p for p in problems), problems
    assert any("第 2 行" in p and "报送不及时" in p and "「x」" in p for p in problems), problems
    assert any("第 3 行" in p and "单位名称为空" in p for p in problems), problems
    assert plan.summary().endswith(f"有 {len(plan.problems)} 个问题，改正后才能导入。")


def test_the_summary_counts_units_not_found_left_unchanged_and_matched_by_hand() -> None:
    period = _period("市发改委", "市经信局", "市统计局")
    table = _table("市发改委,1,0,3,1\n高新区,2,0,1,1\n")
    plan = plan_import(period, table)
    assert "表中 1 个单位在本期间中找不到，不会导入" in plan.summary()
    assert "本期间 2 个单位不在表中，保持不变" in plan.summary()
    by_hand = plan_import(period, table, manual={3: 3})
    assert "1 个单位按人工对应导入" in by_hand.summary() and not by_hand.not_in_period


def test_bad_adjustments_and_scores_are_problems_and_a_rank_that_is_no_number_is_ignored() -> None:
    period = _period("市发改委", "市经信局")
    header = "单位,报送条目,加减分,得分,排名\n"
    plan = plan_import(period, _table("市发改委,3,二分,,1\n市经信局,2,,高,2\n", header))
    assert [str(p) for p in plan.problems] == [
        "第 2 行（市发改委）「加减分」：「二分」不是有效的分值：只能是数字，可带正负号和小数点",
        "第 3 行（市经信局）「得分」：「高」不是有效的分值：只能是数字，可带正负号和小数点",
    ]
    plan = plan_import(period, _table("市发改委,3,,,第一\n市经信局,2,,,2\n", header))
    assert plan.warnings == ["第 2 行（市发改委）：排名「第一」不是整数，已忽略"]


def test_the_preview_of_adjustments_shows_old_and_new_totals_and_the_calibration() -> None:
    period = _period("市发改委")
    period.adjustments[1] = (Adjustment(Decimal(-10), "约稿未报送"),)
    plan = plan_import(period, _table("市发改委,3,-10,100\n", "单位,报送条目,加减分,得分\n"))
    [change] = plan.adjustments
    assert (change.old_total, change.new_total, change.published_score) == (Decimal(-10), Decimal(97), Decimal(100))
    assert change.calibration == Decimal(107)
    assert describe_adjustments(change.new) == "-10（约稿未报送）；107（按公布得分校准）"
    assert describe_adjustments(()) == "无"
