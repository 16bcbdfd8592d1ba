"""Core timings: recompute after one edit, open a period file, CSV import/export.

Run: python -m benchmarks.bench_core   (prints a table; medians of repeated runs)
Targets (2-core machine): recompute ≤ 1 ms at 57 units, ≤ 20 ms at 10,000;
open ≤ 20 ms at 57, ≤ 300 ms at 10,000.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic import synthetic_period
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import read_csv, write_csv
from scoring.report import build_report
from scoring.sample import build_sample
from scoring.scheme_file import default_scheme
from scoring.standings import Standings


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(units: int, folder: Path) -> dict[str, float]:
    period = build_sample() if units == 57 else synthetic_period(units, groups=1)
    standings = Standings(period)
    group_units = standings.in_rank_order(period.groups[0].id)
    channel = period.scheme.channels[4].id
    top, bottom = group_units[0], group_units[-1]
    flip = [Count(40), Count(0)]

    def recompute() -> None:  # move the last unit to the top and back: the worst case for ranks
        flip.reverse()
        period.tallies[bottom].set(channel, flip[0])
        standings.refresh([bottom])

    results = {"重算（一次修改后）": median_ms(recompute, 200)}
    path = folder / f"p{units}.zwxx"
    PeriodDocument.create(path, period).close()

    def open_file() -> None:
        PeriodDocument.open(path, read_only=True).close()

    results["打开期间文件"] = median_ms(open_file, 10)
    document = PeriodDocument.open(path)
    values = iter(range(1, 10**6))
    results["修改一格并提交（含 fsync）"] = median_ms(
        lambda: document.apply(SetTally(top, channel, Count(next(values) % 50))), 30
    )
    document.close()
    csv_path = folder / f"p{units}.csv"
    results["导出 CSV"] = median_ms(lambda: write_csv(build_report(period, standings), csv_path), 10)
    results["导入 CSV（含计算）"] = median_ms(lambda: build_period(read_csv(csv_path), default_scheme()), 5)
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = {units: bench(units, Path(folder)) for units in (57, 10_000)}
    names = list(rows[57])
    print(f"{'操作':<24}{'57 个单位':>14}{'10,000 个单位':>16}")
    for name in names:
        print(f"{name:<24}{rows[57][name]:>12.2f}ms{rows[10_000][name]:>14.2f}ms")


if __name__ == "__main__":
    main()
