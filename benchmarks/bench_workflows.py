"""How long the period workflows' windows take: the import preview, 累计, 对比上期.

    python -m benchmarks.bench_workflows      (offscreen; prints a table of medians)

The import preview is opened on a table of 57 and of 10,000 rows (every row changing cells; or
every name doubtful, then 全部勾选), including comparing the table with the period. The
comparison is started on a 10,000-unit period, then an edit that moves the last unit to the top
is timed from the commit to the grid's signal covering 排名变化, plus reading every 排名变化.
"""

from __future__ import annotations

import csv
import os
import statistics
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.synthetic import synthetic_period  # noqa: E402
from scoring.document import PeriodDocument  # noqa: E402
from scoring.report import build_report  # noqa: E402
from scoring.sample import build_sample  # noqa: E402


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def table_csv(period_path: Path, target: Path, *, prefix: str = "", bump: int = 1) -> Path:
    """The period's attachment table as CSV, names prefixed, 报送条目 raised by ``bump`` in every row."""
    document = PeriodDocument.open(period_path, read_only=True)
    report = build_report(document.period, document.standings)
    document.close()
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["分组", "单位", *report.channels, "报送条目", "采用条目"])
        for section in report.sections:
            for row in section.rows:
                writer.writerow([section.title, prefix + row.unit, *row.adoptions, row.submitted + bump, row.adopted])
    return target


def window_on(path: Path):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    window.open_path(path)
    window.show()
    QApplication.processEvents()
    return window


def preview(window, table: Path, prepare: Callable[[object], None] | None = None) -> float:
    import desktop_app.import_flow as flow
    from desktop_app.dialogs.ui import ui

    ui.ask_open_path = lambda *args: str(table)  # type: ignore[method-assign]
    dialogs = []

    def run() -> None:
        dialog = flow.import_table(window)
        if prepare is not None:
            prepare(dialog)
        dialog.grab()  # paint it once, as the screen would
        dialogs.append(dialog)

    result = median_ms(run, 3)
    for dialog in dialogs:
        dialog.reject()
    return result


def comparison_rows(folder: Path, units: int) -> list[tuple[str, float]]:
    import desktop_app.comparison as comparison
    from desktop_app.table_model import RANK_CHANGE, TALLY

    period = build_sample() if units == 57 else synthetic_period(units, groups=1)
    current, earlier = folder / f"本期{units}.zwxx", folder / f"上期{units}.zwxx"
    PeriodDocument.create(current, period).close()
    for tally in period.tallies.values():
        tally.submitted = (tally.submitted * 7) % 31  # other ranks a month before
    PeriodDocument.create(earlier, period).close()
    window = window_on(current)
    from desktop_app.dialogs.ui import ui

    ui.ask_open_path = lambda *args: str(earlier)  # type: ignore[method-assign]
    started = median_ms(lambda: (comparison.compare_with_earlier(window), QApplication.processEvents()), 3)
    model = window.views[0].source
    session = window.session
    channel = model.column_of(TALLY, session.document.period.scheme.channels[4].id)
    column = model.column_of(RANK_CHANGE)
    standings = session.document.standings
    bottom = max(range(model.rowCount()), key=lambda row: standings.rank(model.unit_ids[row]) or 0)
    marks: dict[str, float] = {}
    session.document.file.transaction = _timed(session.document.file.transaction, marks)

    def on_data(top_left, bottom_right, _roles=()) -> None:
        if top_left.column() <= column <= bottom_right.column():
            marks["signal"] = time.perf_counter()
            for row in range(top_left.row(), bottom_right.row() + 1):
                model.data(model.index(row, column))
            marks["read"] = time.perf_counter()

    model.dataChanged.connect(on_data)
    to_signal, to_read = [], []
    for value in ["40", "0"] * 10:
        marks.clear()
        model.setData(model.index(bottom, channel), value)
        QApplication.processEvents()
        to_signal.append((marks["signal"] - marks["committed"]) * 1000)
        to_read.append((marks["read"] - marks["committed"]) * 1000)
    exported = median_ms(lambda: build_report(session.document.period, standings, None, window.comparison.changes()), 5)
    window.close()
    return [
        (f"对比上期：开始对比（{units} 个单位）", started),
        (f"对比上期：修改后→排名变化信号（{units}）", statistics.median(to_signal)),
        (f"对比上期：修改后→读完变化的排名变化（{units}）", statistics.median(to_read)),
        (f"对比上期：导出用的排名变化（{units}）", exported),
    ]


def _timed(transaction, marks: dict[str, float]):
    import contextlib

    @contextlib.contextmanager
    def timed():
        with transaction() as writer:
            yield writer
        marks["committed"] = time.perf_counter()

    return timed


def accumulate_row(folder: Path, files: int, units: int) -> tuple[str, float]:
    from desktop_app.dialogs import accumulate

    period = build_sample() if units == 57 else synthetic_period(units)
    paths = []
    for month in range(files):
        path = folder / f"累计{units}-{month + 1}月.zwxx"
        PeriodDocument.create(path, period).close()
        paths.append(path)
    window = window_on(paths[0])
    from desktop_app.dialogs.ui import ui

    ui.ask_open_paths = lambda *args: [str(p) for p in paths]  # type: ignore[method-assign]
    dialogs = []
    result = median_ms(lambda: dialogs.append(accumulate.accumulate_periods(window)), 3)
    for dialog in dialogs:
        dialog.reject()
    window.close()
    return f"累计对话框：{files} 个文件 × {units} 个单位", result


def shown_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    space = " " * max(width - shown_width(text), 0)
    return space + text if right else text + space


def main() -> None:
    app = QApplication.instance() or QApplication([])
    os.environ.setdefault("INFOSCORE_HOME", tempfile.mkdtemp())
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for units in (57, 10_000):
            period = build_sample() if units == 57 else synthetic_period(units)
            path = folder / f"期间{units}.zwxx"
            PeriodDocument.create(path, period).close()
            window = window_on(path)
            changed = table_csv(path, folder / f"改{units}.csv")
            rows.append((f"导入预览：{units} 行，每行都有改动", preview(window, changed)))
            doubtful = table_csv(path, folder / f"疑{units}.csv", prefix="市")
            rows.append((f"导入预览：{units} 行，名称全部待确认", preview(window, doubtful)))
            rows.append((f"导入预览：{units} 行，全部勾选", preview(window, doubtful, lambda d: d.doubtful_model.set_all(True))))
            unknown = table_csv(path, folder / f"新{units}.csv", prefix="新")  # no name matches: lists to match by hand
            rows.append((f"导入预览：{units} 行，名称全部对不上", preview(window, unknown)))
            rows.append((f"导入预览：{units} 行，切换到新建期间", preview(window, changed, lambda d: d.new_button.click())))
            window.close()
        for units in (57, 10_000):
            rows += comparison_rows(folder, units)
        rows.append(accumulate_row(folder, 12, 57))
        rows.append(accumulate_row(folder, 2, 10_000))
    width = max(shown_width(name) for name, _ in rows) + 2
    print(pad("操作", width) + pad("中位数", 12, right=True))
    for name, value in rows:
        print(pad(name, width) + pad(f"{value:.1f} ms", 12, right=True))
    app.quit()


if __name__ == "__main__":
    main()
