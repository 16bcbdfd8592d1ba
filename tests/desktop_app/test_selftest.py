"""``selftest OUTDIR``: the program checks itself the way the frozen smoke test runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.selftest import REPORT_NAME, SAMPLE_NAME, SMOKE_OUTPUTS, check_output
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
