"""Working in the grid from the keyboard and the mouse: groups, finding units, zoom, menu, Ctrl+S."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop_app.table_model import TALLY
from scoring.model import SUBMITTED

CTRL = Qt.KeyboardModifier.ControlModifier


def press(window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    """A key as the keyboard sends it: shortcuts first, then whatever has the focus."""
    from PySide6.QtTest import QTest

    QTest.keyClick(window.windowHandle(), key, modifiers)
    QApplication.processEvents()


def focus_grid(window, qtbot, index: int = 0):
    window.activateWindow()
    qtbot.waitActive(window)
    view = window.views[index]
    view.setFocus()
    view.setCurrentIndex(view.proxy.index(0, 1))
    return view


def test_ctrl_page_down_and_up_and_ctrl_tab_switch_groups(window, qtbot) -> None:
    focus_grid(window, qtbot)
    press(window, Qt.Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == 1 and window.focusWidget() is window.views[1]
    press(window, Qt.Key.Key_PageUp, CTRL)
    assert window.tabs.currentIndex() == 0 and window.focusWidget() is window.views[0]
    press(window, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == 1


def test_ctrl_f_finds_a_unit_in_another_group(window, qtbot) -> None:
    focus_grid(window, qtbot)
    column = window.views[0].source.column_of(TALLY, SUBMITTED)
    window.views[0].setCurrentIndex(window.views[0].proxy.index(0, column))
    press(window, Qt.Key.Key_F, CTRL)
    finder = window.grid_commands.finder
    assert finder is not None and finder.isVisible()
    finder.text.insert("熊口")  # as the input method commits it
    assert [finder.results.item(i).text().split("　")[0] for i in range(finder.results.count())] == ["熊口镇", "熊口管理区"]
    qtbot.keyClick(finder.text, Qt.Key.Key_Down)  # the second one
    qtbot.keyClick(finder.text, Qt.Key.Key_Return)
    view = window.views[1]
    assert window.tabs.currentIndex() == 1 and not finder.isVisible()
    assert view.currentIndex().siblingAtColumn(0).data() == "熊口管理区" and view.currentIndex().column() == column


def test_ctrl_s_says_every_edit_is_already_saved(window, qtbot) -> None:
    focus_grid(window, qtbot)
    press(window, Qt.Key.Key_S, CTRL)
    assert "已保存" in window.statusBar().currentMessage()


def test_zoom_with_keys_and_ctrl_wheel(window, qtbot) -> None:
    view = focus_grid(window, qtbot)
    height, width = view.rowHeight(0), view.columnWidth(0)
    press(window, Qt.Key.Key_Plus, CTRL)
    assert view.zoom > 100 and view.rowHeight(0) > height and view.columnWidth(0) > width
    assert window.views[1].zoom == view.zoom  # every group alike
    press(window, Qt.Key.Key_0, CTRL)
    assert view.zoom == 100 and view.rowHeight(0) == height
    wheel = QWheelEvent(QPointF(50, 50), QPointF(view.viewport().mapToGlobal(QPoint(50, 50))), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom < 100 and view.rowHeight(0) < height


def test_right_click_menu_copies_clears_and_undoes(window, qtbot) -> None:
    view = focus_grid(window, qtbot)
    column = view.source.column_of(TALLY, SUBMITTED)
    view.setCurrentIndex(view.proxy.index(2, column))
    before = view.proxy.index(2, column).data()
    menu = view.context_menu()
    actions = {a.text().split("\t")[0]: a for a in menu.actions() if a.text()}
    assert {"复制", "粘贴", "清除（清为 0）"} <= set(actions)
    actions["清除（清为 0）"].trigger()
    assert view.proxy.index(2, column).data() == "0"
    menu = view.context_menu()
    undo = next(a for a in menu.actions() if a.text().startswith("撤销"))
    assert undo.isEnabled()
    undo.trigger()
    assert view.proxy.index(2, column).data() == before


def test_the_menu_offers_no_changes_in_a_read_only_window(window, qtbot, sample_copy) -> None:
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    other.open_path(sample_copy)
    menu = other.views[0].context_menu()
    enabled = {a.text().split("\t")[0]: a.isEnabled() for a in menu.actions() if a.text()}
    assert enabled["复制"] and not enabled["粘贴"] and not enabled["清除（清为 0）"]
    other.close()




def _shown_at(view, point: QPoint) -> str:
    """The text a clerk sees at ``point`` of the grid (whichever view draws it)."""
    widget = view.childAt(point)
    table = widget.parentWidget()
    return table.indexAt(widget.mapFrom(view, point)).data()


def test_the_unit_column_stays_while_the_grid_scrolls_sideways(window, qtbot) -> None:
    window.resize(520, 500)
    view = focus_grid(window, qtbot)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    left = QPoint(view.verticalHeader().width() + view.frameWidth() + 8, view.horizontalHeader().height() + 8)
    assert _shown_at(view, left) == view.proxy.index(0, 0).data()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    top_row = view.rowAt(8)
    assert top_row > 0
    assert _shown_at(view, left) == view.proxy.index(top_row, 0).data()
    column = view.source.column_of(TALLY, SUBMITTED)
    view.setCurrentIndex(view.proxy.index(top_row, 1))  # the first channel: out from under the names
    assert view.visualRect(view.currentIndex()).left() >= view.columnWidth(0)
    assert view.columnWidth(column) > 0
