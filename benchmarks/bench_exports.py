"""Time the exports of the attachment table: CSV, Excel, PDF (full and compact).

    python benchmarks/bench_exports.py [--repeat 5]

For the 57-unit sample period and a generated 1,000-unit period, prints the first call (which
loads fonts) and the median and best of the following calls. Target: each export of the sample
within 250 ms. Runs without a display (Qt offscreen).
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 250


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _row(period: str, export: str, first: str, median: str, best: str, verdict: str) -> str:
    """A table row aligned by display width (a Chinese character takes two columns)."""
    from scoring.exchange.attachment_layout import display_width

    def left(text: str, width: int) -> str:
        return text + " " * (width - display_width(text))

    def right(text: str, width: int) -> str:
        return " " * (width - display_width(text)) + text

    return f"{left(period, 18)}{left(export, 16)}{right(first, 9)}{right(median, 9)}{right(best, 9)}  {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from desktop_app.printing.renderer import ensure_gui_application, write_pdf
    from scoring.document import PeriodDocument
    from scoring.exchange.csv_table import write_csv
    from scoring.exchange.xlsx_export import write_xlsx
    from scoring.report import build_report
    from scoring.resources import SAMPLE_PERIOD, resource_path
    from scoring.standings import Standings
    from tests.generated import generated_period

    ensure_gui_application()
    document = PeriodDocument.open(resource_path(SAMPLE_PERIOD), read_only=True, why="测速")
    periods = {"示例 57 个单位": build_report(document.period, document.standings)}
    document.close()
    large = generated_period(1000, groups=4)
    periods["生成 1000 个单位"] = build_report(large, Standings(large))

    exports: dict[str, Callable[..., object]] = {
        "CSV": lambda report, folder: write_csv(report, folder / "a.csv"),
        "Excel": lambda report, folder: write_xlsx(report, folder / "a.xlsx"),
        "PDF 完整附件表": lambda report, folder: write_pdf(report, folder / "a.pdf"),
        "PDF 简明排名表": lambda report, folder: write_pdf(report, folder / "b.pdf", compact=True),
    }
    print(_row("期间", "格式", "首次 ms", "中位 ms", "最快 ms", f"目标 ≤{TARGET_MS} ms（示例）"))
    slow = False
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for period_name, report in periods.items():
            for export_name, export in exports.items():
                run = functools.partial(export, report, folder)
                first = _timed(run)
                times = [_timed(run) for _ in range(args.repeat)]
                median = statistics.median(times)
                verdict = ""
                if period_name.startswith("示例"):
                    verdict = "达标" if median <= TARGET_MS else "超时"
                    slow |= median > TARGET_MS
                print(_row(period_name, export_name, f"{first:.0f}", f"{median:.0f}", f"{min(times):.0f}", verdict))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
