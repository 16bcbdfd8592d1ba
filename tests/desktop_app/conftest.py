"""Fixtures for the window tests: an isolated home folder and a window on a sample copy."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, logs and documents of the program go under tmp_path, never the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv("INFOSCORE_HOME", str(home))
    return home


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Message boxes are recorded instead of shown (they would block)."""
    shown: list[tuple[str, object]] = []
    import desktop_app.main_window as main_window

    monkeypatch.setattr(main_window, "show_error", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(main_window, "show_problems", lambda parent, title, problems: shown.append((title, problems)))
    return shown


@pytest.fixture
def window(qtbot, sample_copy: Path, messages):
    from desktop_app.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_path(sample_copy)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
