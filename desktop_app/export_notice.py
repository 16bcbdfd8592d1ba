"""After an export: say where the file went and offer to open it or its folder.

A line in the status bar (not a dialog to click away): 「已导出「附件.xlsx」 打开文件　打开所在文件夹」.
It stays until the next export or until the clerk opens something, and never blocks work.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

SHOWN_MS = 60_000


def open_file(path: Path) -> bool:
    """Open ``path`` with the program the computer uses for it (Excel/WPS, a PDF reader, Word)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(path)))


def show_in_folder(path: Path) -> bool:
    """Open the folder holding ``path``; on Windows with the file selected in Explorer."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", [f"/select,{os.path.normpath(path)}"])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(path.parent)))


class ExportNotice(QLabel):
    """The status-bar line of the last export, with links to open the file or its folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self._open)
        self.target: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_notice)
        self.hide()

    def show_exported(self, target: Path, text: str) -> None:
        """``text`` says what was made (e.g. 已导出「…」，共 2 页); the links follow it."""
        self.target = Path(target)
        self.setText(f'{text}　<a href="file">打开文件</a>　<a href="folder">打开所在文件夹</a>')
        self.setToolTip(str(self.target))
        self.show()
        self._timer.start(SHOWN_MS)

    def clear_notice(self) -> None:
        self.target = None
        self.clear()
        self.hide()

    def _open(self, link: str) -> None:
        if self.target is None:
            return
        target = self.target
        if not target.exists():
            self.setText(f"「{target.name}」已不在原处（可能已被移动或删除）")
            return
        opened = open_file(target) if link == "file" else show_in_folder(target)
        if not opened:
            self.setText(f"没能打开「{target}」，请在文件夹中找到它")
            return
        self.clear_notice()
