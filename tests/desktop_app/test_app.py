"""Starting the program: which file opens, what it remembers, what happens on errors."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app import crash
from desktop_app.actions import Action
from desktop_app.app import choose_file, parse_gui_args
from desktop_app.app_settings import AppSettings
from desktop_app.main_window import MainWindow
from desktop_app.paths import log_file
from scoring.resources import SAMPLE_PERIOD, resource_path


def _window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_first_run_opens_a_copy_of_the_sample_and_later_runs_the_last_file(qtbot, isolated_home, messages) -> None:
    shipped = resource_path(SAMPLE_PERIOD).read_bytes()
    window = _window(qtbot)
    choose_file(parse_gui_args([]), window)
    assert window.session is not None
    opened = window.session.document.path
    assert opened.is_relative_to(isolated_home) and opened.name == "2023年上半年（示例）.zwxx"
    assert "2023年上半年" in window.windowTitle() and opened.name in window.windowTitle()
    window.close()
    assert resource_path(SAMPLE_PERIOD).read_bytes() == shipped

    other = isolated_home / "七月.zwxx"
    other.write_bytes(shipped)
    second = _window(qtbot)
    choose_file(parse_gui_args([str(other)]), second)
    second.close()
    third = _window(qtbot)
    choose_file(parse_gui_args([]), third)
    assert third.session.document.path == other
    assert AppSettings().recent_files()[:2] == [other, opened]
    third.close()


def test_missing_last_file_shows_the_welcome_page(qtbot, isolated_home, sample_copy, messages) -> None:
    window = _window(qtbot)
    choose_file(parse_gui_args([str(sample_copy)]), window)
    window.close()
    sample_copy.unlink()
    again = _window(qtbot)
    choose_file(parse_gui_args([]), again)
    assert again.session is None and again.pages.currentIndex() == 0
    assert "已不存在" in again.statusBar().currentMessage()


def test_bad_file_is_explained_and_the_current_one_stays(qtbot, sample_copy, tmp_path, messages) -> None:
    window = _window(qtbot)
    window.open_path(sample_copy)
    bad = tmp_path / "坏文件.zwxx"
    bad.write_text("not a period", encoding="utf-8")
    assert not window.open_path(bad)
    assert messages[-1][0] == "无法打开文件" and "不是考核期间文件" in messages[-1][1]
    assert window.session.document.path == sample_copy
    window.close()


def test_unexpected_errors_are_logged_and_shown(qtbot, monkeypatch, ui) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "stderr", None)
    crash.setup_logging()
    crash.install_excepthook()
    try:
        raise RuntimeError("意外")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert ui.crashes and "RuntimeError: 意外" in ui.crashes[0]
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    assert "RuntimeError: 意外" in log_file().read_text(encoding="utf-8")


def test_save_as_switches_to_the_copy(qtbot, sample_copy, tmp_path, save_answers, messages) -> None:
    window = _window(qtbot)
    window.open_path(sample_copy)
    target = tmp_path / "副本"
    save_answers.append(target)
    window.save_as()
    assert window.session.document.path == target.with_suffix(".zwxx")
    assert not window.session.read_only
    window.close()


def test_new_period_copies_units_with_empty_tallies(qtbot, sample_copy, tmp_path, monkeypatch, save_answers, messages) -> None:
    import desktop_app.new_file as new_file
    from scoring.model import PeriodInfo

    window = _window(qtbot)
    window.open_path(sample_copy)
    monkeypatch.setattr(new_file, "ask_period_info", lambda *a, **k: PeriodInfo("2023年7月"))
    save_answers.append(tmp_path / "7月")
    window.new_period()
    period = window.session.document.period
    assert period.info.title == "2023年7月" and len(period.units) == 57
    assert all(t.submitted == 0 for t in period.tallies.values())
    assert window.views[0].source.data(window.views[0].source.index(0, 0)) == "市发改委"
    window.close()


def test_undo_that_cannot_be_written_is_reported(qtbot, sample_copy, messages) -> None:
    from scoring.model import SUBMITTED
    from scoring.storage import WriteFailedError

    window = _window(qtbot)
    window.open_path(sample_copy)
    model = window.views[0].source
    column = model.column_of("tally", SUBMITTED)
    model.setData(model.index(0, column), "99")

    def refuse(*args, **kwargs):
        raise WriteFailedError(sample_copy, "磁盘已满")

    window.session.document.file.transaction = refuse
    window.action(Action.UNDO).trigger()
    qtbot.waitUntil(lambda: bool(messages))
    assert "磁盘已满" in messages[-1][1]
    assert model.data(model.index(0, column)) == "99"
    window.close()


def test_paths_never_point_beside_the_program(isolated_home) -> None:
    assert log_file().is_relative_to(isolated_home)
    assert Path(AppSettings()._settings.fileName()).is_relative_to(isolated_home)
