"""Entering data like in Excel: wrong entries, Tab runs, keys to move around the grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.table_model import TALLY
from scoring.model import SUBMITTED


def keys(window, text: str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Type as the keyboard does, to whatever has the focus; "\\n" is Enter, "\\t" is Tab."""
    for char in text:
        key = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab, "\x1b": Qt.Key.Key_Escape}.get(char)
        key = key or (Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown)
        char = {"\n": "\r", "\x1b": ""}.get(char, char)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(window.windowHandle(), QKeyEvent(kind, key, modifiers, char))


def key(window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window.windowHandle(), QKeyEvent(kind, key, modifiers, ""))


def start(window, row: int, column: int, group: int = 0):
    view = window.views[group]
    window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(view.proxy.index(row, column))
    return view


@pytest.mark.parametrize("wrong", ["abc", "-1", "1.5"])
def test_a_wrong_entry_stays_in_the_cell_with_the_reason_beside_it(window, qtbot, wrong) -> None:
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = start(window, 3, column)
    before = view.proxy.index(3, column).data()
    name = view.proxy.index(3, 0).data()
    keys(window, wrong + "\n")
    editor = window.focusWidget()
    assert view.state() == view.State.EditingState and isinstance(editor, QLineEdit)
    assert editor.text() == wrong
    assert view.note.isVisible() and f"{name}「报送条目」" in view.note.text()
    assert view.note.geometry().intersects(view.visualRect(view.proxy.index(4, column)).adjusted(0, -4, 0, 4))
    assert view.proxy.index(3, column).data() == before
    keys(window, "12\n")  # the entry is selected: typing replaces it
    assert view.proxy.index(3, column).data() == "12"
    assert view.currentIndex() == view.proxy.index(4, column) and not view.note.isVisible()


def test_escape_abandons_a_wrong_entry(window) -> None:
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = start(window, 3, column)
    before = view.proxy.index(3, column).data()
    keys(window, "abc\t")
    assert view.state() == view.State.EditingState and view.note.isVisible()
    keys(window, "\x1b")
    assert view.state() != view.State.EditingState and not view.note.isVisible()
    assert view.proxy.index(3, column).data() == before and view.currentIndex() == view.proxy.index(3, column)


def test_enter_after_a_run_of_tabs_returns_to_the_column_where_the_run_started(window) -> None:
    channels = window.session.document.period.scheme.channels
    first = window.views[0].source.column_of(TALLY, channels[0].id)
    view = start(window, 2, first)
    keys(window, "1\t2\t3\n")
    assert [view.proxy.index(2, first + c).data() for c in range(3)] == ["1", "2", "3"]
    assert view.currentIndex() == view.proxy.index(3, first)
    keys(window, "\t\t4\n")  # tabbing over cells without typing is a run too
    assert view.proxy.index(3, first + 2).data() == "4" and view.currentIndex() == view.proxy.index(4, first)
    keys(window, "5\n")  # a plain Enter goes straight down
    assert view.currentIndex() == view.proxy.index(5, first)


def test_a_click_ends_the_run_of_tabs(window) -> None:
    channels = window.session.document.period.scheme.channels
    first = window.views[0].source.column_of(TALLY, channels[0].id)
    view = start(window, 2, first)
    keys(window, "1\t")
    view.setCurrentIndex(view.proxy.index(6, first + 3))
    keys(window, "7\n")
    assert view.currentIndex() == view.proxy.index(7, first + 3)


def test_adopted_items_below_a_channels_adoptions_get_the_corner_marker(window) -> None:
    from desktop_app.table_model import WARNING_ROLE
    from scoring.model import ADOPTED

    model = window.views[0].source
    channel = window.session.document.period.scheme.channels[2]
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "市住建局")  # 采用条目 5
    adopted = model.index(row, model.column_of(TALLY, ADOPTED))
    assert not adopted.data(WARNING_ROLE)
    assert model.setData(model.index(row, model.column_of(TALLY, channel.id)), "6")
    assert "采用条目（5）少于" in adopted.data(WARNING_ROLE)


def test_an_arrow_key_after_a_wrong_entry_moves_on_and_leaves_the_cell_as_it_was(window) -> None:
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = start(window, 3, column)
    before = [view.proxy.index(row, column).data() for row in (3, 4)]
    keys(window, "abc")
    key(window, Qt.Key.Key_Down)
    assert view.state() != view.State.EditingState and view.currentIndex() == view.proxy.index(4, column)
    assert view.note.isVisible() and "abc" in view.note.text()  # said where the clerk looks, for a while
    keys(window, "77\n")  # lands in the row the cursor went to
    assert [view.proxy.index(row, column).data() for row in (3, 4)] == [before[0], "77"]


def test_a_wrong_entry_does_not_stay_open_when_the_cursor_is_moved_elsewhere(window) -> None:
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = start(window, 3, column)
    before = view.proxy.index(3, column).data()
    keys(window, "abc")
    view.setCurrentIndex(view.proxy.index(6, column))  # e.g. 查找单位 going to another unit
    assert view.state() != view.State.EditingState
    keys(window, "77\n")
    assert view.proxy.index(3, column).data() == before and view.proxy.index(6, column).data() == "77"


def test_the_note_follows_its_cell_when_the_grid_scrolls(window, qtbot) -> None:
    window.resize(700, 420)
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    view = start(window, 3, column)
    keys(window, "abc\n")
    below = view.visualRect(view.proxy.index(3, column)).bottom()
    assert view.note.y() > below - 4
    view.verticalScrollBar().setValue(2)
    assert view.note.isVisible() and view.note.y() > view.visualRect(view.proxy.index(3, column)).bottom() - 4
    assert view.note.y() < below - 20
