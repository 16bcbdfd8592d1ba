"""Writing an output file in one step: a reader sees the old file or the new one, never half.

The new contents go to a temporary file in the target's folder, are flushed to the disk and
then renamed over the target (``os.replace``). Whatever fails on the way (a full disk, a
read-only folder, a database that cannot grow) leaves the target as it was and no temporary
file behind, and raises :class:`OutputError` with a Chinese sentence that names the file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from scoring.errors import OutputError  # defined there, imported from here by many callers


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()
_SQLITE_FULL = 13


def describe_os_error(error: OSError, path: Path) -> str:
    """Why ``path`` could not be written, in words a clerk understands."""
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or getattr(error, "winerror", None) in (39, 112):
        return f"磁盘空间不足，无法写入「{path.name}」。请清理磁盘或另选一个位置后重试（原有文件没有改变）"
    if code == errno.EROFS:
        return f"无法写入「{path.name}」：「{path.parent}」所在的磁盘是只读的，请另选一个位置"
    if code in (errno.EACCES, errno.EPERM):
        return f"无法写入「{path.name}」：没有在「{path.parent}」中写文件的权限，请另选一个位置"
    if code == errno.ENOENT:
        return f"无法写入「{path.name}」：文件夹「{path.parent}」不存在"
    if code == errno.ENOTDIR:
        return f"无法在「{path.parent}」中写文件：路径中有一项不是文件夹"
    if code == errno.EISDIR:
        return f"无法写入「{path.name}」：这是一个文件夹"
    if code in (errno.ENAMETOOLONG, errno.EINVAL):
        return f"无法写入「{path.name}」：文件名太长或含有不允许的字符"
    return f"无法写入「{path.name}」：{error.strerror or error}"


def _describe(error: BaseException, path: Path) -> str | None:
    """A Chinese sentence for a failure while writing, or None if it is not a writing failure."""
    if isinstance(error, OSError):
        return describe_os_error(error, path)
    sqlite3 = sys.modules.get("sqlite3")  # loaded by whoever writes a database; CSV writers never load it
    if sqlite3 is not None and isinstance(error, sqlite3.Error):
        if getattr(error, "sqlite_errorcode", None) == _SQLITE_FULL or "full" in str(error):
            return describe_os_error(OSError(errno.ENOSPC, "disk full"), path)
        if "readonly" in str(error) or "read-only" in str(error):
            return describe_os_error(OSError(errno.EROFS, "read-only"), path)
        if "disk I/O" in str(error) or "unable to open" in str(error):
            return f"无法写入「{path.name}」：磁盘读写出错（{error}），请检查磁盘空间和文件夹权限"
    return None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block succeeds it replaces ``path``.

    The block writes the temporary file (and flushes it: ``atomic_write`` and SQLite's
    synchronous commit do). A failure inside the block or while replacing raises OutputError.
    """
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise OutputError(f"无法在「{path.parent}」中写文件：文件夹不存在或路径中有一项不是文件夹") from error
        raise OutputError(describe_os_error(error, path)) from error
    os.close(handle)
    temporary = Path(name)
    try:  # mkstemp makes the file private; give it the permissions a normal new file gets
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
    except OSError:
        pass
    try:
        try:
            yield temporary
        except Exception as error:  # _describe picks the writing failures (OSError, sqlite3.Error)
            described = _describe(error, path)
            if described is None:
                raise
            raise OutputError(described) from error
        try:
            os.replace(temporary, path)
        except PermissionError as error:
            raise OutputError(
                f"无法写入「{path.name}」：文件正被其他程序（如 Excel、WPS）打开或没有写入权限，请关闭后重试"
            ) from error
        except OSError as error:
            raise OutputError(describe_os_error(error, path)) from error
        _sync_folder(path.parent)
    finally:
        _remove(temporary)
        _remove(Path(f"{temporary}-journal"))  # SQLite's journal of a temporary period file


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_path(path) as temporary:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def atomic_save(path: Path, save: Callable[[io.BytesIO], object]) -> None:
    """Let ``save`` (e.g. ``Workbook.save``, ``Document.save``) write into memory, then write the
    bytes with :func:`atomic_write`: a library that writes a zip straight to a file on a full disk
    leaves its half-closed zip to be closed again, noisily, by the garbage collector."""
    buffer = io.BytesIO()
    save(buffer)
    atomic_write(path, buffer.getvalue())
