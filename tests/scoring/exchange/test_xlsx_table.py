"""Reading attachment tables from Excel workbooks as offices make them, and refusing hostile files."""

from __future__ import annotations

import csv
import io
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.document import PeriodDocument
from scoring.edits import EditError
from scoring.exchange import xlsx_table
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import write_csv
from scoring.exchange.tables import read_table
from scoring.exchange.xlsx_table import cell_text, read_xlsx
from scoring.report import build_report
from scoring.scheme_file import default_scheme
from tests.scoring.exchange.workbooks import BILLION_LAUGHS, replace_part, seed_rows, seed_workbook, simple_workbook

SHEET = "xl/worksheets/sheet1.xml"


def _published_csv(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["单位"]: (row["得分"], row["排名"]) for row in csv.DictReader(handle)}


@pytest.mark.parametrize("group_column", [False, True], ids=["group heading rows", "merged group column"])
def test_seed_attachment_workbook_reproduces_all_57_published_scores_and_ranks(tmp_path, group_column) -> None:
    workbook = seed_workbook(tmp_path / "附件.xlsx", group_column=group_column)
    table = read_table(workbook)
    channels, rows = seed_rows()
    assert table.channels == tuple(channels)
    assert len(table.rows) == 57
    assert [(r.group, r.unit) for r in table.rows] == [(r["分组"], r["单位"]) for r in rows]
    assert table.rows[0].adoptions[2] == "5+1*" and table.rows[0].score == "228"
    assert str(table.cutoff) == "2023-06-30" and len(table.notes) == 2
    assert table.notes[0].startswith("采用得分中，未标注")  # typed punctuation kept (full-width comma)
    result = build_period(table, default_scheme())
    assert result.period.info.title == "2023年上半年"
    assert [g.name for g in result.period.groups] == ["一、市政府各部门", "二、区、镇、街道办事处"]
    document = PeriodDocument.create(tmp_path / "p.zwxx", result.period)
    out = tmp_path / "out.csv"
    write_csv(build_report(document.period, document.standings), out)
    document.close()
    published = {r["单位"]: (r["得分"], r["排名"]) for r in rows}
    assert _published_csv(out) == published
    assert not [w for w in result.warnings if "排名" in w]


@pytest.mark.parametrize(
    ("value", "text"),
    [(15.0, "15"), (15, "15"), (228.5, "228.5"), (0.1 + 0.2, "0.3"), (-10.0, "-10"), (None, ""), ("5+1*", "5+1*")],
)
def test_cell_values_read_as_a_clerk_sees_them(value, text) -> None:
    assert cell_text(value) == text


