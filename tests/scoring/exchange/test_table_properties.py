"""Properties of the table readers: any input is read or refused with a message; exports read back."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.edits import EditError
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import parse_csv_text, read_csv, write_csv
from scoring.exchange.tables import read_table
from scoring.exchange.xlsx_export import write_xlsx
from scoring.names import text_problem
from scoring.report import build_report
from scoring.scheme_file import default_scheme
from scoring.standings import Standings
from tests.generated import generated_period
from tests.scoring.exchange.workbooks import simple_workbook

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_or_refused(read, *args) -> None:
    """``read`` returns, or raises EditError whose every line is a Chinese message; nothing else."""
    try:
        table = read(*args)
    except EditError as error:
        assert error.problems and all(_CJK.search(problem) for problem in error.problems)
        return
    try:
        build_period(table, default_scheme())
    except EditError as error:
        assert error.problems and all(_CJK.search(problem) for problem in error.problems)


_BOMS = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])


@_SETTINGS
@given(_BOMS, st.binary(max_size=2000))
def test_any_bytes_as_csv_are_read_or_refused(tmp_path, bom, data) -> None:
    path = tmp_path / "任意.csv"
    path.write_bytes(bom + data)
    _read_or_refused(read_csv, path)


_PIECES = ["单位", "分组", "报送条目", "得分", "国办采用", "5+1*", ",", ",", "\n", "\r\n", '"', '""', "\t", "'", "=", "甲",
           "一、", "注：", "\x00", "\x0b", "\u202e", "\ufeff", "-2", " "]


@_SETTINGS
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=80).map("".join))
def test_any_text_as_csv_is_read_or_refused(text) -> None:
    _read_or_refused(parse_csv_text, text, "「t.csv」")


@_SETTINGS
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join), st.sampled_from(["utf-8-sig", "gb18030", "utf-16", "utf-16-be"]))
def test_any_table_text_in_any_supported_encoding_is_read_or_refused(tmp_path, text, encoding) -> None:
    path = tmp_path / "编码.csv"
    data = text.encode(encoding, errors="replace")
    path.write_bytes(codecs.BOM_UTF16_BE + data if encoding == "utf-16-be" else data)
    _read_or_refused(read_csv, path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_damage_to_a_workbook_is_read_or_refused(tmp_path, data) -> None:
    """A real workbook with bytes changed, cut short or parts dropped."""
    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "国办采用", "报送条目"], ["甲", 1, 2], ["乙", "5+1*", 3]])
    raw = bytearray(base.read_bytes())
    damage = data.draw(st.sampled_from(["flip", "cut", "drop"]))
    # positions are drawn independently of the file's length, which varies with openpyxl's timestamps
    if damage == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            raw[data.draw(st.integers(0, 10**6)) % len(raw)] = data.draw(st.integers(0, 255))
    elif damage == "cut":
        raw = raw[: data.draw(st.integers(0, 10**6)) % len(raw)]
    else:
        with zipfile.ZipFile(base) as archive:
            names = archive.namelist()
            dropped = data.draw(st.sampled_from(names))
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as smaller:
                for name in names:
                    if name != dropped:
                        smaller.writestr(name, archive.read(name))
        raw = bytearray(buffer.getvalue())
    path = tmp_path / "损坏.xlsx"
    path.write_bytes(bytes(raw))
    _read_or_refused(read_table, path)


_CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12).map(
    lambda t: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", t)  # what openpyxl can store at all
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.none() | st.integers(-3, 30) | _CELL_TEXT | st.sampled_from(["单位", "报送条目", "=1+1"]), max_size=5), max_size=8))
def test_any_cell_contents_in_a_workbook_are_read_or_refused(tmp_path, rows) -> None:
    rows = [[cell[1:] if isinstance(cell, str) and cell.startswith("=") else cell for cell in row] for row in rows]
    _read_or_refused(read_table, simple_workbook(tmp_path / "任意.xlsx", [["单位", "报送条目"], *rows]))


# -- exports read back ---------------------------------------------------------------------

_NAME_CHARS = st.sampled_from(list("市区县局委办甲乙丙丁ABCxyz0123456789=+-@'*#（）()《》、.,;\"") + ["\u3000", "ｱ", "\ue000"])
_HEADERS = {"单位", "分组", "报送条目", "采用条目", "得分", "排名", "合计", "总计", "小计"}


def _usable(name: str) -> bool:
    return (
        name == name.strip()
        and not re.search(r"\s", name)  # the import drops white space inside unit names on purpose
        and text_problem(name, "单位") is None
        and name not in _HEADERS
        and not name.startswith(("注", "备注", "说明"))
    )


_NAMES = st.lists(
    st.tuples(st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "-1", "=-"]), st.text(_NAME_CHARS, min_size=1, max_size=12))
    .map("".join)
    .filter(_usable),
    min_size=1,
    max_size=6,
    unique=True,
)


def _exported_period(names: list[str]):
    period = generated_period(len(names) + 2, extra_names=tuple(names))
    return period, build_report(period, Standings(period))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_NAMES)
def test_csv_export_then_import_keeps_every_unit_name_and_score(tmp_path, names) -> None:
    period, report = _exported_period(names)
    path = tmp_path / "导出.csv"
    write_csv(report, path)
    result = build_period(read_csv(path), default_scheme())
    imported = {u.name: Standings(result.period).score(u.id) for u in result.period.units.values()}
    standings = Standings(period)
    assert imported == {u.name: standings.score(u.id) for u in period.units.values()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_NAMES)
def test_excel_export_then_import_keeps_every_unit_name(tmp_path, names) -> None:
    period, report = _exported_period(names)
    path = tmp_path / "导出.xlsx"
    write_xlsx(report, path)
    table = read_table(path)
    assert {row.unit for row in table.rows} == {u.name for u in period.units.values()}
    assert set(names) <= {row.unit for row in table.rows}


def test_the_name_strategy_covers_formula_like_names() -> None:
    """The round trips above are only worth something if they meet names a spreadsheet would run."""
    assert all(_usable(name) for name in ("=1+1", "+86", "-2+3", "@SUM(A1)", "'=x", "-1"))
