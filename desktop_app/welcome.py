"""What the window shows when no period file is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app import APP_NAME
from desktop_app.actions import Action

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow


class WelcomePage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(APP_NAME)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        hint = QLabel("没有打开的期间文件。打开一个期间文件（.zwxx），从 Excel/CSV 附件表格导入，或先打开示例看看。")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        buttons.addStretch()
        choices = (
            ("打开期间文件…", window.open_dialog),
            ("导入表格…", window.action(Action.IMPORT).trigger),
            ("打开示例（2023年上半年）", window.open_sample),
        )
        for text, slot in choices:
            button = QPushButton(text)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addStretch(3)
