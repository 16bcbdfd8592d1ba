"""Importing attachment tables as other cities publish them: a score is never stored as a tally."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import Workbook

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import parse_csv_text
from scoring.exchange.merge import plan_import
from scoring.exchange.tables import read_table
from scoring.model import Group, Period, PeriodInfo, Unit
from scoring.scheme_file import default_scheme
from scoring.standings import Standings

ZHALANTUN = [
    ["扎兰屯市2024年1-3月政务信息工作情况"],
    ["序号", "单位", "扎兰屯市政府网采用条数", "扎兰屯市政府网采用得分", "呼伦贝尔政务信息采用条数",
     "呼伦贝尔政务信息采用得分", "1-3月得分", "排名"],
    [1, "市发改委", 3, 6, 1, 5, 11, 1],
    [2, "市教育局", 1, 2, 0, 0, 2, 2],
]


def _results(period) -> dict[str, tuple[Decimal, int | None]]:
    standings = Standings(period)
    return {unit.name: (standings.score(unit.id), standings.rank(unit.id)) for unit in period.units.values()}


def _tally(period, unit: str, channel: str) -> Count:
    unit_id = next(u.id for u in period.units.values() if u.name == unit)
    channel_id = next(c.id for c in period.scheme.channels if c.name == channel)
    return period.tallies[unit_id].adoptions.get(channel_id, Count())


def test_zhalantun_count_and_score_columns_per_channel(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    for row in ZHALANTUN:
        sheet.append(row)
    sheet.merge_cells("A1:H1")
    path = tmp_path / "扎兰屯.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.channels == ("扎兰屯市政府网", "呼伦贝尔政务信息")
    assert table.rows[0].adoptions == ("3", "1") and table.rows[0].score == "11"
    result = build_period(table, default_scheme())
    period = result.period
    assert [c.name for c in period.scheme.channels] == ["扎兰屯市政府网", "呼伦贝尔政务信息"]
    assert _tally(period, "市发改委", "扎兰屯市政府网") == Count(3, 0)
    assert _tally(period, "市发改委", "呼伦贝尔政务信息") == Count(1, 0)
    assert _results(period) == {"市发改委": (Decimal(11), 1), "市教育局": (Decimal(2), 2)}
    assert any("「扎兰屯市政府网采用得分」" in w and "未导入" in w for w in result.warnings)


def test_sichuan_quarter_columns_are_submitted_adopted_and_score() -> None:
    text = (
        "2023年第一季度全省国土资源信息工作考核情况\n"
        "序号,地市名称,本季度报送,本季度采用,本季度得分,排名\n"
        "1,成都市,40,12,86.5,1\n"
        "2,绵阳市,25,6,60,2\n"
    )
    table = parse_csv_text(text, "「四川.csv」")
    assert table.channels == ()
    assert (table.has_submitted, table.has_adopted, table.has_score) == (True, True, True)
    period = build_period(table, default_scheme()).period
    tally = period.tallies[1]
    assert (tally.submitted, tally.adopted) == (40, 12)
    assert _results(period) == {"成都市": (Decimal("86.5"), 1), "绵阳市": (Decimal(60), 2)}


@pytest.mark.parametrize(
    ("unit", "submitted", "adopted", "score"),
    [
        ("县 市", "本月报送条数", "本月采用条数", "本月分数"),
        ("县(市、区)", "报送条目", "采用条目", "总得分(100)"),
        ("单位名称", "本季度报送", "本季度采用", "总得分（100分）"),
        ("乡镇（街道）", "上半年报送", "上半年采用", "上半年得分"),
        ("地市名称", "一季度报送", "一季度采用", "合计"),
    ],
)
def test_period_prefixed_headers_and_unit_synonyms(unit, submitted, adopted, score) -> None:
    text = f"{unit},潜江政务信息采用,{submitted},{adopted},{score}\n甲,2,9,2,30\n乙,0,4,0,5\n"
    table = parse_csv_text(text, "「t.csv」")
    assert table.channels == ("潜江政务信息采用",)
    period = build_period(table, default_scheme()).period
    assert (period.tallies[1].submitted, period.tallies[1].adopted) == (9, 2)
    assert _results(period) == {"甲": (Decimal(30), 1), "乙": (Decimal(5), 2)}


def test_table_with_only_units_and_channels_is_accepted() -> None:
    text = "各单位信息采用情况\n单位,潜江政务信息采用,湖北快报采用\n甲,2,1*\n乙,0,1\n"
    table = parse_csv_text(text, "「t.csv」")
    assert table.title == "各单位信息采用情况"
    assert [(row.unit, row.adoptions) for row in table.rows] == [("甲", ("2", "1*")), ("乙", ("0", "1"))]
    period = build_period(table, default_scheme()).period
    assert _tally(period, "甲", "湖北快报采用") == Count(0, 1)
    scores = _results(period)
    assert scores["甲"][0] > scores["乙"][0] > 0 and scores["甲"][1] == 1


@pytest.mark.parametrize("header", ["综合得分", "本月考核分数", "信息工作分值"])
def test_score_like_column_without_its_channel_is_refused_naming_it(header) -> None:
    text = f"单位,潜江政务信息采用,{header},报送条目\n甲,1,85,3\n乙,0,60,2\n"
    with pytest.raises(EditError) as caught:
        build_period(parse_csv_text(text, "「t.csv」"), default_scheme())
    assert any(f"第 1 行 C 列「{header}」" in p and "得分列" in p for p in caught.value.problems)


def test_channel_merged_over_its_count_and_score_columns() -> None:
    text = (
        "单位,扎兰屯市政府网,,呼伦贝尔政务信息,,得分\n"
        ",采用条数,采用得分,采用条数,采用得分,\n"
        "市发改委,3,6,1,5,11\n"
        "市教育局,1,2,0,0,2\n"
    )
    result = build_period(parse_csv_text(text, "「t.csv」"), default_scheme())
    period = result.period
    assert [c.name for c in period.scheme.channels] == ["扎兰屯市政府网", "呼伦贝尔政务信息"]
    assert _tally(period, "市发改委", "呼伦贝尔政务信息") == Count(1, 0)
    assert _results(period) == {"市发改委": (Decimal(11), 1), "市教育局": (Decimal(2), 2)}
    assert sum("未导入" in w for w in result.warnings) == 2


def test_units_and_channels_sheet_is_found_after_a_sheet_of_contacts(tmp_path) -> None:
    workbook = Workbook()
    contacts = workbook.active
    contacts.title = "联系人"
    contacts.append(["单位", "联系人"])
    contacts.append(["市发改委", "张三"])
    table_sheet = workbook.create_sheet("采用情况")
    for row in (["单位", "潜江政务信息采用", "湖北快报采用"], ["市发改委", 2, "5+1*"], ["市教育局", None, 1]):
        table_sheet.append(row)
    path = tmp_path / "表.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert "采用情况" in table.source
    assert [(row.unit, row.adoptions) for row in table.rows] == [("市发改委", ("2", "5+1*")), ("市教育局", ("", "1"))]



def test_zhalantun_table_into_the_open_period_sets_counts_and_calibrates_to_the_score(tmp_path) -> None:
    template = default_scheme()
    first, second = template.channels[:2]
    scheme = replace(template, channels=(replace(first, name="扎兰屯市政府网"), replace(second, name="呼伦贝尔政务信息")))
    units = {1: Unit(1, "市发改委", 1), 2: Unit(2, "市教育局", 1)}
    document = PeriodDocument.create(tmp_path / "p.zwxx", Period(PeriodInfo("测试"), scheme, [Group(1, "一组")], units))
    try:
        table = parse_csv_text("\n".join(",".join(map(str, row)) for row in ZHALANTUN[1:]), "「t.csv」")
        plan = plan_import(document.period, table)
        assert plan.problems == [] and [c.channel_id for c in plan.channels] == [first.id, second.id]
        assert any("「扎兰屯市政府网采用得分」" in w for w in plan.warnings)
        document.apply(plan.operations())
        assert _tally(document.period, "市发改委", "扎兰屯市政府网") == Count(3, 0)
        assert _results(document.period) == {"市发改委": (Decimal(11), 1), "市教育局": (Decimal(2), 2)}
    finally:
        document.close()