def test_float_counts_and_scores_from_excel_import_as_whole_numbers(tmp_path) -> None:
    """Excel and WPS may store 15 as 15.0 or 1.5E1, and a computed 0.3 as 0.30000000000000004."""
    rows = [["单位", "国办采用", "报送条目", "得分"], ["甲", 2, 15, 100.5], ["乙", "1+1*", None, 7]]
    path = simple_workbook(tmp_path / "t.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET)
    for written, stored in ((b"<v>2</v>", b"<v>2.0</v>"), (b"<v>15</v>", b"<v>1.5E1</v>"), (b"<v>7</v>", b"<v>0.30000000000000004</v>")):
        assert written in xml
        xml = xml.replace(written, stored)
    table = read_xlsx(replace_part(path, tmp_path / "floats.xlsx", SHEET, xml))
    assert [(r.adoptions, r.submitted, r.score) for r in table.rows] == [(("2",), "15", "100.5"), (("1+1*",), "", "0.3")]


def test_the_first_sheet_with_a_header_is_read(tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本表由各单位填报"])
    table_sheet = book.create_sheet("附件")
    table_sheet.append(["单位", "报送条目"])
    table_sheet.append(["甲", 3])
    book.save(tmp_path / "t.xlsx")
    table = read_xlsx(tmp_path / "t.xlsx")
    assert table.source == "「t.xlsx」工作表「附件」" and table.rows[0].unit == "甲"


def test_a_workbook_without_a_header_is_explained(tmp_path) -> None:
    path = simple_workbook(tmp_path / "t.xlsx", [["a", "b"], [1, 2]])
    with pytest.raises(EditError, match="找不到表头"):
        read_xlsx(path)


def test_bad_cell_in_a_workbook_names_row_unit_and_column(tmp_path) -> None:
    path = simple_workbook(tmp_path / "t.xlsx", [["标题"], ["单位", "国办采用", "报送条目"], ["市财政局", "5+", 3]])
    with pytest.raises(EditError) as caught:
        build_period(read_xlsx(path), default_scheme())
    assert "「t.xlsx」第 3 行（市财政局）「国办采用」" in caught.value.problems[0]


def test_sheet_whose_recorded_size_is_wrong_is_read_in_full(tmp_path) -> None:
    path = simple_workbook(tmp_path / "t.xlsx", [["单位", "报送条目"], ["甲", 1], ["乙", 2]])
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).replace(b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:B1"/>')
    table = read_xlsx(replace_part(path, tmp_path / "dim.xlsx", SHEET, xml))
    assert [r.unit for r in table.rows] == ["甲", "乙"]


# -- hostile and wrong files ---------------------------------------------------------------


def _refused(path: Path, says: str, *, peak_mb: float = 30) -> None:
    """Refused with a Chinese message naming the file, without using much memory."""
    tracemalloc.start()
    try:
        with pytest.raises(EditError) as caught:
            read_table(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"「{path.name}」" in str(caught.value) and says in str(caught.value)
    assert peak < peak_mb * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_zip_bomb_is_refused_before_decompressing(tmp_path) -> None:
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    with zipfile.ZipFile(base) as archive:
        xml = archive.read(SHEET)
    padded = xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (30 * 1024 * 1024))
    _refused(replace_part(base, tmp_path / "炸弹.xlsx", SHEET, padded), "压缩炸弹")


def test_too_large_when_uncompressed_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(xlsx_table, "MAX_UNCOMPRESSED_BYTES", 20_000)
    path = simple_workbook(tmp_path / "大.xlsx", [["单位", "报送条目"], *[[f"单位{i}", i] for i in range(500)]])
    _refused(path, "解压后过大")


def test_oversized_shared_strings_or_styles_are_refused(tmp_path, monkeypatch) -> None:
    """Parts other than worksheets are read whole by openpyxl: each is limited on its own."""
    monkeypatch.setattr(xlsx_table, "MAX_OTHER_PART_BYTES", 5000)
    path = simple_workbook(tmp_path / "样式.xlsx", [["单位", "报送条目"], ["甲", 1]])
    _refused(path, "过大")


@pytest.mark.parametrize("part", [SHEET, "xl/workbook.xml", "[Content_Types].xml"])
def test_billion_laughs_is_refused(tmp_path, part) -> None:
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    hostile = BILLION_LAUGHS if part == SHEET else BILLION_LAUGHS.replace(b"<!DOCTYPE worksheet", b"<!DOCTYPE x")
    _refused(replace_part(base, tmp_path / "laughs.xlsx", part, hostile), "不安全的 XML")


def test_entity_declaration_deep_in_the_sheet_is_refused_by_defusedxml(tmp_path) -> None:
    """A DTD after a long comment escapes the quick look at each part's start; defusedxml refuses it."""
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    hidden = BILLION_LAUGHS.replace(b"?>\n", b"?>\n<!--" + b"x" * 8000 + b"-->\n", 1)
    assert hidden.index(b"<!DOCTYPE") > 4096
    _refused(replace_part(base, tmp_path / "deep.xlsx", SHEET, hidden), "不安全的 XML")


def test_too_many_rows_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(xlsx_table, "MAX_ROWS", 50)
    path = simple_workbook(tmp_path / "长.xlsx", [["单位", "报送条目"], *[[f"单位{i}", i] for i in range(60)]])
    _refused(path, "超过 50 行")


def test_too_many_cells_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(xlsx_table, "MAX_CELLS", 100)
    path = simple_workbook(tmp_path / "宽.xlsx", [["单位", "报送条目", *range(20)], *[[f"单位{i}", *range(21)] for i in range(10)]])
    _refused(path, "超过 100 个单元格")


def test_far_away_cells_do_not_make_a_huge_grid(tmp_path) -> None:
    """A stray cell at the last row and column Excel allows: the table ends, nothing huge is built."""
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    with zipfile.ZipFile(base) as archive:
        xml = archive.read(SHEET)
    stray = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    far = replace_part(base, tmp_path / "far.xlsx", SHEET, xml.replace(b"</sheetData>", stray))
    tracemalloc.start()
    try:
        table = read_xlsx(far)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.unit for r in table.rows] == ["甲"] and peak < 20 * 1024 * 1024


def test_not_a_zip_is_refused(tmp_path) -> None:
    path = tmp_path / "假.xlsx"
    path.write_text("单位,报送条目\n甲,1\n", encoding="utf-8")
    _refused(path, "不是有效的 Excel 文件")


def test_web_page_saved_as_excel_is_explained(tmp_path) -> None:
    path = tmp_path / "网页.xlsx"
    path.write_text("<html><body><table><tr><td>单位</td></tr></table></body></html>", encoding="utf-8")
    _refused(path, "网页格式")


def test_truncated_workbook_is_refused(tmp_path) -> None:
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    path = tmp_path / "半.xlsx"
    path.write_bytes(base.read_bytes()[:-200])
    _refused(path, "损坏")


def test_word_document_is_not_a_workbook(tmp_path) -> None:
    path = tmp_path / "通报.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    _refused(path, "Word 文档")


def _compound_file(path: Path, *streams: str) -> Path:
    """The start of an OLE compound file with directory entries named ``streams`` (UTF-16)."""
    data = io.BytesIO()
    data.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    for name in streams:
        data.write(name.encode("utf-16-le").ljust(128, b"\0"))
    path.write_bytes(data.getvalue())
    return path


def test_password_protected_workbook_is_explained(tmp_path) -> None:
    path = _compound_file(tmp_path / "加密.xlsx", "EncryptionInfo", "EncryptedPackage")
    _refused(path, "密码")


def test_old_binary_excel_is_told_to_save_as_xlsx(tmp_path) -> None:
    _refused(_compound_file(tmp_path / "旧.xlsx", "Workbook"), "另存为")
    _refused(_compound_file(tmp_path / "旧.xls", "Workbook"), "另存为")


def test_defusedxml_is_what_openpyxl_parses_with() -> None:
    from openpyxl.xml import functions

    assert functions.iterparse.__module__.startswith("defusedxml")


_CELL = st.one_of(
    st.none(),
    st.integers(-5, 30),
    st.floats(0, 500, allow_nan=False).map(lambda f: round(f, 2)),
    st.sampled_from(["单位", "报送条目", "得分", "国办采用", "5+1*", "1*", "一、部门", "注：1.说明", "甲", "乙", " ", "x"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=5), max_size=8))
def test_any_workbook_is_read_or_refused_with_a_message(tmp_path_factory, rows) -> None:
    path = simple_workbook(tmp_path_factory.mktemp("h") / "t.xlsx", rows)
    try:
        build_period(read_xlsx(path), default_scheme())
    except EditError as error:
        assert error.problems and all(problem for problem in error.problems)


@given(st.integers(0, 10**9))
def test_whole_numbers_stored_as_floats_read_as_whole_numbers(number) -> None:
    assert cell_text(float(number)) == str(number)


@given(st.decimals(min_value=-100000, max_value=100000, places=4, allow_nan=False, allow_infinity=False))
def test_points_stored_as_floats_read_back_exactly(points) -> None:
    from decimal import Decimal

    assert Decimal(cell_text(float(points))) == points


def test_merged_channel_over_dedicated_and_combined_sub_columns(tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2023年政务信息采用情况"])
    sheet.append(["单位", "湖北快报采用", None, "国办采用", None, "报送条目"])
    sheet.append([None, "专报", "综合", "专报", "综合", None])
    sheet.append(["市发改委", 5, 1, None, 2, 15])
    for cells in ("A1:F1", "B2:C2", "D2:E2", "A2:A3", "F2:F3"):
        sheet.merge_cells(cells)
    book.save(tmp_path / "分列.xlsx")
    table = read_xlsx(tmp_path / "分列.xlsx")
    assert table.channels == ("湖北快报采用", "国办采用")
    assert table.rows[0].adoptions == ("5+1*", "2*") and table.rows[0].submitted == "15"


def test_macro_enabled_workbook_reads_like_xlsx(tmp_path) -> None:
    path = tmp_path / "宏.xlsm"
    path.write_bytes(simple_workbook(tmp_path / "t.xlsx", [["单位", "报送条目"], ["甲", 3]]).read_bytes())
    assert [r.submitted for r in read_table(path).rows] == ["3"]


def test_corrupted_compressed_part_is_refused(tmp_path) -> None:
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    data = bytearray(base.read_bytes())
    with zipfile.ZipFile(base) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start, start + min(info.compress_size, 64)):
        data[offset] = 0xFF  # garble the deflated stream
    path = tmp_path / "坏块.xlsx"
    path.write_bytes(bytes(data))
    _refused(path, "损坏")


# -- formulas and merged cells -------------------------------------------------------------


def _with_cells(tmp_path: Path, name: str, cells: dict[str, bytes]) -> Path:
    """A workbook whose cells (by reference) are replaced with raw XML, e.g. a formula and its result."""
    base = simple_workbook(tmp_path / f"base-{name}", [["单位", "国办采用", "报送条目"], ["甲", 1, 2], ["乙", 0, 3], ["丙", 1, 1]])
    with zipfile.ZipFile(base) as archive:
        xml = archive.read(SHEET)
    for reference, raw in cells.items():
        xml, count = re.subn(rf'<c r="{reference}"[^>]*>.*?</c>'.encode(), raw, xml)
        assert count == 1, reference
    return replace_part(base, tmp_path / name, SHEET, xml)


def test_formulas_without_saved_results_are_refused_naming_the_cells(tmp_path) -> None:
    """openpyxl and other programs write formulas without results; they must not import as 0."""
    path = _with_cells(
        tmp_path,
        "公式.xlsx",
        {"C2": b'<c r="C2"><f>1+1</f><v></v></c>', "B4": b'<c r="B4"><f>SUM(B2:B3)</f></c>'},
    )
    with pytest.raises(EditError) as caught:
        read_xlsx(path)
    assert caught.value.problems == ["「公式.xlsx」中 C2、B4 是公式但文件中没有保存计算结果，请在 Excel/WPS 中打开并保存后再导入"]


def test_a_formula_written_by_openpyxl_is_refused(tmp_path) -> None:
    path = simple_workbook(tmp_path / "t.xlsx", [["单位", "报送条目"], ["甲", "=1+1"], ["乙", 3]])
    with pytest.raises(EditError, match="B2 是公式但文件中没有保存计算结果"):
        read_xlsx(path)


def test_formulas_with_saved_results_are_read_as_their_results(tmp_path) -> None:
    path = _with_cells(
        tmp_path,
        "已计算.xlsx",
        {
            "C2": b'<c r="C2"><f>1+1</f><v>2</v></c>',
            "B4": b'<c r="B4"><f>SUM(B2:B3)</f><v>1</v></c>',
            "A3": '<c r="A3" t="str"><f>"乙"</f><v>乙</v></c>'.encode(),
        },
    )
    assert [(r.unit, r.adoptions, r.submitted) for r in read_xlsx(path).rows] == [
        ("甲", ("1",), "2"), ("乙", ("0",), "3"), ("丙", ("1",), "1")
    ]


def _merged(tmp_path: Path, name: str, refs: list[str], rows: int = 50) -> Path:
    base = simple_workbook(tmp_path / f"base-{name}", [["分组", "单位", "报送条目"], *[["一组", f"单位{i}", i] for i in range(rows)]])
    with zipfile.ZipFile(base) as archive:
        xml = archive.read(SHEET)
    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs).encode()
    xml = xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>")
    return replace_part(base, tmp_path / name, SHEET, xml)


