"""The open period as the window sees it: the document, its lock and its undo history.

Every change goes through :meth:`Session.apply`: the document commits it to the file first,
then the session records it on the undo stack and announces it with ``changed``, which the
table models turn into targeted repaints.
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from scoring.document import Applied, PeriodDocument
from scoring.edits import Operation

LOCK_SUFFIX = ".lock"


def lock_holder(lock: QLockFile) -> str:
    """Who holds a lock, in words for the user."""
    info = lock.getLockInfo()  # (pid, hostname, appname); PySide6 drops the C++ bool
    pid, host = (info[-3], info[-2]) if len(info) >= 3 else (0, "")
    if not pid:
        return "另一个程序"
    if host == socket.gethostname():
        return f"本机另一个程序窗口（进程 {pid}）"
    return f"计算机「{host}」上的程序（进程 {pid}）"


def break_lock(path: str | Path) -> bool:
    """Remove the lock of a period file left by a program that can no longer release it (e.g. a
    PC that crashed while the file was open on a shared folder). True if a lock was removed."""
    lock_path = Path(str(path) + LOCK_SUFFIX)
    try:
        lock_path.unlink()
    except FileNotFoundError:
        return False
    return True


class EditCommand(QUndoCommand):
    """One undoable change; it is already applied when pushed."""

    def __init__(self, session: Session, label: str, operations: Sequence[Operation], inverse: Sequence[Operation]):
        super().__init__(label)
        self._session = session
        self._forward = tuple(operations)
        self._backward = tuple(inverse)
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:  # pushed after the change was committed
            self._applied_once = False
            return
        self._backward = self._session.replay(self._forward) or self._backward

    def undo(self) -> None:
        self._forward = self._session.replay(self._backward) or self._forward


class Session(QObject):
    """An open period file with its lock and undo stack."""

    changed = Signal(object)  # Applied
    failed = Signal(str)  # a change could not be made (undo/redo of a file that became unwritable)

    def __init__(
        self, document: PeriodDocument, lock: QLockFile | None, parent: QObject | None = None, held_by: str = ""
    ) -> None:
        super().__init__(parent)
        self.held_by = held_by  # who has the file open when another program holds its lock
        self.document = document
        self._lock = lock
        self.undo_stack = QUndoStack(self)

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> Session:
        """Open a period file; if another window or PC has it open, open it read-only and say who."""
        path = Path(path)
        lock = QLockFile(str(path) + LOCK_SUFFIX)
        lock.setStaleLockTime(0)  # a document stays locked as long as it is open
        if lock.tryLock(100):
            try:
                return cls(PeriodDocument.open(path), lock, parent)
            except BaseException:
                lock.unlock()
                raise
        held_by = ""
        if lock.error() == QLockFile.LockError.LockFailedError:
            held_by = lock_holder(lock)
            why = f"文件正由{held_by}打开，为避免冲突以只读方式打开"
        else:  # the folder does not let us create the lock file: a read-only share
            why = "文件所在的文件夹是只读的"
        return cls(PeriodDocument.open(path, read_only=True, why=why), None, parent, held_by)

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    @property
    def why_read_only(self) -> str:
        return self.document.file.why_read_only

    def apply(self, operations: Operation | Sequence[Operation], label: str) -> Applied:
        """Commit a change (raises EditError / PeriodFileError if it cannot be made), then announce it."""
        if isinstance(operations, Operation):
            operations = [operations]
        applied = self.document.apply(operations)
        self.undo_stack.push(EditCommand(self, label, operations, applied.inverse))
        self.changed.emit(applied)
        return applied

    def replay(self, operations: Sequence[Operation]) -> tuple[Operation, ...] | None:
        """Apply for undo/redo; on failure report it and drop the history that no longer holds."""
        try:
            applied = self.document.apply(operations)
        except Exception as error:  # noqa: BLE001 - any failure is shown to the user
            self.failed.emit(f"撤销/重做未能完成：{error}")
            QTimer.singleShot(0, self.undo_stack.clear)
            return None
        self.changed.emit(applied)
        return applied.inverse

    def close(self) -> None:
        self.undo_stack.clear()
        self.document.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
