"""Typing figures down a column: how many rows get the wrong figure, and how long a row takes.

Run: python -m benchmarks.bench_typing   (offscreen; prints a table)
Each run types ``<n>⏎`` for consecutive rows into 报送条目, with the keys delivered
- "burst": each key handled before Qt turns its event loop (a typist faster than the loop), or
- "queued": all keys already waiting in the event queue (keys that arrived during a slow commit),
and the commit slowed by the given latency (a shared folder). Target: 0 wrong rows in every case.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.table_model import TALLY  # noqa: E402
from scoring.document import PeriodDocument  # noqa: E402
from scoring.model import SUBMITTED  # noqa: E402
from scoring.sample import build_sample  # noqa: E402


def _events(text: str) -> list[QKeyEvent]:
    events = []
    for char in text:
        key, char = (Qt.Key.Key_Return, "\r") if char == "\n" else (Qt.Key(ord(char)), char)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            events.append(QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
    return events


def run(folder: Path, delivery: str, latency_ms: int, rows: int) -> tuple[int, float]:
    from desktop_app.main_window import MainWindow

    path = folder / f"typing-{delivery}-{latency_ms}.zwxx"
    PeriodDocument.create(path, build_sample()).close()
    original = PeriodDocument.apply

    def slow_apply(self, operations):
        time.sleep(latency_ms / 1000)
        return original(self, operations)

    PeriodDocument.apply = slow_apply  # type: ignore[method-assign]
    try:
        window = MainWindow()
        window.open_path(path)
        window.show()
        window.activateWindow()
        QApplication.processEvents()
        view = window.views[0]
        column = view.source.column_of(TALLY, SUBMITTED)
        view.setFocus()
        view.setCurrentIndex(view.proxy.index(0, column))
        figures = [str(11 + row) for row in range(rows)]
        start = time.perf_counter()
        for event in _events("".join(f"{figure}\n" for figure in figures)):
            if delivery == "burst":
                QApplication.sendEvent(window.windowHandle(), event)
            else:
                QCoreApplication.postEvent(window.windowHandle(), event)
        deadline = time.perf_counter() + rows * (latency_ms / 1000 + 0.5)
        while view.state() == view.State.EditingState or view.currentIndex().row() < rows:
            QApplication.processEvents()
            if time.perf_counter() > deadline:
                break
        for _ in range(5):
            QApplication.processEvents()
        elapsed = time.perf_counter() - start
        shown = [view.proxy.index(row, column).data() for row in range(rows)]
        window.close()
    finally:
        PeriodDocument.apply = original  # type: ignore[method-assign]
    return sum(a != b for a, b in zip(shown, figures, strict=True)), elapsed / rows * 1000


def main() -> None:
    QApplication.instance() or QApplication([])
    os.environ.setdefault("INFOSCORE_HOME", tempfile.mkdtemp())
    print(f"{'keys':<8} {'commit':>8} {'rows':>5} {'wrong':>6} {'ms/row':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for delivery in ("burst", "queued"):
            for latency_ms, rows in ((0, 30), (200, 30)):
                wrong, per_row = run(Path(folder), delivery, latency_ms, rows)
                print(f"{delivery:<8} {latency_ms:>6}ms {rows:>5} {wrong:>6} {per_row:>8.1f}")


if __name__ == "__main__":
    main()
