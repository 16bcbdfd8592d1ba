"""Opening a period file: what the checks cost and the whole open, at 57 and 10,000 units.

Run: python -m benchmarks.bench_open   (prints a table; medians of repeated runs)
Targets (2-core machine): whole open ≤ 30 ms at 57 units, ≤ 300 ms at 10,000.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from benchmarks.bench_core import median_ms
from benchmarks.synthetic import synthetic_period
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.sample import build_sample
from scoring.storage.header import check_header
from scoring.storage.period_file import PeriodFile
from scoring.storage.recovery import pending_journal

SIZES = (57, 10_000)
TARGETS = {57: 30.0, 10_000: 300.0}


def _pragma(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement).fetchall()
    finally:
        conn.close()


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
        "读取整个期间（一个快照）": median_ms(file.load, 10),
        "打开并排名（只读，含全部检查）": median_ms(lambda: PeriodDocument.open(path, read_only=True).close(), 10),
        "打开并排名（可修改，含全部检查）": median_ms(lambda: PeriodDocument.open(path).close(), 10),
    }
    file.close()
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
