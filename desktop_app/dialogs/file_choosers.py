"""Choosing where an output goes.

Every 保存/导出 chooser goes through :func:`choose_output`: it adds the format's suffix, refuses
(and asks again) a target that would destroy an open or locked period file or an input, and
asks before replacing a file the dialog itself did not warn about.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop_app.dialogs.ui import ui
from scoring.output_target import TargetRefused, check_output, with_suffix


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
        chosen = ui.ask_save_path(parent, title, suggested, file_filter)
        if not chosen:
            return None
        target = with_suffix(chosen, suffix)
        suggested = str(target)
        try:
            check_output(target, open_files=keep, inputs=inputs)
        except TargetRefused as error:
            ui.error(parent, title, str(error))
            continue
        if target != Path(chosen) and target.exists():  # the dialog asked about the name without suffix
            if not ui.confirm(parent, title, f"「{target.name}」已经存在，要替换它吗？"):
                continue
        return target
