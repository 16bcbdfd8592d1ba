"""Opening a period file: what the checks cost and the whole open, at 57 and 10,000 units;
and what the content digest costs an edit (the triggers that keep it) and a file's first change.

Run: python -m benchmarks.bench_open   (prints a table; medians of repeated runs)
Targets (2-core machine): whole open ≤ 30 ms at 57 units, ≤ 300 ms at 10,000; one edit a few ms.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.bench_core import median_ms
from benchmarks.synthetic import synthetic_period
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.model import SUBMITTED
from scoring.sample import build_sample
from scoring.storage import digest
from scoring.storage.header import check_header
from scoring.storage.period_file import PeriodFile
from scoring.storage.recovery import pending_journal
from scoring.structure_edits import SetUnits

SIZES = (57, 10_000)
TARGETS = {57: 30.0, 10_000: 300.0}


def _pragma(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement).fetchall()
    finally:
        conn.close()


def _digest(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        digest.compute(conn)
    finally:
        conn.close()


def _edit_ms(path: Path, unit: int, channel: int, keep_digest: bool = True, rename: bool = False) -> float:
    if not keep_digest:  # (its edits leave the digest behind: a scratch copy, refused on opening afterwards)
        with PeriodFile.open(path, read_only=True) as original:
            path = original.save_copy(path.with_name("scratch.zwxx"))
    document = PeriodDocument.open(path)
    values = iter(range(1, 10**6))
    edit = lambda: document.apply(SetTally(unit, channel, Count(next(values) % 50)))  # noqa: E731
    if rename:  # a structure edit: one unit renamed (rewrites only its row, then ranks everything again)
        units = list(document.period.units.values())
        edit = lambda: document.apply(SetUnits(tuple(  # noqa: E731
            replace(u, name=f"{u.name[:20]}{next(values)}") if u.id == unit else u for u in units)))
    edit()  # (the first change makes the triggers)
    if not keep_digest:  # the same edit with no triggers: what keeping the digest adds
        file = document.file
        for (name,) in file._conn.execute("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").fetchall():
            file._conn.execute(f'DROP TRIGGER temp."{name}"')
        file._prepare_digest = file._schema_version
    try:
        return median_ms(edit, 10 if rename else 30)
    finally:
        document.close()


def _first_change_ms(path: Path, unit: int, folder: Path) -> float:
    """A file written before digests: its first change adds everything up and makes the triggers."""
    times = []
    for index in range(5):
        old = folder / f"old{index}.zwxx"
        old.write_bytes(path.read_bytes())
        conn = sqlite3.connect(old, isolation_level=None)
        conn.execute("DELETE FROM period_info WHERE key = ?", (digest.DIGEST_KEY,))
        conn.close()
        document = PeriodDocument.open(old)
        start = time.perf_counter()
        document.apply(SetTally(unit, SUBMITTED, 1))
        times.append((time.perf_counter() - start) * 1000)
        document.close()
    return sorted(times)[2]


def bench(units: int, folder: Path) -> dict[str, float]:
    period = build_sample() if units == 57 else synthetic_period(units, groups=2)
    path = folder / f"p{units}.zwxx"
    document = PeriodDocument.create(path, period)
    unit, channel = next(iter(period.units)), period.scheme.channels[0].id
    for value in range(40):  # a file with some history, as after a month of edits
        document.apply(SetTally(unit, channel, Count(value)))
    document.close()
    file = PeriodFile.open(path, read_only=True)
    results = {
        "文件头和日志文件检查": median_ms(lambda: (check_header(path), pending_journal(path)), 50),
        "连接（无检查）": median_ms(lambda: _pragma(path, "PRAGMA user_version"), 20),
        "quick_check（原来的检查）": median_ms(lambda: _pragma(path, "PRAGMA quick_check"), 10),
        "integrity_check（完整检查）": median_ms(lambda: _pragma(path, "PRAGMA integrity_check"), 10),
        "foreign_key_check": median_ms(lambda: _pragma(path, "PRAGMA foreign_key_check"), 10),
        "内容校验值（重算全部行）": median_ms(lambda: _digest(path), 10),
        "读取整个期间（一个快照）": median_ms(file.load, 10),
        "打开并排名（只读，含全部检查）": median_ms(lambda: PeriodDocument.open(path, read_only=True).close(), 10),
        "打开并排名（可修改，含全部检查）": median_ms(lambda: PeriodDocument.open(path).close(), 10),
    }
    file.close()
    results["修改一格并提交（维护校验值）"] = _edit_ms(path, unit, channel)
    results["修改一格并提交（不维护，对照）"] = _edit_ms(path, unit, channel, keep_digest=False)
    results["改名一个单位并提交（维护校验值）"] = _edit_ms(path, unit, channel, rename=True)
    results["改名一个单位并提交（不维护，对照）"] = _edit_ms(path, unit, channel, keep_digest=False, rename=True)
    results["旧文件的第一次修改（含算校验值）"] = _first_change_ms(path, unit, folder)
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = {units: bench(units, Path(folder)) for units in SIZES}
    print(f"{'步骤':<30}{'57 个单位':>12}{'10,000 个单位':>16}")
    for name in rows[SIZES[0]]:
        print(f"{name:<30}{rows[57][name]:>10.2f}ms{rows[10_000][name]:>14.2f}ms")
    whole = "打开并排名（可修改，含全部检查）"
    verdict = "、".join(
        f"{units} 个单位 {rows[units][whole]:.1f} ms（目标 ≤ {TARGETS[units]:.0f} ms："
        f"{'达到' if rows[units][whole] <= TARGETS[units] else '未达到'}）"
        for units in SIZES
    )
    print(f"整个打开：{verdict}")


if __name__ == "__main__":
    main()
