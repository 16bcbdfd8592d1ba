"""``selftest OUTDIR``: the program checks itself the way the frozen smoke test runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.selftest import REPORT_NAME, SAMPLE_NAME, SMOKE_OUTPUTS, check_output, qt_environment
from scoring.document import PeriodDocument
from tests.conftest import ROOT, SAMPLE_PERIOD


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop_app", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def test_selftest_edits_a_sample_copy_prints_and_exports(tmp_path, isolated_home) -> None:
    out = tmp_path / "自检"
    done = run("selftest", out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    assert "自检全部通过" in done.stdout
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["ok"] and not report["frozen"] and report["qt_messages"] == []
    assert {"desktop_app.selftest", "scoring.document"} <= set(report["modules"])
    for output in SMOKE_OUTPUTS:
        assert (out / output.file_name).read_bytes().startswith(output.magic)
    assert (out / "打印自检.pdf").read_bytes().startswith(b"%PDF-")
    edited, shipped = PeriodDocument.open(out / SAMPLE_NAME, read_only=True), PeriodDocument.open(SAMPLE_PERIOD, read_only=True)
    try:
        assert edited.period.tallies != shipped.period.tallies
    finally:
        edited.close()
        shipped.close()
    # the user's own settings (recent files, first run) are left alone; the log goes to app-data
    assert not (isolated_home / "appdata" / "settings.ini").exists()
    assert (isolated_home / "appdata" / "logs" / "infoscore.log").exists()


def test_selftest_refuses_a_folder_with_files_in_it(tmp_path) -> None:
    (tmp_path / "重要.xlsx").write_bytes(b"PK")
    done = run("selftest", tmp_path)
    assert done.returncode == 1
    assert "必须是空文件夹" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["重要.xlsx"]


def test_an_output_is_judged_by_its_first_bytes(tmp_path) -> None:
    good, empty, wrong = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    good.write_bytes(b"%PDF-1.4 ...")
    empty.write_bytes(b"")
    wrong.write_bytes(b"<html>")
    assert check_output(good, b"%PDF-") is None
    assert "空文件" in check_output(empty, b"%PDF-")
    assert "内容不对" in check_output(wrong, b"%PDF-")
    assert "没有生成" in check_output(tmp_path / "d.pdf", b"%PDF-")


def test_every_selftest_run_writes_its_own_line_into_the_log(tmp_path, isolated_home) -> None:
    """The same account runs the self-test again and again (a maintainer, the Windows runner):
    each run must show in the log, even when the log already exists."""
    for name in ("第一次", "第二次"):
        done = run("selftest", tmp_path / name)
        assert done.returncode == 0, done.stdout + done.stderr
    log = (isolated_home / "appdata" / "logs" / "infoscore.log").read_text(encoding="utf-8")
    assert [line for line in log.splitlines() if "自检开始" in line and "第一次" in line]
    assert [line for line in log.splitlines() if "自检开始" in line and "第二次" in line]


def test_selftest_prints_the_attachment_table_page_by_page(tmp_path, isolated_home) -> None:
    """Printing is checked by printing the sample's table (no printer plugin file is required)."""
    from pypdf import PdfReader

    out = tmp_path / "自检"
    assert run("selftest", out).returncode == 0
    pdf = PdfReader(out / "打印自检.pdf")
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    printing = next(step for step in report["steps"] if step["step"] == "打印")
    assert f"共 {len(pdf.pages)} 页" in printing["detail"] and len(pdf.pages) >= 2
    assert "市统计局" in "".join(page.extract_text() for page in pdf.pages)


@pytest.mark.parametrize(
    ("platform", "environ", "wanted"),
    [
        # offscreen on Windows reads fonts only from QT_QPA_FONTDIR: the system's fonts
        ("win32", {"WINDIR": r"C:\Windows"}, {"QT_QPA_PLATFORM": "offscreen", "QT_QPA_FONTDIR": r"C:\Windows\Fonts"}),
        ("win32", {"WINDIR": r"D:\WINNT", "QT_QPA_FONTDIR": r"E:\字体"}, {"QT_QPA_PLATFORM": "offscreen"}),
        ("win32", {"QT_QPA_PLATFORM": "windows"}, {"QT_QPA_PLATFORM": "windows"}),
        ("linux", {}, {"QT_QPA_PLATFORM": "offscreen"}),
    ],
)
def test_the_selftest_gives_qt_the_system_fonts_on_windows(platform, environ, wanted) -> None:
    assert qt_environment(platform, environ) == wanted
