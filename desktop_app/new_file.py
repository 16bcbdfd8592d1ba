"""Saving a period built in memory (imported, accumulated) as a new file and opening it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QWidget

from desktop_app.dialogs import messages
from desktop_app.dialogs.file_choosers import ask_save_path
from desktop_app.paths import documents_dir
from desktop_app.session import LOCK_SUFFIX, lock_holder
from scoring.atomic import OutputError
from scoring.document import PeriodDocument
from scoring.model import Period
from scoring.storage import SUFFIX, PeriodFileError

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

FILE_FILTER = f"考核期间文件 (*{SUFFIX})"


def start_folder(window: MainWindow) -> Path:
    return window.session.document.path.parent if window.session is not None else documents_dir()


def save_new_period(
    window: MainWindow, parent: QWidget, period: Period, heading: str, keep: Iterable[Path] = ()
) -> Path | None:
    """Ask where to save ``period``, write it as a new file and open it in the window.

    Refuses to overwrite the open file, a file another window has open, or one of ``keep``
    (e.g. the files being added up). Returns the new file, or None (cancelled or explained).
    """
    suggested = start_folder(window) / f"{period.info.title}{SUFFIX}"
    chosen = ask_save_path(parent, heading, str(suggested), FILE_FILTER)
    if not chosen:
        return None
    target = Path(chosen) if chosen.lower().endswith(SUFFIX) else Path(chosen + SUFFIX)
    protected = {path.resolve() for path in keep}
    if window.session is not None:
        protected.add(window.session.document.path.resolve())
    if target.resolve() in protected:
        messages.show_error(parent, heading, f"「{target.name}」是正在使用的期间文件，不能被覆盖。请另选一个文件名。")
        return None
    lock = QLockFile(str(target) + LOCK_SUFFIX)
    lock.setStaleLockTime(0)
    locked = lock.tryLock(0)
    if not locked and lock.error() == QLockFile.LockError.LockFailedError:
        messages.show_error(parent, heading, f"「{target.name}」正由{lock_holder(lock)}打开，不能被覆盖。请另选一个文件名。")
        return None
    try:  # a folder where no lock can be made is reported by the writing itself
        PeriodDocument.create(target, period).close()
    except (PeriodFileError, OutputError, OSError) as error:
        messages.show_error(parent, heading, str(error))
        return None
    finally:
        if locked:
            lock.unlock()
    return target if window.open_path(target) else None
