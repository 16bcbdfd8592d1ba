"""Reading attachment tables from CSV as WPS/Excel save them, and writing them back."""

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.cells import Count
from scoring.edits import EditError
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import parse_csv_text, read_csv
from scoring.scheme_file import default_scheme

HEADER = "分组,单位,潜江政务信息采用,湖北快报采用,报送条目,采用条目,得分,排名\n"


def _build(text: str):
    return build_period(parse_csv_text(text, "「t.csv」"), default_scheme())


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "GBK", "UTF-16"],
)
def test_reads_the_encodings_offices_save(seed_csv: Path, tmp_path, encode) -> None:
    target = tmp_path / "表.csv"
    target.write_bytes(encode(seed_csv.read_text(encoding="utf-8")))
    table = read_csv(target)
    assert len(table.rows) == 57
    assert table.rows[0].unit == "市发改委" and table.rows[0].adoptions[2] == "5+1*"


def test_tab_separated_text_from_excel() -> None:
    table = parse_csv_text(HEADER.replace(",", "\t") + "一组\t甲\t1\t5+1*\t3\t2\t10\t1\n")
    assert table.rows[0].adoptions == ("1", "5+1*")


def test_every_bad_cell_is_named_and_nothing_is_built() -> None:
    text = HEADER + "一组,甲,1,5+,3,2,,\n一组,乙,x,1,-2,0,,\n一组,甲,0,0,0,0,,\n"
    with pytest.raises(EditError) as caught:
        _build(text)
    problems = caught.value.problems
    assert "第 2 行（甲）「湖北快报采用」" in problems[0]
    assert any("第 3 行（乙）「潜江政务信息采用」" in p for p in problems)
    assert any("第 3 行（乙）「报送条目」" in p and "负数" in p for p in problems)
    assert any("第 4 行（甲）" in p and "重复" in p for p in problems)


def test_missing_header_is_explained() -> None:
    with pytest.raises(EditError, match="找不到表头"):
        parse_csv_text("a,b,c\n1,2,3\n")


def test_unknown_channel_gets_zero_points_and_a_warning() -> None:
    result = _build("分组,单位,新华社采用,报送条目\n一组,甲,2,5\n")
    assert result.period.scheme.channels[0].name == "新华社采用"
    assert any("新华社采用" in w and "分值暂设为 0" in w for w in result.warnings)


def test_published_rank_that_disagrees_is_reported() -> None:
    result = _build(HEADER + "一组,甲,1,0,3,1,10,2\n一组,乙,0,0,3,0,5,1\n")
    assert any("第 2 行（甲）" in w and "表中排名为 2" in w for w in result.warnings)


def test_without_group_column_all_units_form_one_group() -> None:
    result = build_period(parse_csv_text("单位,国办采用,报送条目\n甲,1,2\n乙,0,1\n"), default_scheme())
    assert [g.name for g in result.period.groups] == ["全部单位"]


def test_published_attachment_layout_with_title_headings_and_notes() -> None:
    text = (
        "2023年上半年政务信息报送及采用情况,,,,\n"
        "单位,潜江政务信息采用,报送条目,得分,排名\n"
        "一、市政府各部门,,,,\n"
        "市发改委,1,15,228,1\n"
        "二、区、镇、街道办事处,,,,\n"
        "单位,潜江政务信息采用,报送条目,得分,排名\n"
        "杨市街道,0,27,175,1\n"
        "注：1.采用得分中，标注“*”为以综合计分报送采用；,,,,\n"
        "2.得分相同的单位，以报送条目的数量依次先后排名。,,,,\n"
        "统计截止日期为2023年6月30日,,,,\n"
    )
    table = parse_csv_text(text)
    expected = [("一、市政府各部门", "市发改委"), ("二、区、镇、街道办事处", "杨市街道")]
    assert [(r.group, r.unit) for r in table.rows] == expected
    assert table.title == "2023年上半年政务信息报送及采用情况"
    assert len(table.notes) == 2 and table.notes[1].startswith("得分相同")
    assert str(table.cutoff) == "2023-06-30"
    result = build_period(table, default_scheme())
    assert result.period.info.title == "2023年上半年"


@given(st.text(alphabet=st.sampled_from(list(",\n\"*+0123456789单位报送条目分组甲乙 -")), max_size=200))
def test_any_text_is_read_or_refused_with_a_message(text: str) -> None:
    try:
        _build(text)
    except EditError as error:
        assert error.problems and all(problem for problem in error.problems)


def test_channel_split_into_dedicated_and_combined_sub_columns() -> None:
    text = (
        "单位,湖北快报采用,,国办采用,报送条目\n"
        ",专报,综合,,\n"
        "甲,5,1,2,15\n"
        "乙,,2,0,3\n"
        "丙,0,0,,1\n"
    )
    table = parse_csv_text(text)
    assert table.channels == ("湖北快报采用", "国办采用")
    assert [r.adoptions for r in table.rows] == [("5+1*", "2"), ("2*", "0"), ("0", "")]
    result = _build(text)
    kuaibao = result.period.scheme.channel_named("湖北快报采用").id
    assert [t.adoptions.get(kuaibao) for t in result.period.tallies.values()] == [Count(5, 1), Count(0, 2), None]


