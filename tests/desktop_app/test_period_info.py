"""期间 → 期间信息…: title, dates and notes, one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.dialogs.new_period import PeriodInfoDialog
from tests.desktop_app.editor_helpers import open_editor


def test_changing_the_title_dates_and_notes(window) -> None:
    dialog = open_editor(window, "period_info", PeriodInfoDialog)
    dialog.title.setText("2023年1-6月")
    dialog.has_cutoff.setChecked(True)
    dialog.cutoff.setDate(QDate(2023, 7, 5))
    dialog.notes.setPlainText("第一条注\n\n第二条注")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    info = window.session.document.period.info
    assert (info.title, info.cutoff, info.notes) == ("2023年1-6月", date(2023, 7, 5), ("第一条注", "第二条注"))
    assert "2023年1-6月" in window.windowTitle()
    assert window.session.undo_stack.count() == 1
    assert window.session.document.file.audit_log()[-1][2] == "修改期间信息"
    window.actions["undo"].trigger()
    assert window.session.document.period.info.title == "2023年上半年"
    assert "2023年上半年" in window.windowTitle()


def test_read_only_shows_but_does_not_change(window, qtbot, sample_copy, messages) -> None:
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(sample_copy) and other.session.read_only
    dialog = open_editor(other, "period_info", PeriodInfoDialog)
    assert dialog.title.isReadOnly() and dialog.title.text() == "2023年上半年"
    assert not dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).isVisible()
    dialog.reject()
    other.close()
