"""Unexpected errors: written to a log in the app-data folder and shown, never a silent exit."""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from types import TracebackType

from desktop_app.paths import crash_file, log_file

log = logging.getLogger("infoscore")
_crash_handle = None


def setup_logging() -> None:
    handler = logging.FileHandler(log_file(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def enable_crash_log() -> None:
    """Hard crashes (in Qt's C++ code) still leave a Python stack in crash.log."""
    global _crash_handle
    _crash_handle = crash_file().open("a", encoding="utf-8")
    faulthandler.enable(_crash_handle)


def install_excepthook() -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("未处理的异常\n%s", text)
        if sys.stderr is not None:
            sys.stderr.write(text)
        show_crash_dialog(text)

    sys.excepthook = hook


def show_crash_dialog(details: str) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.dialogs.ui import ui

    if QApplication.instance() is None:
        return
    ui.crash(
        "程序遇到了意外错误。您的数据在出错之前已经保存在期间文件中。\n\n"
        f"错误详情已记录在：{log_file()}\n请把这个文件发给维护人员。",
        details,
    )