def test_a_channel_column_twice_is_refused() -> None:
    with pytest.raises(EditError, match="「国办采用」列出现了多次"):
        parse_csv_text("单位,国办采用,国办采用,报送条目\n甲,1,2,3\n")


def test_rank_changes_are_written_after_the_rank_and_ignored_when_read_back(tmp_path) -> None:
    from dataclasses import replace

    from scoring.exchange.csv_table import report_rows, write_csv
    from scoring.periods import rank_changes
    from scoring.report import build_report
    from scoring.sample import build_sample
    from scoring.standings import Standings

    current, earlier = build_sample(), build_sample()
    leader = next(u for u in earlier.units.values() if u.name == "市发改委")
    earlier.units[leader.id] = replace(leader, name="市发展和改革委员会")
    standings = Standings(current)
    plain = build_report(current, standings)
    assert not plain.has_rank_change and {row.rank_change for row in plain.all_rows()} == {""}
    assert "排名变化" not in report_rows(plain)[0]

    report = build_report(current, standings, rank_changes=rank_changes(standings, Standings(earlier)))
    rows = report_rows(report)
    assert rows[0][-2:] == ["排名", "排名变化"]
    by_unit = {row[1]: row[-1] for row in rows[1:]}
    assert by_unit["市发改委"] == "新" and by_unit["市经信局"] == "—"
    write_csv(report, tmp_path / "对比.csv")
    table = read_csv(tmp_path / "对比.csv")
    assert "排名变化" not in table.channels and len(table.rows) == 57
    assert build_period(table, default_scheme()).period.scheme.channels == current.scheme.channels


@pytest.mark.parametrize("mark", ["附件", "附件1", "附件2：", "附 件"])
def test_the_attachment_mark_above_the_title_is_not_the_title(mark: str) -> None:
    text = f"{mark},,\n2023年7月政务信息报送及采用情况,,\n单位,潜江政务信息采用,报送条目\n市发改委,1,15\n"
    table = parse_csv_text(text)
    assert table.title == "2023年7月政务信息报送及采用情况"
    assert build_period(table, default_scheme()).period.info.title == "2023年7月"


# -- hostile and broken CSV files ------------------------------------------------------------


def _refused_file(path: Path, *says: str) -> EditError:
    with pytest.raises(EditError) as caught:
        read_csv(path)
    message = str(caught.value)
    assert f"「{path.name}」" in message and all(part in message for part in says), message
    return caught.value


def test_a_utf8_bom_before_gbk_text_is_read_as_gbk(seed_csv: Path, tmp_path) -> None:
    path = tmp_path / "表.csv"
    path.write_bytes(codecs.BOM_UTF8 + seed_csv.read_text(encoding="utf-8").encode("gbk"))
    assert read_csv(path).rows[0].unit == "市发改委"


def test_a_utf8_bom_before_text_in_no_known_encoding_is_refused_naming_the_line(tmp_path) -> None:
    path = tmp_path / "乱码.csv"
    path.write_bytes(codecs.BOM_UTF8 + "单位,报送条目\n甲,1\n".encode() + b"\xff\xfe\xff,1\n")
    _refused_file(path, "UTF-8", "第 3 行")


def test_utf16_with_an_odd_number_of_bytes_is_refused(seed_csv: Path, tmp_path) -> None:
    path = tmp_path / "截断.csv"
    path.write_bytes(seed_csv.read_text(encoding="utf-8").encode("utf-16") + b"\x00")
    _refused_file(path, "UTF-16", "不完整")


def test_a_quote_left_open_is_refused_naming_its_row_instead_of_swallowing_the_rest() -> None:
    with pytest.raises(EditError, match="第 3 行有一个引号（\"）直到文件末尾都没有配对"):
        parse_csv_text('单位,报送条目\n甲,1\n"乙,2\n丙,3\n丁,4\n')


def test_a_stray_quote_closed_rows_later_is_refused_naming_row_and_column() -> None:
    text = '单位,报送条目,得分\n甲,1,2\n乙,"3,4\n丙,5,6\n丁,7",8\n'
    with pytest.raises(EditError, match="第 3 行 B 列的单元格跨了 3 行，还含有分隔符"):
        parse_csv_text(text)


def test_text_after_a_closing_quote_is_refused() -> None:
    with pytest.raises(EditError, match="第 2 行：引号（\"）结束后没有紧跟逗号"):
        parse_csv_text('单位,报送条目\n"甲"乙,1\n')


