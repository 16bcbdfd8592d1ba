"""Message boxes in one place, so that tests can replace them (they would block offscreen)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

MAX_LINES = 15


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def show_problems(parent: QWidget | None, title: str, problems: list[str]) -> None:
    """Several problems: the first ones in the box, all of them under 显示详细信息."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.Ok, parent)
    shown = problems[:MAX_LINES]
    more = f"\n……另有 {len(problems) - MAX_LINES} 处问题" if len(problems) > MAX_LINES else ""
    box.setText("没有做任何修改，因为：\n" + "\n".join(shown) + more)
    if len(problems) > MAX_LINES:
        box.setDetailedText("\n".join(problems))
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes
