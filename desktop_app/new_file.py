"""Saving a period built in memory (imported, accumulated) as a new file and opening it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QWidget

from desktop_app.dialogs.file_choosers import choose_output
from desktop_app.dialogs.new_period import ask_period_info
from desktop_app.dialogs.ui import ui
from desktop_app.paths import documents_dir
from desktop_app.session import lock_holder, try_lock
from scoring.document import PeriodDocument
from scoring.errors import UserError
from scoring.model import Period, PeriodInfo
from scoring.output_target import TargetRefused
from scoring.period_names import next_period
from scoring.storage import SUFFIX

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

FILE_FILTER = f"考核期间文件 (*{SUFFIX})"


def start_folder(window: MainWindow) -> Path:
    return window.session.document.path.parent if window.session is not None else documents_dir()


def open_files(window: MainWindow) -> list[Path]:
    """The period file open in ``window``: no output may replace it."""
    return [window.session.document.path] if window.session is not None else []


def save_new_period(
    window: MainWindow, parent: QWidget, period: Period, heading: str, keep: Iterable[Path] = ()
) -> Path | None:
    """Ask where to save ``period``, write it as a new file and open it in the window.

    Refuses (and asks again) to overwrite the open file, a file another window has open, or one
    of ``keep`` (the files it is made from: the table imported, the files added up).
    Returns the new file, or None (cancelled or explained).
    """
    target = write_new_file(window, parent, heading, period.info.title, lambda t: PeriodDocument.create(t, period).close(), heading, keep)
    return target if target is not None and window.open_path(target) else None


def write_new_file(
    window: MainWindow,
    parent: QWidget,
    heading: str,
    title: str,
    write: Callable[[Path], object],
    failed: str,
    keep: Iterable[Path] = (),
) -> Path | None:
    """Ask where to save (dialog ``heading``, ``title`` proposed in the open file's folder), then
    ``write`` the file there holding its lock. The file, or None (cancelled, or the failure shown
    under ``failed``). The target is never the open file, one of ``keep`` or a file held open."""
    suggested = start_folder(window) / f"{title}{SUFFIX}"
    target = choose_output(parent, heading, suggested, FILE_FILTER, SUFFIX, open_files(window), inputs=keep)
    if target is None:
        return None
    try:
        with holding(target):
            write(target)
    except UserError as error:
        ui.error(parent, failed, str(error))
        return None
    return target


@contextlib.contextmanager
def holding(target: Path) -> Iterator[None]:
    """Hold the lock of the period file ``target`` while it is written, so that no other window
    opens the old file in the moment it is replaced. Raises TargetRefused if another window got
    there first; a folder where no lock can be made is left to the writing to explain."""
    lock, locked = try_lock(target, 0)
    if not locked and lock.error() == QLockFile.LockError.LockFailedError:
        raise TargetRefused(f"「{target.name}」正由{lock_holder(lock)}打开，不能被覆盖。请另选一个文件名。")
    try:
        yield
    finally:
        if locked:
            lock.unlock()


def save_as(window: MainWindow) -> None:
    """另存为: copy the open file (backup API) and go on editing the copy."""
    if window.session is None:
        return
    document = window.session.document
    target = write_new_file(window, window, "另存为", document.period.info.title, document.file.save_copy, "另存为失败")
    if target is not None and window.open_path(target):
        window.show_status(f"已另存为「{target}」，之后的修改保存在这个文件中", 10000)


def new_period(window: MainWindow) -> None:
    """新建期间: the open period's units, groups and scheme with empty tallies; the period after the
    open one is proposed."""
    if window.session is None:
        return
    current = window.session.document.period.info
    proposal = next_period(current, date.today())
    info = ask_period_info(window, replace(proposal, notes=current.notes), "新建期间", with_notes=False)
    if info is None:
        return
    info = PeriodInfo(info.title, info.start, info.end, info.cutoff, current.notes)
    document = window.session.document
    target = write_new_file(window, window, "保存新期间", info.title, lambda t: document.new_period(t, info).close(), "新建期间失败")
    if target is not None:
        window.open_path(target)
