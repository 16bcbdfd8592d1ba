"""The attachment table as an Excel workbook, read back as Excel/WPS would see it."""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from scoring.atomic import OutputError
from scoring.document import PeriodDocument
from scoring.exchange.builder import build_period
from scoring.exchange.grid import header_name, parse_grid
from scoring.exchange.xlsx_export import write_xlsx
from scoring.model import Adjustment, Channel
from scoring.report import Report, build_report
from scoring.standings import Standings
from tests.generated import generated_period

CHANNELS = ["潜江政务信息采用", "湖北政务信息采用", "湖北快报采用", "政务要情采用", "国办采用", "国务院省领导批示"]
HEADER = ["单位", *CHANNELS, "报送条目", "采用条目", "得分", "排名"]
INJECTED = ("=1+1", "@SUM(A1:A9)", "+86-10", "-2+3", "=HYPERLINK(\"http://x\",\"y\")")


def _report(period) -> Report:
    return build_report(period, Standings(period))


@pytest.fixture
def sample_report(sample_copy: Path) -> Report:
    document = PeriodDocument.open(sample_copy, read_only=True, why="测试")
    try:
        return build_report(document.period, document.standings)
    finally:
        document.close()


@pytest.fixture
def sample_sheet(sample_report: Report, tmp_path: Path):
    target = tmp_path / "附件.xlsx"
    write_xlsx(sample_report, target)
    return openpyxl.load_workbook(target).active


def _values(sheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_layout_is_the_published_attachment(sample_sheet, seed_csv: Path) -> None:
    rows = _values(sample_sheet)
    assert rows[0][0] == "附件" and sample_sheet["A1"].font.name == "黑体"
    assert sample_sheet["A1"].alignment.horizontal == "left"
    assert rows[1][0] == "2023年上半年政务信息报送及采用情况"
    assert rows[2][0] == "一、市政府各部门"
    assert [header_name(v) for v in rows[3]] == HEADER
    assert "加减分" not in {header_name(v) for row in rows for v in row}
    heading_2 = next(i for i, row in enumerate(rows) if row[0] == "二、区、镇、街道办事处")
    assert heading_2 == 3 + 34 + 1 and [header_name(v) for v in rows[heading_2 + 1]] == HEADER
    assert [b.id for b in sample_sheet.row_breaks.brk] == [heading_2]  # group 2 starts a new page
    with seed_csv.open(encoding="utf-8") as handle:
        published = [(r["单位"], int(r["得分"]), int(r["排名"])) for r in csv.DictReader(handle)]
    units = [(row[0], row[-2], row[-1]) for row in rows[4:38] + rows[heading_2 + 2 : heading_2 + 25]]
    assert units == published  # rank order, scores and ranks as published, as numbers
    merged = {str(r) for r in sample_sheet.merged_cells.ranges}
    assert {"A1:K1", "A2:K2", "A3:K3"} <= merged


def test_starred_cells_are_text_and_counts_are_numbers(sample_sheet) -> None:
    first = next(row for row in sample_sheet.iter_rows(min_row=5) if row[0].value == "市发改委")
    values = [cell.value for cell in first]
    assert values == ["市发改委", 1, 0, "5+1*", 1, 5, 1, 15, 11, 228, 1]
    assert first[3].data_type == "s" and first[9].data_type == "n" and first[10].data_type == "n"
    star = next(c for row in sample_sheet.iter_rows() for c in row if c.value == "1*")
    assert star.data_type == "s"


def test_notes_and_cutoff_under_the_table(sample_sheet) -> None:
    tail = [row[0] for row in _values(sample_sheet)[-3:]]
    assert tail[0].startswith("注：1.记分办法参照《关于印发潜江市政务信息工作考核办法(试行)的通知》")
    assert tail[1] == "\u3000\u30002.得分相同的单位，以报送条目的数量依次先后排名。"
    assert tail[2] == "统计截止日期为2023年6月30日"


def test_page_setup_prints_on_a4_fitted_to_width_with_the_header_on_every_page(sample_sheet) -> None:
    setup = sample_sheet.page_setup
    assert int(setup.paperSize) == 9 and setup.orientation == "portrait"  # 9 is A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert sample_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sample_sheet.print_title_rows == "$4:$4"
    assert sample_sheet.print_area == "'附件'!$A$1:$K$66"  # 附件, title, 2 x (heading, header), 57 units, 2 notes, cut-off
    assert sample_sheet.freeze_panes == "A5"
    assert "&P" in sample_sheet.oddFooter.center.text and "&N" in sample_sheet.oddFooter.center.text
    assert sample_sheet.page_margins.left == pytest.approx(15 / 25.4)
    for row in sample_sheet.iter_rows(min_row=4, max_row=11):
        assert all(cell.border.left.style == "thin" for cell in row)
    assert sample_sheet["A2"].font.b and sample_sheet["A2"].font.sz > sample_sheet["A5"].font.sz
    assert sample_sheet["A5"].font.name == "宋体"


def test_unit_column_fits_the_longest_name(sample_sheet) -> None:
    longest = "市政务服务和大数据管理局"  # 12 characters, each as wide as two digits
    assert sample_sheet.column_dimensions["A"].width >= 2 * len(longest)
    assert sample_sheet.column_dimensions["B"].width < sample_sheet.column_dimensions["A"].width


def test_typed_text_starting_with_formula_characters_stays_text(tmp_path: Path) -> None:
    period = generated_period(20, extra_names=INJECTED)
    period.info = replace(period.info, title="=2031", notes=("=cmd|' /C calc'!A0",))
    target = tmp_path / "out.xlsx"
    write_xlsx(_report(period), target)
    cells = {c.value: c for row in openpyxl.load_workbook(target).active.iter_rows() for c in row}
    for text in (*INJECTED, "=2031政务信息报送及采用情况"):
        assert cells[text].data_type == "s", text
    with zipfile.ZipFile(target) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_decimal_scores_are_exact_numbers(tmp_path: Path) -> None:
    period = generated_period(6)
    period.adjustments[1] = (Adjustment(Decimal("2.5"), "测试"),)
    period.adjustments[2] = (Adjustment(Decimal("0.1"), "测试"), Adjustment(Decimal("0.2"), "测试"))
    report = _report(period)
    target = tmp_path / "out.xlsx"
    write_xlsx(report, target)
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    numbers = re.findall(r"<v>([^<]*)</v>", xml)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d{1,4})?", n) for n in numbers), numbers
    scores = {r.unit: r.score_text for r in report.all_rows()}
    sheet = openpyxl.load_workbook(target).active
    read = {row[0].value: row[-2].value for row in sheet.iter_rows(min_row=4) if row[-1].value is not None}
    for unit in (period.units[1].name, period.units[2].name):
        assert Decimal(str(read[unit])) == Decimal(scores[unit]) and "." in scores[unit]


