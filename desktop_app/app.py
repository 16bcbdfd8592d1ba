"""Starting the window: Qt application, translations, error handling, which file to open.

``INFOSCORE_STARTUP_PROBE=FILE`` (benchmarks only, see benchmarks/bench_startup.py): once the
main window has been painted for the first time, append the wall-clock time (``time.time()``)
to FILE and quit, so start-to-window time can be measured from outside, frozen or not.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import APP_NAME, ORGANIZATION, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop_app", description="打开政务信息报送考核程序窗口")
    parser.add_argument("period", nargs="?", help="要打开的期间文件（.zwxx）")
    parser.add_argument("--sample", action="store_true", help="打开示例期间（2023年上半年）")
    return parser.parse_args(argv)


STARTUP_PROBE = "INFOSCORE_STARTUP_PROBE"


def load_translations(app) -> bool:
    """Qt's own texts (file dialogs, buttons, context menus) in Chinese; False if not found."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder)
    if loaded:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return loaded


def app_icon():
    """The window icon, from the PNGs drawn by build/make_icons.py (no image plugin needed)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from scoring.resources import APP_ICON_SIZES, app_icon_file

    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(str(app_icon_file(size)), QSize(size, size))
    return icon


def install_startup_probe(window) -> None:
    """See the module docstring; does nothing unless the variable is set."""
    target = os.environ.get(STARTUP_PROBE)
    if not target:
        return
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    def painted() -> None:
        with open(target, "a", encoding="ascii") as handle:
            handle.write(f"{time.time():.6f}\n")
        QApplication.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)  # after this paint has reached the screen
            return False

    window._startup_probe = FirstPaint(window)
    window.installEventFilter(window._startup_probe)


def choose_file(args: argparse.Namespace, window) -> None:
    """The file named on the command line, else the last one, else (first run) the sample.

    A file that cannot be opened never stops the program from starting: the window explains
    why (open_path) and shows the welcome page instead.
    """
    from desktop_app.paths import sample_copy

    if args.period:
        _open_at_start(window, Path(args.period))
    elif args.sample:
        _open_at_start(window, sample_copy())
    elif (last := window.settings.last_file()) is not None and last.exists():
        _open_at_start(window, last)
    elif not window.settings.first_run_done():
        _open_at_start(window, sample_copy())
    elif last is not None:
        window.show_status(f"上次打开的文件「{last}」已不存在", 15000)
    window.settings.mark_first_run_done()


def _open_at_start(window, path: Path) -> None:
    try:
        window.open_path(path)
    except Exception:  # noqa: BLE001 - logged; the clerk gets the welcome page and a message
        import logging

        logging.getLogger(__name__).exception("could not open %s at start-up", path)
        window.show_status(f"没能打开「{path.name}」，请从“文件”菜单重新打开或选择其他文件", 30000)


def create_application() -> QApplication:
    """The QApplication with the program's names (the app-data folder is named after them)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)  # not a windowless QGuiApplication: the program needs widgets
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def run_gui(argv: Sequence[str]) -> int:
    args = parse_gui_args(argv)
    app = create_application()
    from desktop_app import crash

    crash.setup_logging()
    crash.enable_crash_log()
    crash.install_excepthook()
    load_translations(app)
    app.setWindowIcon(app_icon())
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    app.aboutToQuit.connect(window.close)  # however the program ends, its file lock is released
    choose_file(args, window)
    install_startup_probe(window)
    window.show()
    return app.exec()
