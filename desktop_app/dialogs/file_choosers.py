"""File choosers in one place, so that tests can replace them (they would block offscreen).

Every 保存/导出 chooser goes through :func:`choose_output`: it adds the format's suffix, refuses
(and asks again) a target that would destroy an open or locked period file or an input, and
asks before replacing a file the dialog itself did not warn about.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.dialogs import messages
from scoring.output_target import TargetRefused, check_output, with_suffix


def ask_open_path(parent: QWidget | None, title: str, folder: str, file_filter: str) -> str:
    """The chosen file, or "" if the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
    """Where to save, or "" if the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


def choose_output(
    parent: QWidget | None,
    title: str,
    suggested: str | os.PathLike[str],
    file_filter: str,
    suffix: str,
    keep: Iterable[str | os.PathLike[str]] = (),
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Ask where to write an output until the answer may be written; None if the user cancels.

    ``keep``: the period file open in the window; ``inputs``: the files the output is made from.
    """
    keep, inputs = list(keep), list(inputs)
    suggested = os.fspath(suggested)
    while True:
        chosen = ask_save_path(parent, title, suggested, file_filter)
        if not chosen:
            return None
        target = with_suffix(chosen, suffix)
        suggested = str(target)
        try:
            check_output(target, open_files=keep, inputs=inputs)
        except TargetRefused as error:
            messages.show_error(parent, title, str(error))
            continue
        if target != Path(chosen) and target.exists():  # the dialog asked about the name without suffix
            if not messages.confirm(parent, title, f"「{target.name}」已经存在，要替换它吗？"):
                continue
        return target
