"""Grid timings: from a committed edit to the table model signalling the new ranks.

Run: python -m benchmarks.bench_grid   (offscreen; prints a table of medians)
Target: ≤ 16 ms at 10,000 units from commit to the rank signal. The commit itself (SQLite with
synchronous FULL, i.e. an fsync) is measured separately: it depends on the disk, not on us.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.synthetic import synthetic_period  # noqa: E402
from desktop_app.actions import Action
from desktop_app.table_model import RANK, TALLY  # noqa: E402
from scoring.document import PeriodDocument  # noqa: E402
from scoring.sample import build_sample  # noqa: E402


def measure(units: int, folder: Path, rank_order: bool) -> tuple[float, float]:
    from desktop_app.main_window import MainWindow

    path = folder / f"grid{units}-{rank_order}.zwxx"
    period = build_sample() if units == 57 else synthetic_period(units, groups=1)
    PeriodDocument.create(path, period).close()
    window = MainWindow()
    window.open_path(path)
    window.action(Action.RANK_ORDER).setChecked(rank_order)
    window.toggle_rank_order()
    window.show()
    QApplication.processEvents()
    model = window.views[0].source
    session = window.session
    channel = model.column_of(TALLY, session.document.period.scheme.channels[4].id)
    rank_column = model.column_of(RANK)
    marks: dict[str, float] = {}

    def on_changed(_applied) -> None:
        marks["announced"] = time.perf_counter()

    def on_data(top_left, bottom_right, _roles=()) -> None:
        if top_left.column() <= rank_column <= bottom_right.column():
            marks["ranks"] = time.perf_counter()

    file = session.document.file
    original_transaction = file.transaction

    @contextlib.contextmanager
    def timed_transaction():
        with original_transaction() as writer:
            yield writer
        marks["committed"] = time.perf_counter()

    file.transaction = timed_transaction
    session.changed.connect(on_changed)
    model.dataChanged.connect(on_data)
    after_commit, whole = [], []
    bottom_unit = min(range(model.rowCount()), key=lambda r: -int(model.data(model.index(r, rank_column)) or 0))
    for value in ["40", "0"] * 15:  # the worst case: the last unit jumps to the top and back
        marks.clear()
        start = time.perf_counter()
        model.setData(model.index(bottom_unit, channel), value)
        QApplication.processEvents()
        commit_done = marks["committed"]
        whole.append((marks["ranks"] - start) * 1000)
        after_commit.append((marks["ranks"] - commit_done) * 1000)
    window.close()
    return statistics.median(after_commit), statistics.median(whole)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    os.environ.setdefault("INFOSCORE_HOME", tempfile.mkdtemp())
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'单位数':>8}{'排序':>10}{'提交后→排名信号':>18}{'含提交(fsync)':>16}")
        for units in (57, 10_000):
            for rank_order in (False, True):
                after, whole = measure(units, Path(folder), rank_order)
                print(f"{units:>8}{'按排名' if rank_order else '原顺序':>10}{after:>16.2f}ms{whole:>14.2f}ms")
    app.quit()


if __name__ == "__main__":
    main()