def test_the_importer_reads_the_export_back(sample_report: Report, tmp_path: Path) -> None:
    target = tmp_path / "附件.xlsx"
    write_xlsx(sample_report, target)
    grid = [list(row) for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True)]
    table = parse_grid(grid, "「附件.xlsx」")
    assert table.title == "2023年上半年政务信息报送及采用情况"  # not the 「附件」 mark above it
    assert table.channels == tuple(CHANNELS)
    assert [(r.group, r.unit, r.rank) for r in table.rows] == [
        (s.title, r.unit, str(r.rank)) for s in sample_report.sections for r in s.rows
    ]
    assert str(table.cutoff) == "2023-06-30" and len(table.notes) == 2
    from scoring.scheme_file import default_scheme

    rebuilt = build_period(table, default_scheme()).period
    assert [g.name for g in rebuilt.groups] == ["一、市政府各部门", "二、区、镇、街道办事处"]


def test_many_channels_print_landscape(tmp_path: Path) -> None:
    period = generated_period(10)
    extra = tuple(Channel(100 + i, f"第{i}个采用渠道名称较长", Decimal(1), Decimal(1)) for i in range(8))
    period.scheme = replace(period.scheme, channels=period.scheme.channels + extra)
    target = tmp_path / "wide.xlsx"
    write_xlsx(_report(period), target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.fitToWidth) == 1


def test_a_long_period_keeps_the_header_as_print_title(tmp_path: Path) -> None:
    period = generated_period(300, groups=3)
    target = tmp_path / "long.xlsx"
    write_xlsx(_report(period), target)
    sheet = openpyxl.load_workbook(target).active
    headings = [row[0].value for row in sheet.iter_rows() if str(row[0].value).endswith("组单位")]
    assert headings == ["一、第1组单位", "二、第2组单位", "三、第3组单位"]
    assert sheet.print_title_rows == "$4:$4" and sheet.max_row == 2 + 3 * 2 + 300 + 2 + 1
    assert len(sheet.row_breaks.brk) == 2


def test_a_target_locked_by_excel_gives_a_clear_message(sample_report, tmp_path, replace_refused) -> None:
    target = tmp_path / "导出" / "附件.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"opened in Excel")
    with pytest.raises(OutputError, match="正被其他程序（如 Excel、WPS）打开"):
        write_xlsx(sample_report, target)
    assert target.read_bytes() == b"opened in Excel"
    assert [p.name for p in target.parent.iterdir()] == ["附件.xlsx"]


def test_an_unwritable_folder_gives_a_clear_message(sample_report, tmp_path) -> None:
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("")
    with pytest.raises(OutputError, match="无法在"):
        write_xlsx(sample_report, blocker / "附件.xlsx")


def test_a_group_without_units_keeps_its_heading(tmp_path: Path) -> None:
    period = generated_period(9, groups=3)
    for unit in list(period.units.values()):
        if unit.group_id == 2:
            period.units[unit.id] = replace(unit, active=False)
    target = tmp_path / "out.xlsx"
    write_xlsx(_report(period), target)
    first_column = [row[0] for row in _values(openpyxl.load_workbook(target).active)]
    second = first_column.index("二、第2组单位")
    assert header_name(first_column[second + 1]) == "单位" and first_column[second + 2] == "三、第3组单位"


def test_names_with_characters_a_workbook_cannot_hold_are_exported_without_them(tmp_path) -> None:
    """A file made before names were checked may hold control characters or a lone surrogate."""
    period = generated_period(4)
    first = next(iter(period.units.values()))
    period.units[first.id] = replace(first, name="市\x0b发改\x01委\ud800")
    period.groups[0] = replace(period.groups[0], name="一、各\x02部门")
    target = tmp_path / "附件.xlsx"
    write_xlsx(_report(period), target)
    sheet = openpyxl.load_workbook(target).active
    texts = {cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert "市 发改委" in texts and "一、各部门" in texts
