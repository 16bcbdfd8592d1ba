"""Standard dialog buttons with Chinese labels (even where Qt's own translation is not loaded)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Standard = QDialogButtonBox.StandardButton
LABELS = {Standard.Ok: "确定", Standard.Cancel: "取消", Standard.Close: "关闭", Standard.Apply: "应用"}


def dialog_buttons(dialog: QDialog, buttons: Standard = Standard.Ok | Standard.Cancel) -> QDialogButtonBox:
    """A button box wired to the dialog's accept/reject."""
    box = QDialogButtonBox(buttons)
    for standard, text in LABELS.items():
        if (button := box.button(standard)) is not None:
            button.setText(text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