def test_header_cells_broken_over_lines_as_excel_saves_them_are_read() -> None:
    table = parse_csv_text('单位,"潜江政务\n信息采用","报送\n条目"\n甲,1,2\n乙,0,3\n')
    assert table.channels == ("潜江政务信息采用",)
    assert [(r.line, r.unit, r.submitted) for r in table.rows] == [(2, "甲", "2"), (3, "乙", "3")]


def test_a_header_of_100000_columns_is_refused_naming_the_limit(tmp_path) -> None:
    path = tmp_path / "宽.csv"
    path.write_text("单位," + ",".join(f"渠道{i}" for i in range(100_000)) + ",报送条目\n甲,1\n", encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    _refused_file(path, "第 1 行有 100002 列，超过 64 列的上限（BL 列）")


def test_too_many_rows_are_refused_naming_the_limit(monkeypatch) -> None:
    from scoring.exchange import csv_table

    monkeypatch.setattr(csv_table, "MAX_ROWS", 50)
    with pytest.raises(EditError, match="超过 50 行"):
        parse_csv_text("单位,报送条目\n" + "".join(f"单位{i},1\n" for i in range(60)))


def test_too_many_cells_are_refused_naming_the_limit(monkeypatch) -> None:
    from scoring.exchange import csv_table

    monkeypatch.setattr(csv_table, "MAX_CELLS", 100)
    with pytest.raises(EditError, match="超过 100 个单元格"):
        parse_csv_text("单位,报送条目,得分\n" + "".join(f"单位{i},1,2\n" for i in range(40)))


def test_a_cell_longer_than_the_limit_is_refused_naming_row_and_column() -> None:
    with pytest.raises(EditError, match="第 2 行 A 列的单元格有 3000 个字，超过 2000 个字的上限"):
        parse_csv_text("单位,报送条目\n" + "甲" * 3000 + ",1\n")
    with pytest.raises(EditError, match="第 2 行有单元格超过 2000 个字的上限"):  # beyond the csv module's own limit
        parse_csv_text('单位,报送条目\n"' + "甲" * 200_000 + '",1\n')


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch) -> None:
    from scoring.exchange import csv_table

    monkeypatch.setattr(csv_table, "MAX_CSV_BYTES", 1000)
    path = tmp_path / "大.csv"
    path.write_text("单位,报送条目\n" + "甲,1\n" * 400, encoding="utf-8")
    _refused_file(path, "文件太大", "上限")


# -- formulas in exported CSV (OWASP CSV injection) ------------------------------------------

FORMULAS = ("=1+1", "+86-10", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x","y")', "'=已有引号")


def _period_with_names(names: tuple[str, ...], adjustment: str = "-2"):
    from decimal import Decimal

    from scoring.model import Adjustment
    from tests.generated import generated_period

    period = generated_period(len(names) + 2, extra_names=names)
    period.adjustments[1] = (Adjustment(Decimal(adjustment), "扣分"),)
    return period


def test_exported_text_that_a_spreadsheet_would_run_is_neutralised_and_read_back_unchanged(tmp_path) -> None:
    from scoring.exchange.csv_table import write_csv
    from scoring.report import build_report
    from scoring.standings import Standings

    period = _period_with_names(FORMULAS)
    period.groups[0] = type(period.groups[0])(1, "=组")
    target = tmp_path / "导出.csv"
    write_csv(build_report(period, Standings(period)), target)
    raw = target.read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(raw, newline="")) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or (c.startswith("-") and not c[1:].isdigit())]
    assert {"'=1+1", "'+86-10", "'-2+3", "'@SUM(A1:A9)", "''=已有引号", "'=组", "-2"} <= set(cells)
    table = read_csv(target)
    assert set(FORMULAS) <= {row.unit for row in table.rows}
    assert {row.group for row in table.rows} == {"=组", period.groups[1].name}
    first = next(row for row in table.rows if row.unit == FORMULAS[0])
    assert first.adjustment == "-2"  # a negative number stays a number


def test_negative_scores_stay_numbers_in_the_exported_csv() -> None:
    from scoring.exchange.csv_table import escape_cell, unescape_cell

    assert [escape_cell(t) for t in ("-2", "-2.5", "+3", "0", "5+1*", "市发改委")] == ["-2", "-2.5", "+3", "0", "5+1*", "市发改委"]
    assert [unescape_cell(t) for t in ("'=1", "''=1", "'甲", "'-2", "'")] == ["=1", "'=1", "'甲", "-2", "'"]


def test_a_stray_quote_closed_on_the_next_row_in_the_unit_column_is_refused() -> None:
    """Without the check 甲 and 乙 became one unit 「甲,1乙」 (white space inside unit names is dropped)."""
    with pytest.raises(EditError, match="第 2 行 A 列的单元格跨了 2 行，还含有分隔符"):
        parse_csv_text('单位,报送条目\n"甲,1\n乙",2\n丙,3\n')
