"""Fixtures for the window tests: an isolated home folder and a window on a sample copy."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, logs and documents of the program go under tmp_path, never the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv("INFOSCORE_HOME", str(home))
    return home


class Questions(list):
    """Yes/no questions the program asked, in order; each is answered with ``answer``."""

    answer = True


class SaveAnswers(list):
    """What the user picks in the save dialogs, in order; once used up the dialog is cancelled.
    ``suggested`` records the name each dialog proposed."""

    suggested: list[str]


class FakeUi:
    """Stands in for every box and chooser of desktop_app.dialogs.ui (they would block offscreen).

    ``shown``: the errors, problems and warnings, as (title, text or list of problems);
    ``questions``: the yes/no questions, answered with ``questions.answer``;
    ``save_answers`` / ``open_answers``: what the user picks in save / open dialogs, in order
    (a list for a multi-file open dialog); once used up the dialog is cancelled.
    ``opened_titles``: the title of each open dialog."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, object]] = []
        self.questions = Questions()
        self.save_answers = SaveAnswers()
        self.save_answers.suggested = []
        self.open_answers: list[object] = []
        self.opened_titles: list[str] = []
        self.about_texts: list[str] = []
        self.crashes: list[str] = []

    def error(self, parent, title: str, text: str) -> None:
        self.shown.append((title, text))

    def warning(self, parent, title: str, text: str) -> None:
        self.shown.append((title, text))

    def problems(self, parent, title: str, problems: list[str]) -> None:
        self.shown.append((title, problems))

    def confirm(self, parent, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.questions.answer

    def about(self, parent, title: str, html: str) -> None:
        self.about_texts.append(html)

    def crash(self, text: str, details: str) -> None:
        self.crashes.append(details)

    def ask_save_path(self, parent, title: str, suggested: str, file_filter: str) -> str:
        self.save_answers.suggested.append(suggested)
        return str(self.save_answers.pop(0)) if self.save_answers else ""

    def _next_open(self, title: str) -> object:
        self.opened_titles.append(title)
        return self.open_answers.pop(0) if self.open_answers else None

    def ask_open_path(self, parent, title: str, folder: str, file_filter: str) -> str:
        answer = self._next_open(title)
        return str(answer) if answer else ""

    def ask_open_paths(self, parent, title: str, folder: str, file_filter: str) -> list[str]:
        answer = self._next_open(title)
        return [str(p) for p in answer] if answer else []  # type: ignore[union-attr]


@pytest.fixture(autouse=True)
def ui(monkeypatch: pytest.MonkeyPatch) -> FakeUi:
    """The one fake of the user's side: every window test gets it, so no box can ever block."""
    from desktop_app.dialogs import ui as ui_module

    fake = FakeUi()
    for name in ("error", "warning", "problems", "confirm", "about", "crash", "ask_save_path", "ask_open_path",
                 "ask_open_paths"):
        monkeypatch.setattr(ui_module.ui, name, getattr(fake, name))
    return fake


@pytest.fixture
def messages(ui: FakeUi) -> list[tuple[str, object]]:
    """The message boxes shown, as (title, text or problems)."""
    return ui.shown


@pytest.fixture
def questions(ui: FakeUi) -> Questions:
    return ui.questions


@pytest.fixture
def save_answers(ui: FakeUi) -> SaveAnswers:
    return ui.save_answers


@pytest.fixture
def open_answers(ui: FakeUi) -> list[object]:
    """What the user picks in open dialogs, in order (a list of paths for a multi-file dialog)."""
    return ui.open_answers


@contextlib.contextmanager
def shown_window(qtbot, path: Path):
    """A main window with the period file ``path`` open, on screen; closed at the end."""
    from desktop_app.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_path(path)
    main.show()
    qtbot.waitExposed(main)
    try:
        yield main
    finally:
        main.close()


@pytest.fixture
def window(qtbot, sample_copy: Path, messages):
    with shown_window(qtbot, sample_copy) as main:
        yield main
