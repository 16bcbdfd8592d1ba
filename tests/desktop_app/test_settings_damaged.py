"""A damaged settings file never stops the program from starting."""

from __future__ import annotations

from pathlib import Path

from desktop_app.app import choose_file, parse_gui_args
from desktop_app.main_window import MainWindow
from desktop_app.paths import settings_file


def test_a_recent_files_entry_of_the_wrong_kind_starts_on_the_welcome_page(qtbot, isolated_home: Path) -> None:
    settings = settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    # what an editor or a disk error can leave behind: a byte array where a list of paths belongs
    settings.write_text("[General]\nfirst_run_done=true\nrecent_files=@ByteArray(C:/x.zwxx)\n", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    choose_file(parse_gui_args([]), window)
    assert window.session is None and window.pages.currentIndex() == 0
    assert window.settings.recent_files() == []
    window.close()
