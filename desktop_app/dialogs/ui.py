"""The one seam for talking to the user: message boxes, questions and file choosers.

Every part of the window asks through :data:`ui`; nothing else calls ``QMessageBox`` or
``QFileDialog`` (tests/desktop_app/test_window_architecture.py enforces it). Tests replace the
methods of this one object with the ``ui`` fixture (the real boxes would block offscreen).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

MAX_LINES = 15


class UserInterface:
    """Questions and messages for the user, each one modal call."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def problems(self, parent: QWidget | None, title: str, problems: list[str]) -> None:
        """Several problems: the first ones in the box, all of them under 显示详细信息."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.Ok, parent)
        shown = problems[:MAX_LINES]
        more = f"\n……另有 {len(problems) - MAX_LINES} 处问题" if len(problems) > MAX_LINES else ""
        box.setText("没有做任何修改，因为：\n" + "\n".join(shown) + more)
        if len(problems) > MAX_LINES:
            box.setDetailedText("\n".join(problems))
        box.exec()

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        """Something to correct in a dialog that stays open (nothing was changed)."""
        QMessageBox.warning(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def about(self, parent: QWidget | None, title: str, html: str) -> None:
        QMessageBox.about(parent, title, html)

    def crash(self, text: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "程序出错", text)
        box.setDetailedText(details)
        box.exec()

    def ask_open_path(self, parent: QWidget | None, title: str, folder: str, file_filter: str) -> str:
        """The chosen file, or "" if the user cancelled."""
        path, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
        return path

    def ask_open_paths(self, parent: QWidget | None, title: str, folder: str, file_filter: str) -> list[str]:
        """The chosen files, or [] if the user cancelled."""
        paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
        return paths

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
        """Where to save, or "" if the user cancelled."""
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return path


ui = UserInterface()
