"""The command line, as a clerk or a script would run it."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, sample_copies


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_export_info_round_trip(seed_csv, tmp_path) -> None:
    period = tmp_path / "上半年.zwxx"
    done = run("import", seed_csv, "-o", period, "--title", "2023年上半年")
    assert done.returncode == 0, done.stderr
    assert "已导入 57 个单位" in done.stdout
    out = tmp_path / "out.csv"
    done = run("export", period, "--csv", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    published = {r["单位"]: (r["得分"], r["排名"]) for r in _rows(seed_csv)}
    exported = {r["单位"]: (r["得分"], r["排名"]) for r in _rows(out)}
    assert exported == published
    info = run("info", period)
    assert info.returncode == 0 and "2023年上半年" in info.stdout and "市发改委  228分" in info.stdout


def test_bad_cell_fails_with_row_unit_and_column_and_leaves_nothing(tmp_path) -> None:
    table = tmp_path / "表.csv"
    table.write_text("分组,单位,国办采用,报送条目\n一组,市财政局,5+,3\n", encoding="utf-8")
    target = tmp_path / "p.zwxx"
    done = run("import", table, "-o", target)
    assert done.returncode == 1
    assert "第 2 行（市财政局）「国办采用」" in done.stderr
    assert list(tmp_path.iterdir()) == [table]


def test_failed_import_keeps_the_existing_output(seed_csv, tmp_path) -> None:
    target = tmp_path / "p.zwxx"
    assert run("import", seed_csv, "-o", target).returncode == 0
    before = target.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("单位,报送条目\n甲,-1\n", encoding="utf-8")
    assert run("import", bad, "-o", target).returncode == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "p.zwxx"]


def test_existing_output_is_replaced(seed_csv, tmp_path) -> None:
    target = tmp_path / "p.zwxx"
    target.write_bytes(b"old contents")
    assert run("import", seed_csv, "-o", target).returncode == 0
    assert target.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("export", "missing.zwxx", "--csv", "x.csv"), "找不到"),
        (("info", "pyproject.toml"), "不是考核期间文件"),
        (("import", "pyproject.toml", "-o", "x.zwxx"), "不能导入这种文件"),
    ],
)
def test_bad_files_give_a_chinese_message(args, says, tmp_path) -> None:
    done = run(*args)
    assert done.returncode == 1
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2() -> None:
    assert run("import").returncode == 2


def test_notice_writes_a_word_draft_from_the_period(sample_copy, tmp_path) -> None:
    import docx

    target = tmp_path / "通报草稿.docx"
    done = run("notice", sample_copy, "-o", target)
    assert done.returncode == 0, done.stderr
    assert "已生成通报草稿" in done.stdout
    notice = docx.Document(str(target))
    assert notice.paragraphs[0].text.replace("\n", "") == "关于2023年上半年政务信息报送及采用情况的通报"
    assert [len(table.rows) - 2 for table in notice.tables] == [34, 23]


def test_notice_of_a_missing_period_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "通报草稿.docx"
    done = run("notice", tmp_path / "没有.zwxx", "-o", target)
    assert done.returncode == 1 and "找不到" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()
    assert run("notice", tmp_path / "没有.zwxx").returncode == 2


# -- Excel import and accumulation ---------------------------------------------------------


def test_import_of_the_seed_workbook_reproduces_the_published_table(seed_csv, tmp_path) -> None:
    from tests.scoring.exchange.workbooks import seed_workbook

    workbook = seed_workbook(tmp_path / "附件.xlsx")
    period = tmp_path / "上半年.zwxx"
    done = run("import", workbook, "-o", period)
    assert done.returncode == 0, done.stderr
    assert "已导入 57 个单位（2 个分组）" in done.stdout
    out = tmp_path / "out.csv"
    assert run("export", period, "--csv", out).returncode == 0
    published = {r["单位"]: (r["得分"], r["排名"]) for r in _rows(seed_csv)}
    assert {r["单位"]: (r["得分"], r["排名"]) for r in _rows(out)} == published
    assert "期间：2023年上半年" in run("info", period).stdout


def test_hostile_workbook_fails_in_chinese_and_leaves_nothing(tmp_path) -> None:
    from tests.scoring.exchange.workbooks import BILLION_LAUGHS, replace_part, simple_workbook

    base = simple_workbook(tmp_path / "base.xlsx", [["单位", "报送条目"], ["甲", 1]])
    hostile = replace_part(base, tmp_path / "坏.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    base.unlink()
    done = run("import", hostile, "-o", tmp_path / "p.zwxx")
    assert done.returncode == 1 and "「坏.xlsx」含有不安全的 XML 内容" in done.stderr
    assert "Traceback" not in done.stderr and list(tmp_path.iterdir()) == [hostile]


def test_old_excel_file_is_told_to_save_as_xlsx(tmp_path) -> None:
    old = tmp_path / "旧表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    done = run("import", old, "-o", tmp_path / "p.zwxx")
    assert done.returncode == 1 and "另存为" in done.stderr and ".xlsx" in done.stderr


def test_accumulate_sums_periods_and_reports_mismatches(tmp_path) -> None:
    from scoring.document import PeriodDocument
    from scoring.structure_edits import SetUnits

    january, february = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx")
    document = PeriodDocument.open(february)
    units = tuple(u for u in document.period.units.values() if u.name != "市统计局")
    document.apply(SetUnits(units))
    document.close()
    total = tmp_path / "累计.zwxx"
    done = run("accumulate", january, february, "-o", total, "--title", "2023年1-2月")
    assert done.returncode == 0, done.stderr
    assert "注意：单位「市统计局」（一、市政府各部门）不在「2月.zwxx」中" in done.stdout
    assert "已把 2 个期间累计为「2023年1-2月」（57 个单位）" in done.stdout
    info = run("info", total)
    assert "期间：2023年1-2月" in info.stdout and "市发改委  456分" in info.stdout


def test_accumulate_refuses_bad_input_and_leaves_nothing(tmp_path) -> None:
    january, february = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx")
    not_period = tmp_path / "表.zwxx"
    not_period.write_text("单位,报送条目\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    cases = [
        ((january, not_period), "「表.zwxx」"),
        ((january, tmp_path / "缺.zwxx"), "找不到"),
        ((january, january), "被指定了两次"),
    ]
    for inputs, says in cases:
        done = run("accumulate", *inputs, "-o", tmp_path / "累计.zwxx")
        assert done.returncode == 1 and says in done.stderr and "Traceback" not in done.stderr
    done = run("accumulate", january, february, "-o", february)
    assert done.returncode == 1 and "「2月.zwxx」是本次要读取的文件" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_accumulate_usage_errors_exit_2(tmp_path) -> None:
    (january,) = sample_copies(tmp_path, "1月.zwxx")
    assert run("accumulate", january, "-o", tmp_path / "x.zwxx").returncode == 2
    assert run("accumulate", january, january).returncode == 2
    assert run("accumulate", january, january, "-o", tmp_path / "x.zwxx", "--title", " ").returncode == 2


def _without_display() -> dict[str, str]:
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if k not in hidden} | {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}


def test_export_xlsx_and_pdf_without_a_display(sample_copy, tmp_path) -> None:
    import openpyxl
    import pypdf

    xlsx, pdf, compact = tmp_path / "附件.xlsx", tmp_path / "附件.pdf", tmp_path / "排名.pdf"
    command = [sys.executable, "-m", "desktop_app", "export", str(sample_copy)]
    done = subprocess.run(
        command + ["--xlsx", str(xlsx), "--pdf", str(pdf)], cwd=ROOT, capture_output=True, text=True, env=_without_display(), check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"已导出「{xlsx}」" in done.stdout and f"已导出「{pdf}」" in done.stdout
    assert openpyxl.load_workbook(xlsx).active["A2"].value == "2023年上半年政务信息报送及采用情况"
    assert len(pypdf.PdfReader(pdf).pages) == 2
    done = subprocess.run(
        command + ["--pdf", str(compact), "--compact"], cwd=ROOT, capture_output=True, text=True, env=_without_display(), check=False
    )
    assert done.returncode == 0, done.stderr
    assert "单位" in pypdf.PdfReader(compact).pages[0].extract_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([sample_copy.name, "附件.xlsx", "附件.pdf", "排名.pdf"])


def test_export_csv_and_xlsx_do_not_load_qt(sample_copy, tmp_path) -> None:
    code = (
        "import sys; from desktop_app.cli import main; "
        f"code = main(['export', {str(sample_copy)!r}, '--csv', {str(tmp_path / 'a.csv')!r}, '--xlsx', {str(tmp_path / 'a.xlsx')!r}]); "
        "print(code, sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=_without_display(), check=False)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr


def test_export_without_a_format_or_to_a_bad_place(sample_copy, tmp_path) -> None:
    done = run("export", sample_copy)
    assert done.returncode == 2 and "请至少指定一种导出格式" in done.stderr
    blocker = tmp_path / "文件"
    blocker.write_text("")
    done = run("export", sample_copy, "--pdf", blocker / "附件.pdf")
    assert done.returncode == 1 and "「文件」不是文件夹" in done.stderr and "Traceback" not in done.stderr


def test_export_compared_with_an_earlier_period_adds_the_rank_change_column(sample_copy, tmp_path) -> None:
    from dataclasses import replace
    from decimal import Decimal

    from scoring.document import PeriodDocument
    from scoring.model import Adjustment
    from scoring.sample import build_sample

    earlier = build_sample()
    by_name = {u.name: u.id for u in earlier.units.values()}
    earlier.adjustments[by_name["市经信局"]] = (Adjustment(Decimal(200), "测试"),)
    earlier.units[by_name["市审计局"]] = replace(earlier.units[by_name["市审计局"]], name="市审计署")
    PeriodDocument.create(tmp_path / "上期.zwxx", earlier).close()
    done = run("export", sample_copy, "--csv", tmp_path / "对比.csv", "--compare", tmp_path / "上期.zwxx")
    assert done.returncode == 0, done.stderr
    rows = _rows(tmp_path / "对比.csv")
    assert list(rows[0])[-2:] == ["排名", "排名变化"]
    change = {row["单位"]: row["排名变化"] for row in rows}
    assert change["市发改委"] == "↑1" and change["市经信局"] == "↓1" and change["市审计局"] == "新"
    assert change["杨市街道"] == "—"

    done = run(
        "export", sample_copy, "--xlsx", tmp_path / "对比.xlsx", "--pdf", tmp_path / "对比.pdf",
        "--compare", tmp_path / "上期.zwxx",
    )
    assert done.returncode == 0, done.stderr
    import openpyxl
    from pypdf import PdfReader

    sheet = openpyxl.load_workbook(tmp_path / "对比.xlsx").active
    cells = {str(c.value).replace("\n", "") for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"排名变化", "↑1", "↓1", "新", "—"} <= cells
    pdf_text = "".join(page.extract_text() for page in PdfReader(tmp_path / "对比.pdf").pages)
    assert "排名变化" in pdf_text.replace("\n", "") and "↑1" in pdf_text

    plain = run("export", sample_copy, "--csv", tmp_path / "无对比.csv")
    assert plain.returncode == 0 and "排名变化" not in _rows(tmp_path / "无对比.csv")[0]
    missing = run("export", sample_copy, "--csv", tmp_path / "x.csv", "--compare", tmp_path / "没有.zwxx")
    assert missing.returncode == 1 and "没有.zwxx" in missing.stderr and not (tmp_path / "x.csv").exists()
    itself = run("export", sample_copy, "--csv", tmp_path / "x.csv", "--compare", sample_copy)
    assert itself.returncode == 1 and "上一期" in itself.stderr


def test_info_shows_control_characters_in_names_instead_of_obeying_them(sample_copy, capsys) -> None:
    """A file whose unit name holds ESC[2J would clear the clerk's terminal, a right-to-left override
    would reorder the line. Both are printed as visible escapes."""
    from desktop_app.cli import run_command
    from tests.conftest import edit_keeping_digest

    edit_keeping_digest(  # names no dialog accepts (the names rule), as a file from before the rule holds
        sample_copy,
        ("UPDATE unit SET name = ? WHERE name = '市发改委'", ("市\x1b[2J发改委\u202e",)),
        ("UPDATE period_info SET value = ? WHERE key = 'title'", ("2023年\r上半年",)),
    )
    assert run_command(["info", str(sample_copy)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out
    assert "市\\x1b[2J发改委\\u202e  228分" in out and "期间：2023年\\r上半年" in out


def test_every_subcommand_in_the_top_help_reaches_the_command_line(capsys, monkeypatch) -> None:
    # one list: each subcommand the parser declares is run as a command, never opened as a file
    from desktop_app import app, cli

    monkeypatch.setattr(app, "run_gui", lambda argv: pytest.fail(f"{argv} opened the window"))
    names = cli.subcommands(cli.build_parser())
    assert {"import", "export", "info", "notice", "accumulate", "items", "selftest"} <= set(names)
    for name in names:
        assert cli.main([name, "--help"]) == 0
        assert f"python -m desktop_app {name}" in capsys.readouterr().out
