"""A read-only window follows the file while another window (or PC) edits it.

The file is checked with SQLite's ``PRAGMA data_version`` (it changes whenever another
connection commits), on a timer and whenever the file system reports the file written.
A change reloads the period through the usual path — file → domain (the document) → the
session's ``changed`` signal → table models → views — so the grid repaints in place and the
current cell and selection stay where they were. Exports call :meth:`FileFollower.check`
first, so nothing is ever printed or exported from figures the file no longer holds.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop_app.session import Session
from scoring.storage import PeriodFileError

POLL_MS = 1000  # a shared folder reports no file changes: poll as well


class FileFollower(QObject):
    """Keeps a read-only session's document equal to the file."""

    message = Signal(str)  # something to tell the user in the status bar

    def __init__(self, session: Session, parent: QObject | None = None, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.session = session
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        self._watcher = QFileSystemWatcher([str(session.document.path)], self)
        self._watcher.fileChanged.connect(lambda _path: self.check())
        self._timer.start()

    def check(self) -> bool:
        """Reload if the file changed since it was last read; True if it did."""
        try:
            applied = self.session.document.reload_if_changed()
        except PeriodFileError as error:
            if not self._failed:  # say it once, not every second
                self.message.emit(f"无法读取文件的最新内容，显示的可能不是最新数据：{error}")
            self._failed = True
            return False
        self._failed = False
        if applied is None:
            return False
        self.session.changed.emit(applied)
        self.message.emit("文件已被另一个窗口修改，已显示最新数据")
        return True

    def stop(self) -> None:
        self._timer.stop()
        self._watcher.removePaths(self._watcher.files())
