"""Where an output may be written: the one rule every save chooser and the command line use.

An output never destroys an input. :func:`check_output` refuses a target that is one of the
files the command reads, the period file open in this window, a period file another program
holds (its ``.lock`` file, written by QLockFile), a second output of the same command, a folder,
a device, or a path whose folder does not exist; any other existing file may be replaced (the
writers replace it atomically, see :mod:`scoring.atomic`). :func:`with_suffix` is the one place
that adds a format's suffix to the name the user chose.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scoring.errors import OutputError

LOCK_SUFFIX = ".lock"  # QLockFile beside the period file; desktop_app.session takes it
_COMPANIONS = (LOCK_SUFFIX, "-journal", "-wal", "-shm")  # files that belong to a period file
_CHOOSE_AGAIN = "请另选一个文件名。"

PathLike = str | os.PathLike[str]


class TargetRefused(OutputError):
    """The chosen output would destroy something that must stay; ``str()`` says what, in Chinese."""


def with_suffix(chosen: PathLike, suffix: str) -> Path:
    """``chosen`` with the format's ``suffix`` added unless its name already ends with it (any case).

    Whatever the user typed after a dot stays: 「2023.07」 becomes 「2023.07.zwxx」, never 「2023.zwxx」.
    """
    text = os.fspath(chosen)
    return Path(text) if text.lower().endswith(suffix.lower()) else Path(text + suffix)


def same_file(first: PathLike, second: PathLike) -> bool:
    """Whether two paths name the same file: relative or absolute, through symlinks, hard links,
    ``..``, or (where the file system ignores case) another spelling of the name."""
    with contextlib.suppress(OSError, ValueError):
        if os.path.exists(first) and os.path.exists(second):
            return os.path.samefile(first, second)
    return _normal(first) == _normal(second)


def _normal(path: PathLike) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


@dataclass(frozen=True)
class LockRecord:
    """What a lock file says, one line each as QLockFile writes them: process id, program name,
    computer name, machine id, boot id; and how long ago it was written."""

    pid: int | None  # None when the first line is not a number
    host: str
    host_id: str
    boot_id: str
    age_seconds: float


def lock_path(path: PathLike) -> Path:
    """The QLockFile lock file of the period file ``path``."""
    return Path(os.fspath(path) + LOCK_SUFFIX)


def read_lock(lock: PathLike) -> LockRecord:
    """Parse a lock file (raises OSError, FileNotFoundError when there is none)."""
    lines = Path(lock).read_bytes().decode("utf-8", "replace").splitlines()
    age = max(0.0, time.time() - os.stat(lock).st_mtime)
    lines += [""] * (5 - len(lines))
    try:
        pid: int | None = int(lines[0])
    except ValueError:
        pid = None
    return LockRecord(pid, lines[2].strip(), lines[3].strip(), lines[4].strip(), age)


def holder_words(pid: int | None, host: str = "", *, this_host: bool = True) -> str:
    """Who holds a lock, in words for the user."""
    if not pid:
        return "另一个程序"
    if not this_host:
        return f"计算机「{host}」上的程序（进程 {pid}）"
    return f"本机另一个程序窗口（进程 {pid}）"


def lock_holder(path: PathLike) -> str | None:
    """Who holds the period file ``path`` open (its QLockFile lock), in words; None if nobody.

    Reads the lock file (:func:`read_lock`) and, as QLockFile does, treats a lock of this computer
    whose process is gone as free.
    """
    try:
        record = read_lock(lock_path(path))
    except FileNotFoundError:
        return None
    except OSError:  # present but unreadable (e.g. held exclusively): assume it is in use
        return "另一个程序"
    pid, host = record.pid, record.host
    if pid is None:
        return "另一个程序"
    if host and host.lower() != socket.gethostname().lower():
        return holder_words(pid, host, this_host=False)
    if pid == os.getpid():
        return "本程序"
    if record.boot_id and _boot_id() not in ("", record.boot_id):
        return None  # left by a program that ran before this computer restarted
    if not _process_running(pid):
        return None
    return holder_words(pid)


def check_output(
    target: PathLike,
    *,
    inputs: Iterable[PathLike] = (),
    open_files: Iterable[PathLike] = (),
    outputs: Iterable[PathLike] = (),
) -> Path:
    """Return ``target`` if an output may be written there, else raise :class:`TargetRefused`.

    ``inputs``: files the command reads; ``open_files``: period files open in this program;
    ``outputs``: other outputs of the same command.
    """
    target = Path(os.fspath(target))
    name = target.name or str(target)
    for path in open_files:
        if same_file(target, path):
            raise TargetRefused(f"「{name}」是正在使用的期间文件，不能被覆盖。{_CHOOSE_AGAIN}")
    for path in inputs:
        if same_file(target, path):
            raise TargetRefused(f"「{name}」是本次要读取的文件，不能同时作为输出文件（会毁掉原文件）。{_CHOOSE_AGAIN}")
    for path in outputs:
        if same_file(target, path):
            raise TargetRefused(f"「{name}」被指定为两个输出文件，请为每个输出各指定一个文件名。")
    _check_place(target, name)
    holder = lock_holder(target)
    if holder is not None:
        raise TargetRefused(f"「{name}」正由{holder}打开，不能被覆盖。{_CHOOSE_AGAIN}")
    for companion in _COMPANIONS:
        owner = os.fspath(target)[: -len(companion)] if os.fspath(target).endswith(companion) else ""
        if owner and (os.path.isfile(owner) or os.path.exists(target)):
            raise TargetRefused(f"「{name}」是期间文件「{Path(owner).name}」的附属文件，不能被覆盖。{_CHOOSE_AGAIN}")
    return target


def _check_place(target: Path, name: str) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError:
        mode = None  # e.g. a parent that is a file; explained below
    if mode is not None and stat.S_ISDIR(mode):
        raise TargetRefused(f"「{name}」是一个文件夹，不能作为输出文件。{_CHOOSE_AGAIN}")
    if mode is not None and not stat.S_ISREG(mode):
        raise TargetRefused(f"「{name}」不是普通文件（如设备或管道），不能作为输出文件。{_CHOOSE_AGAIN}")
    folder = target.parent
    if not folder.exists():
        raise TargetRefused(f"文件夹「{folder}」不存在，请先建好这个文件夹或另选位置。")
    if not folder.is_dir():
        raise TargetRefused(f"「{folder.name}」不是文件夹，不能在其中保存「{name}」。请另选位置。")


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _process_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


if sys.platform == "win32":  # defined only where it is called (mypy then knows ctypes.WinDLL)

    def _windows_process_running(pid: int) -> bool:  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it runs under another user
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
