"""Starting the window: Qt application, translations, error handling, which file to open."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import APP_NAME, ORGANIZATION, __version__


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop_app", description="打开政务信息报送考核程序窗口")
    parser.add_argument("period", nargs="?", help="要打开的期间文件（.zwxx）")
    parser.add_argument("--sample", action="store_true", help="打开示例期间（2023年上半年）")
    return parser.parse_args(argv)


def load_translations(app) -> None:
    """Qt's own texts (file dialogs, buttons, context menus) in Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def choose_file(args: argparse.Namespace, window) -> None:
    """The file named on the command line, else the last one, else (first run) the sample."""
    from desktop_app.paths import sample_copy

    if args.period:
        window.open_path(Path(args.period))
    elif args.sample:
        window.open_path(sample_copy())
    elif (last := window.settings.last_file()) is not None and last.exists():
        window.open_path(last)
    elif not window.settings.first_run_done():
        window.open_path(sample_copy())
    elif last is not None:
        window.statusBar().showMessage(f"上次打开的文件「{last}」已不存在", 15000)
    window.settings.mark_first_run_done()


def run_gui(argv: Sequence[str]) -> int:
    args = parse_gui_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    from desktop_app import crash

    crash.setup_logging()
    crash.enable_crash_log()
    crash.install_excepthook()
    load_translations(app)
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    choose_file(args, window)
    window.show()
    return app.exec()
