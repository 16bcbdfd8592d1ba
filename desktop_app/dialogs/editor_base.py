"""What the period editors share: OK applies every change as one undo step, or nothing.

An editor works on its own copy of what it edits. ``operations()`` turns the copy into the
domain operations (or reports the problems and returns None); OK hands them to
``Session.apply`` under one label, which commits them to the file, pushes one undo step and
lets the grid follow. On a read-only file the editor only shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app import palette
from desktop_app.dialogs.buttons import dialog_buttons
from desktop_app.dialogs.ui import ui
from scoring.edits import Operation
from scoring.errors import EditError
from scoring.storage import PeriodFileError

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

_Dialog = TypeVar("_Dialog", bound=QDialog)

READ_ONLY_STYLE = palette.READ_ONLY_STYLE
HINT_STYLE = palette.PROBLEM_STYLE


def read_only_notice(why: str) -> QLabel:
    label = QLabel(f"只读：{why}。这里只能查看，不能修改。")
    label.setWordWrap(True)
    label.setStyleSheet(READ_ONLY_STYLE)
    return label


def show_only(dialog: QDialog, box: QDialogButtonBox) -> None:
    """Make a dialog look-only: nothing can be typed, chosen or pressed except 关闭."""
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
            widget.setReadOnly(True)
        elif isinstance(widget, QComboBox | QCheckBox):
            widget.setEnabled(False)
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif isinstance(widget, QPushButton) and widget.parent() is not box:
            widget.setEnabled(False)
    box.button(QDialogButtonBox.StandardButton.Ok).hide()
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭")


def apply_or_explain(window: MainWindow, parent: QWidget, operations: Sequence[Operation], label: str, title: str) -> bool:
    """Apply as one undo step; on failure say why (nothing was changed) and return False."""
    assert window.session is not None
    try:
        window.session.apply(list(operations), label)
    except EditError as error:
        ui.problems(parent, title, error.problems)
        return False
    except PeriodFileError as error:
        ui.error(parent, title, str(error))
        return False
    return True


class EditorDialog(QDialog):
    """Base of the 计分办法, 单位管理 and 表扬与批评 editors (see the module docstring)."""

    undo_label = ""
    failure_title = "没有保存修改"
    # Every editor defines operations(): the change its contents make, [] for none, or None after
    # it has reported a problem. Checked when a subclass is defined, not when OK is pressed.
    operations: Callable[[], list[Operation] | None]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "operations", None)):
            raise TypeError(f"{cls.__name__} must define operations()")

    def __init__(self, window: MainWindow, title: str) -> None:
        super().__init__(window)
        assert window.session is not None
        self.main_window = window
        self.session = window.session
        self.read_only = window.session.read_only
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttons = dialog_buttons(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def finish_read_only(self) -> None:
        """Called by a subclass at the end of building: lock everything on a read-only file."""
        if self.read_only:
            show_only(self, self.buttons)

    def accept(self) -> None:
        if self.read_only:
            self.reject()
            return
        operations = self.operations()
        if operations is None:
            return
        if operations and not apply_or_explain(self.main_window, self, operations, self.undo_label, self.failure_title):
            return
        super().accept()


def open_dialog(dialog: _Dialog) -> _Dialog:
    """Show window-modal without blocking (tests drive the returned dialog's widgets)."""
    dialog.open()
    return dialog


DEFAULT_COUNT = -1  # a count spin box's "use the scheme's default" value


def default_count_spin(default: int) -> QSpinBox:
    """A 名额 for one group: a number, or at its minimum 按计分办法 (the scheme's ``default``)."""
    spin = QSpinBox()
    spin.setRange(DEFAULT_COUNT, 1000)
    spin.setSpecialValueText(f"按计分办法（{default} 名）")
    spin.setSuffix(" 名")
    spin.setToolTip("减到最小即为“按计分办法”的名额")
    return spin


def button_row(*buttons: QWidget, stretch: bool = False) -> QHBoxLayout:
    """Buttons side by side, left-aligned with ``stretch``."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    if stretch:
        row.addStretch()
    return row