def test_too_many_merged_cells_are_refused_naming_the_limit(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(xlsx_table, "MAX_MERGED_RANGES", 100)
    path = _merged(tmp_path, "合并.xlsx", [f"D{i}:E{i}" for i in range(1, 102)])
    _refused(path, "合并单元格超过 100 处的上限")


def test_merged_cells_covering_too_much_are_refused_before_they_are_filled_in(tmp_path) -> None:
    """A few hundred merged cells each down the whole sheet took half a minute to fill in."""
    path = _merged(tmp_path, "覆盖.xlsx", [f"A{2 + i % 3}:A1048576" for i in range(2000)])
    _refused(path, "合并单元格覆盖的范围超过 500000 个单元格的上限")


def test_merged_cells_within_the_limits_still_fill_the_group_column_down(tmp_path) -> None:
    path = _merged(tmp_path, "分组.xlsx", ["A2:A51", "B1:ZZ1", "D60:D70000"])
    table = read_xlsx(path)
    assert len(table.rows) == 50 and {r.group for r in table.rows} == {"一组"}


def test_a_zip_asking_for_an_unknown_version_is_refused_as_damaged(tmp_path: Path) -> None:
    # found by the property test: zipfile raises NotImplementedError for such a header
    path = seed_workbook(tmp_path / "附件.xlsx")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 6] = 64  # "version needed to extract" 6.4 in the last central directory entry
    path.write_bytes(bytes(data))
    with pytest.raises(EditError) as refused:
        read_xlsx(path)
    assert "已损坏或不完整" in str(refused.value)
