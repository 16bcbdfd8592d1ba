"""Asking for the title and dates of a period (新建期间, 期间信息)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.dialogs.buttons import dialog_buttons
from desktop_app.dialogs.ui import ui
from scoring.model import PeriodInfo
from scoring.period_names import dates_disagree, span_of
from scoring.validation import info_problems


def _date_edit(value: date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    edit.setDate(QDate(value.year, value.month, value.day) if value else QDate.currentDate())
    return edit


def _value(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


class PeriodInfoDialog(QDialog):
    """Title, date range, statistics cut-off date and the notes printed under the table."""

    def __init__(self, info: PeriodInfo, heading: str, parent: QWidget | None = None, *, with_notes: bool = True):
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.result_info = info
        self._before = info  # its title and notes were accepted when they were written
        form = QFormLayout(self)
        self.title = QLineEdit(info.title)
        self.title.setPlaceholderText("如：2023年7月、2023年第三季度、2023年上半年")
        form.addRow("期间名称：", self.title)
        self.start, self.end = _date_edit(info.start), _date_edit(info.end)
        self.title.textEdited.connect(self._dates_from_title)
        form.addRow("开始日期：", self.start)
        form.addRow("结束日期：", self.end)
        self.has_cutoff = QCheckBox("注明统计截止日期")
        self.has_cutoff.setChecked(info.cutoff is not None)
        self.cutoff = _date_edit(info.cutoff or info.end)
        self.cutoff.setEnabled(self.has_cutoff.isChecked())
        self.has_cutoff.toggled.connect(self.cutoff.setEnabled)
        form.addRow(self.has_cutoff, self.cutoff)
        self.notes = QPlainTextEdit("\n".join(info.notes))
        self.notes.setVisible(with_notes)
        if with_notes:
            form.addRow(QLabel("表格下方的注（每行一条，打印时自动编号）："))
            form.addRow(self.notes)
        form.addRow(dialog_buttons(self))
        self.resize(520, 420 if with_notes else 220)

    def _dates_from_title(self, title: str) -> None:
        """Typing a title that names a period (2023年8月, 2023年第三季度) sets its first and last day."""
        span = span_of(title)
        if span is not None:
            self.start.setDate(QDate(span.start.year, span.start.month, span.start.day))
            self.end.setDate(QDate(span.end.year, span.end.month, span.end.day))

    def accept(self) -> None:
        title = self.title.text().strip()
        notes = tuple(line.strip() for line in self.notes.toPlainText().splitlines() if line.strip())
        info = PeriodInfo(
            title,
            _value(self.start),
            _value(self.end),
            _value(self.cutoff) if self.has_cutoff.isChecked() else None,
            notes,
        )
        if problems := info_problems(info, self._before):  # the domain's checks, in its words
            ui.warning(self, "期间信息有误", "\n".join(problems))
            return
        warning = dates_disagree(info)
        if warning and not ui.confirm(self, "期间名称与日期不一致", warning + "\n\n仍然使用这些日期吗？"):
            return
        self.result_info = info
        super().accept()


def ask_period_info(parent: QWidget, info: PeriodInfo, heading: str, *, with_notes: bool = True) -> PeriodInfo | None:
    dialog = PeriodInfoDialog(info, heading, parent, with_notes=with_notes)
    return dialog.result_info if dialog.exec() == QDialog.DialogCode.Accepted else None
