"""The reference methods 甲 and 乙 (shared/domain/reference-methods.md), held exactly by the presets."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError, SetTally
from scoring.explain import explain
from scoring.model import SUBMITTED, Group, ListKind, Period, PeriodInfo, Scheme, Tally, Unit
from scoring.periods import accumulate, accumulate_files
from scoring.report import build_report
from scoring.rules import Rules
from scoring.scheme_file import load_scheme, preset_schemes, scheme_from_dict, scheme_to_dict
from scoring.standings import Standings
from tests.conftest import RESOURCES

ZHONGLOU = RESOURCES / "schemes" / "zhonglou-quarterly.json"
CHANGSHAN = RESOURCES / "schemes" / "changshan-monthly.json"


def _period(scheme: Scheme, rows: list[tuple[str, str, Tally]], title: str = "期间") -> Period:
    units = {i: Unit(i, name, 1, True, category) for i, (name, category, _) in enumerate(rows, start=1)}
    tallies = {i: tally for i, (_, _, tally) in enumerate(rows, start=1)}
    return Period(PeriodInfo(title), scheme, [Group(1, "一组")], units, tallies)


def _zhonglou_tally(scheme: Scheme, submitted: int, adopted: int, adoptions: dict[str, int], events: dict[str, int]) -> Tally:
    channels = {scheme.channel_named(name).id: Count(n) for name, n in adoptions.items()}  # type: ignore[union-attr]
    by_name = {e.name: e.id for e in scheme.events}
    return Tally(submitted, adopted, channels, {by_name[name]: n for name, n in events.items()})


def test_method_jia_worked_example_scores_30_and_is_da_biao() -> None:
    scheme = load_scheme(ZHONGLOU)
    tally = _zhonglou_tally(scheme, 4, 1, {"区级录用（政务党建）": 1}, {"报送不及时": 3, "市领导批示": 1})
    period = _period(scheme, [("甲局", "一类", tally)])
    standings = Standings(period)
    assert standings.score(1) == 30
    assert standings.passed(1) is True
    assert explain(period, 1).text == (
        "基础分 6 − 报送不及时 3 − 少报 2 − 录用率 1 → 0；区级录用（政务党建） 1×10 + 市领导批示 1×20 → 30"
    )
    assert [(name, how, int(points)) for name, how, points in explain(period, 1).lines] == [
        ("报送不及时", "3 次 × -1", -3),
        ("少报", "「一类」比定额少 2 条 × -1", -2),
        ("录用率", "采用 1 ÷ 报送 4 低于 30%", -1),
        ("基础分", "6 起计，最低 0", 0),
        ("区级录用（政务党建）", "1×10", 10),
        ("市领导批示", "1 次 × 20", 20),
        ("得分", "达标", 30),
    ]


def test_method_jia_base_stops_at_zero_additions_are_never_capped_and_below_6_is_not_da_biao() -> None:
    scheme = load_scheme(ZHONGLOU)
    rows = [
        ("多扣", "一类", _zhonglou_tally(scheme, 0, 0, {}, {"被上级通报": 5})),  # 6 − 10 − 6 → 0
        ("多加", "二类", _zhonglou_tally(scheme, 3, 3, {"省级及以上录用（理论调研）": 3}, {"省级及以上领导批示": 2})),
        ("少扣", "二类", _zhonglou_tally(scheme, 2, 0, {}, {})),  # 6 − 1 (short) − 1 (rate) = 4
        ("无类别", "", _zhonglou_tally(scheme, 0, 0, {}, {})),  # no quota applies; nothing submitted, no rate
    ]
    period = _period(scheme, rows)
    standings = Standings(period)
    assert [standings.score(i) for i in (1, 2, 3, 4)] == [0, 6 + 150 + 80, 4, 6]
    assert [standings.passed(i) for i in (1, 2, 3, 4)] == [False, True, False, True]
    assert standings.suggested(ListKind.CRITICISE) >= {1, 3}  # 不达标 units are offered for criticism
    report = build_report(period, standings)
    assert {row.unit: row.pass_text for row in report.all_rows()} == {"多扣": "否", "多加": "是", "少扣": "否", "无类别": "是"}
    assert report.has_pass


def _changshan_month(scheme: Scheme, submitted: int, yaoqing: int, quzhou: Count, title: str) -> Period:
    adoptions = {scheme.channel_named("要情快报").id: Count(yaoqing), scheme.channel_named("衢州采用").id: quzhou}  # type: ignore[union-attr]
    tally = Tally(submitted, 0, {k: v for k, v in adoptions.items() if v.total})
    return _period(scheme, [("某镇", "乡镇", tally)], title)


def _changshan_quarter() -> list[Period]:
    scheme = load_scheme(CHANGSHAN)
    return [
        _changshan_month(scheme, 9, 1, Count(), "1月"),
        _changshan_month(scheme, 3, 0, Count(0, 1), "2月"),
        _changshan_month(scheme, 12, 2, Count(1), "3月"),
    ]


def test_method_yi_months_score_20_23_75_and_the_quarter_118() -> None:
    months = _changshan_quarter()
    assert [Standings(m).score(1) for m in months] == [20, 23, 75]
    quarter = accumulate(months).period
    standings = Standings(quarter)
    assert standings.score(1) == 118
    assert standings.period_score(1) == 75
    assert quarter.tallies[1].submitted == 24
    # scored once from the summed tallies it would be 10 + 5 + 15 + 20 + 50: the monthly cap must survive
    assert explain(quarter, 1).text == "1月 20 + 2月 23 + 3月 75 → 118"
    assert explain(months[0], 1).text == "报送分：报送条目 9 → 5（上限 5）；要情快报 1×5 + 月度基础分 10 → 20"


def test_method_yi_quarter_from_files_and_a_mid_year_change_of_points_stays_right(tmp_path: Path) -> None:
    months = _changshan_quarter()
    raised = months[2].scheme
    channels = tuple(replace(c, dedicated_points=Decimal(8)) if c.name == "要情快报" else c for c in raised.channels)
    months[2].scheme = replace(raised, channels=channels)  # 要情快报 worth 8 from March on
    paths = []
    for month in months:
        path = tmp_path / f"{month.info.title}.zwxx"
        PeriodDocument.create(path, month).close()
        paths.append(path)
    result = accumulate_files(paths)
    assert any("各期按各自的计分办法计分" in line for line in result.report.lines())
    target = tmp_path / "一季度.zwxx"
    PeriodDocument.create(target, result.period).close()
    reopened = PeriodDocument.open(target)
    assert reopened.standings.score(1) == 20 + 23 + (10 + 5 + 16 + 50)
    with pytest.raises(EditError, match="累计期间"):
        reopened.apply(SetTally(1, SUBMITTED, 1))
    reopened.close()


def test_presets_round_trip_and_are_offered() -> None:
    names = [name for name, _ in preset_schemes()]
    assert any("方法甲" in n for n in names) and any("方法乙" in n for n in names) and any("方法丙" in n for n in names)
    for _, path in preset_schemes():
        scheme = load_scheme(path)
        data = scheme_to_dict(scheme)
        assert data["version"] == (3 if scheme.items is not None else 2)
        assert scheme_from_dict(data) == scheme


def test_excel_export_carries_events_da_biao_and_a_score_details_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from scoring.exchange.attachment_layout import full_cells, full_columns
    from scoring.exchange.xlsx_export import write_xlsx

    scheme = load_scheme(ZHONGLOU)
    tally = _zhonglou_tally(scheme, 4, 1, {"区级录用（政务党建）": 1}, {"报送不及时": 3, "市领导批示": 1})
    period = _period(scheme, [("甲局", "一类", tally)])
    report = build_report(period, Standings(period))
    assert len(full_columns(report)) == len(full_cells(report.all_rows()[0]))  # print and PDF stay aligned
    target = tmp_path / "附件.xlsx"
    write_xlsx(report, target)
    book = load_workbook(target)
    sheet = book["附件"]
    header = [str(c.value).replace("\n", "") for c in sheet[4]]
    values = [c.value for c in sheet[5]]
    assert header[-3:] == ["得分", "排名", "达标"] and values[-3:] == [30, 1, "是"]
    assert values[header.index("报送不及时")] == 3
    details = book["得分明细"]
    assert "基础分 6 − 报送不及时 3 − 少报 2 − 录用率 1 → 0" in details["A2"].value
    plain = _period(replace(scheme, events=(), rules=Rules()), [("甲局", "", Tally())])
    assert build_report(plain, Standings(plain)).details == ()  # a linear scheme: no 得分明细 unless asked


def test_the_notice_drafts_attachment_carries_da_biao_too() -> None:
    from scoring.exchange.notice_docx import build_notice

    scheme = load_scheme(ZHONGLOU)
    period = _period(scheme, [("甲局", "二类", _zhonglou_tally(scheme, 1, 0, {}, {}))])  # 6 − 2 − 1 = 3: 不达标
    document = build_notice(period, Standings(period))
    texts = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    header = next(row for row in texts if "达标" in row)
    unit_row = next(row for row in texts if row and row[0] == "甲局")
    assert unit_row[header.index("达标")] == "否" and unit_row[header.index("得分")] == "3"
