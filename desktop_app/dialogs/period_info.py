"""期间信息: title, date range, statistics cut-off date and the notes under the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

from desktop_app.dialogs.editor_base import apply_or_explain, open_dialog, read_only_notice, show_only
from desktop_app.dialogs.new_period import PeriodInfoDialog
from scoring.edits import SetInfo

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow


def open_period_info(window: MainWindow) -> PeriodInfoDialog:
    """Show the period's information; OK changes it as one undo step."""
    session = window.session
    assert session is not None
    dialog = PeriodInfoDialog(session.document.period.info, "期间信息", window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box = dialog.findChild(QDialogButtonBox)
    form = dialog.layout()
    assert isinstance(form, QFormLayout) and box is not None  # PeriodInfoDialog is a form with OK/Cancel
    if session.read_only:
        form.insertRow(0, read_only_notice(session.why_read_only))
        show_only(dialog, box)
    else:
        dialog.accepted.connect(lambda: _apply(window, dialog))
    return open_dialog(dialog)


def _apply(window: MainWindow, dialog: PeriodInfoDialog) -> None:
    assert window.session is not None
    if dialog.result_info != window.session.document.period.info:
        apply_or_explain(window, window, [SetInfo(dialog.result_info)], "修改期间信息", "期间信息没有保存")
