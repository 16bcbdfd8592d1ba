"""The 加减分 editor as a clerk uses it: keyboard only after 添加一项."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPushButton

from desktop_app.dialogs.adjustments import AdjustmentsDialog
from scoring.model import Adjustment


def _dialog(qtbot, items=()) -> AdjustmentsDialog:
    dialog = AdjustmentsDialog("市发改委", tuple(items))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def test_after_adding_a_row_typing_goes_into_its_points(qtbot) -> None:
    dialog = _dialog(qtbot, [Adjustment(Decimal(5), "calibration")])
    add = next(b for b in dialog.findChildren(QPushButton) if b.text() == "添加一项")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(_focused(), "-10")
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), "late report")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # ends the cell edit (the view closes it queued)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)
    assert dialog.table.rowCount() == 2
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # confirms the dialog
    assert dialog.result() == 1
    assert dialog.result_items == (Adjustment(Decimal(5), "calibration"), Adjustment(Decimal(-10), "late report"))


def test_enter_on_the_buttons_never_deletes_or_adds(qtbot) -> None:
    dialog = _dialog(qtbot, [Adjustment(Decimal(5), "calibration")])
    for button in dialog.findChildren(QPushButton):
        if button.text() in ("添加一项", "删除选中项"):
            assert not button.autoDefault() and not button.isDefault()


def test_entries_without_a_reason_are_refused_in_the_domains_words(qtbot, messages) -> None:
    dialog = _dialog(qtbot, [Adjustment(Decimal(5), ""), Adjustment(Decimal(1), "ok"), Adjustment(Decimal(-2), " ")])
    dialog.accept()
    assert messages[-1] == ("加减分有误", "第 1、3 条加减分没有填写理由")  # as SetAdjustments says it
    assert dialog.result() == 0
    dialog.table.item(0, 1).setText("迟报\u200b")  # a zero-width space pasted with the text
    dialog.table.item(2, 1).setText("漏报")
    dialog.accept()
    assert messages[-1] == ("加减分有误", "第 1 条加减分的理由「迟报□」含有不可见的格式字符（U+200B），请删除后重新输入")
    assert dialog.result() == 0
