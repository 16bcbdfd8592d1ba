"""The command line, as a clerk or a script would run it."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


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
    assert openpyxl.load_workbook(xlsx).active["A1"].value == "2023年上半年政务信息报送及采用情况"
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
    assert done.returncode == 1 and "无法在" in done.stderr and "Traceback" not in done.stderr
