"""Typing runs of figures down a column: every keystroke lands in the cell the cursor was on.

Keys are delivered the way the keyboard delivers them: to the window, which hands them to
whatever has the focus when the key is processed (the grid or the cell editor it opened).
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop_app.actions import Action
from desktop_app.table_model import TALLY
from scoring.document import PeriodDocument
from scoring.model import SUBMITTED

ROWS = 8


def _key_events(text: str) -> list[QKeyEvent]:
    """Press and release events of each character; "\n" is Enter, "\t" is Tab."""
    events = []
    for char in text:
        if char == "\n":
            key, char = Qt.Key.Key_Return, "\r"
        elif char == "\t":
            key = Qt.Key.Key_Tab
        else:
            key = Qt.Key(ord(char)) if char.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            events.append(QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
    return events


def _figures(first: int) -> list[str]:
    return [str(first + row) for row in range(ROWS)]


def _column_texts(view, column: int) -> list[str]:
    return [view.proxy.index(row, column).data() for row in range(ROWS)]


def _stored(path, view, column: int) -> list[str]:
    from scoring.edits import format_value

    document = PeriodDocument.open(path, read_only=True)
    key = view.source.columns[column].key
    texts = [format_value(document.period.tallies[view.proxy.index(r, 0).data(0x0103)].get(key)) for r in range(ROWS)]
    document.close()
    return texts


def _start(window, column: int):
    view = window.views[0]
    window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(view.proxy.index(0, column))
    return view


def _finish(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    qtbot.wait(20)  # anything Qt still had queued


def _slow_commits(monkeypatch, seconds: float) -> None:
    """Every commit takes ``seconds`` (a period file on a shared folder)."""
    original = PeriodDocument.apply

    def slow_apply(self, operations):
        time.sleep(seconds)
        return original(self, operations)

    monkeypatch.setattr(PeriodDocument, "apply", slow_apply)


@pytest.mark.parametrize(("spacing_ms", "commit_ms"), [(0, 0), (2, 0), (5, 0), (10, 0), (5, 300)])
def test_fast_typing_down_a_column_puts_every_figure_in_its_own_row(
    window, qtbot, sample_copy, monkeypatch, spacing_ms, commit_ms
) -> None:
    _slow_commits(monkeypatch, commit_ms / 1000)
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = _start(window, column)
    figures = _figures(11)
    for char in "".join(f"{figure}\n" for figure in figures):
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key(ord(char))
        qtbot.keyClick(window.windowHandle(), key)  # as the keyboard does: to whatever has the focus
        if spacing_ms:
            qtbot.wait(spacing_ms)
    _finish(qtbot, view)
    assert _column_texts(view, column) == figures
    assert _stored(sample_copy, view, column) == figures
    assert view.currentIndex() == view.proxy.index(ROWS, column)


def test_keys_delivered_faster_than_the_event_loop_turns_stay_in_their_rows(window, qtbot, sample_copy) -> None:
    """Each key is handled before Qt gets round to anything it queued (``11⏎12⏎`` stored 111 and 2)."""
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = _start(window, column)
    figures = _figures(11)
    for event in _key_events("".join(f"{figure}\n" for figure in figures)):
        QApplication.sendEvent(window.windowHandle(), event)
    _finish(qtbot, view)
    assert _column_texts(view, column) == figures
    assert _stored(sample_copy, view, column) == figures
    assert view.currentIndex() == view.proxy.index(ROWS, column)


def test_keys_that_arrive_during_a_slow_commit_wait_for_it(window, qtbot, sample_copy, monkeypatch) -> None:
    """A shared folder makes each commit slow; a fast typist's keys queue up meanwhile."""
    _slow_commits(monkeypatch, 0.3)
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = _start(window, column)
    figures = _figures(21)
    for event in _key_events("".join(f"{figure}\n" for figure in figures)):
        QCoreApplication.postEvent(window.windowHandle(), event)
    qtbot.waitUntil(lambda: view.currentIndex().row() == ROWS, timeout=10_000)
    assert _column_texts(view, column) == figures
    assert _stored(sample_copy, view, column) == figures


def test_with_rank_order_enter_goes_to_the_row_below_even_when_the_unit_moves_up(window, qtbot) -> None:
    """Sorted by rank, a unit that climbs is re-sorted at once; the cursor stays where the clerk was."""
    window.action(Action.RANK_ORDER).trigger()
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = window.views[0]
    window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(view.proxy.index(10, column))
    below = view.proxy.index(11, 0).data()
    for event in _key_events("900\n"):
        QApplication.sendEvent(window.windowHandle(), event)
    assert view.proxy.index(0, 0).data() != below  # the edited unit went to the top
    assert view.currentIndex().row() == 11 and view.proxy.index(11, 0).data() == below
