"""The open period as the window sees it: the document, its lock and its undo history.

Every change goes through :meth:`Session.apply`: the document commits it to the file first,
then the session records it on the undo stack and announces it with ``changed``, which the
table models turn into targeted repaints.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSysInfo, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from scoring import output_target
from scoring.document import Applied, PeriodDocument
from scoring.edits import Operation
from scoring.output_target import holder_words
from scoring.output_target import lock_path as _lock_path

LOW_DISK = 1024 * 1024  # below this much free space, a lock file that cannot be written means a full disk
# Lock files this process holds (any window): a lock naming this process but not listed here was
# left by an earlier run that had the same process id (Wine gives every run the same ids).
_HELD: set[str] = set()


def _key(lock_path: Path) -> str:
    return os.path.normcase(os.path.abspath(lock_path))


def machine_name() -> str:
    """The computer name QLockFile writes into a lock file (its own rule: COMPUTERNAME on Windows)."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return QSysInfo.machineHostName()


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says about the program that holds the period file."""

    pid: int
    host: str
    this_host: bool
    age_seconds: float

    def age_text(self) -> str:
        minutes = int(self.age_seconds // 60)
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() - self.age_seconds))
        if minutes < 1:
            return f"刚刚（{when}）"
        if minutes < 120:
            return f"{minutes} 分钟前（{when}）"
        if minutes < 2 * 24 * 60:
            return f"{minutes // 60} 小时前（{when}）"
        return f"{minutes // (24 * 60)} 天前（{when}）"


def read_lock(lock_path: Path) -> LockInfo | None:
    """A lock file as scoring.output_target.read_lock parses it, with QLockFile's rule for this computer."""
    try:
        record = output_target.read_lock(lock_path)
    except OSError:
        return None
    host, host_id = record.host, record.host_id
    our_id = bytes(QSysInfo.machineUniqueId().data()).decode("ascii", "replace")
    if host_id and our_id:
        this_host = host_id == our_id  # QLockFile's own rule: the machine id decides
    else:
        this_host = not host or host.casefold() == machine_name().casefold()
    return LockInfo(record.pid or 0, host, this_host, record.age_seconds)


def lock_holder(lock: QLockFile) -> str:
    """Who holds a lock that could not be taken, in words for the user."""
    lock_path = Path(lock.fileName())
    return holder_text(read_lock(lock_path), _key(lock_path) in _HELD)


def holder_text(info: LockInfo | None, held_here: bool = False) -> str:
    """Who holds a lock, in words for the user."""
    if info is None or not info.pid:
        return holder_words(None)
    if held_here:
        return "本机另一个程序窗口（本程序已打开的另一个窗口）"
    return holder_words(info.pid, info.host, this_host=info.this_host)


def _left_by_an_earlier_run(info: LockInfo | None, lock_path: Path) -> bool:
    return info is not None and info.this_host and info.pid == os.getpid() and _key(lock_path) not in _HELD


def break_lock(path: str | Path) -> bool:
    """Remove the lock of a period file whose holder can no longer release it. True if it was removed.

    A lock held by a program that is still running on this PC is never removed (that program may
    be writing). A lock from another computer is removed: the caller warned the user first.
    """
    lock_path = _lock_path(path)
    info = read_lock(lock_path)
    if info is None:
        return False
    probe = QLockFile(str(lock_path))
    probe.setStaleLockTime(0)
    if info.this_host and not _left_by_an_earlier_run(info, lock_path):
        if probe.tryLock(0):  # QLockFile found the holder gone and removed its lock
            probe.unlock()
            return True
        return False
    return probe.removeStaleLockFile()


def try_lock(path: str | Path, wait_ms: int) -> tuple[QLockFile, bool]:
    """Try to take the lock of the period file ``path`` (waiting up to ``wait_ms``); the lock and
    whether it was taken. It never goes stale while held; a lock left by an earlier run with this
    process id (Wine reuses ids) is removed first. ``lock.error()`` says why it was not taken."""
    lock_path = _lock_path(path)
    lock = QLockFile(str(lock_path))
    lock.setStaleLockTime(0)  # a document stays locked as long as it is open
    locked = lock.tryLock(wait_ms)
    if not locked and lock.error() == QLockFile.LockError.LockFailedError:
        if _left_by_an_earlier_run(read_lock(lock_path), lock_path) and lock.removeStaleLockFile():
            locked = lock.tryLock(wait_ms)
    return lock, locked


def _lock_failure(lock: QLockFile, path: Path) -> str:
    """Why the lock file could not be created, when no other program holds it."""
    try:
        full = shutil.disk_usage(path.parent).free < LOW_DISK
    except OSError:
        full = False
    if full:
        return "磁盘空间不足，无法记录文件正在使用，为避免冲突以只读方式打开；请清理磁盘后重新打开"
    if lock.error() == QLockFile.LockError.PermissionError:
        return "文件所在的文件夹是只读的"
    return "无法在文件所在的文件夹中记录文件正在使用（可能是网络中断或没有写入权限），为避免冲突以只读方式打开"


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
        self,
        document: PeriodDocument,
        lock: QLockFile | None,
        parent: QObject | None = None,
        held_by: str = "",
        holder: LockInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.held_by = held_by  # who has the file open when another program holds its lock
        self.holder = holder  # what the lock file says about that program
        self.document = document
        self._lock = lock
        self.undo_stack = QUndoStack(self)

    @property
    def can_break_lock(self) -> bool:
        """解除占用 makes sense only for a lock from another computer (one on this PC is released
        by its program, or removed by QLockFile itself when that program is gone)."""
        return self.holder is not None and not self.holder.this_host

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> Session:
        """Open a period file; if another window or PC has it open, open it read-only and say who."""
        path = Path(path)
        lock_path = _lock_path(path)
        lock, locked = try_lock(path, 100)
        if locked:
            _HELD.add(_key(lock_path))
            try:
                return cls(PeriodDocument.open(path), lock, parent)
            except BaseException:
                _HELD.discard(_key(lock_path))
                lock.unlock()
                raise
        held_by, holder = "", None
        if lock.error() == QLockFile.LockError.LockFailedError:
            holder = read_lock(lock_path)
            held_by = holder_text(holder, _key(lock_path) in _HELD)
            why = f"文件正由{held_by}打开，为避免冲突以只读方式打开"
        else:
            why = _lock_failure(lock, path)
        return cls(PeriodDocument.open(path, read_only=True, why=why), None, parent, held_by, holder)

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
            _HELD.discard(_key(Path(self._lock.fileName())))
            self._lock.unlock()
            self._lock = None
