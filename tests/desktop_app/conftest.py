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
    from desktop_app.dialogs import messages as dialog_messages

    for module in (main_window, dialog_messages):
        monkeypatch.setattr(module, "show_error", lambda parent, title, text: shown.append((title, text)))
        monkeypatch.setattr(module, "show_problems", lambda parent, title, problems: shown.append((title, problems)))
    return shown


class Questions(list):
    """Yes/no questions the program asked, in order; each is answered with ``answer``."""

    answer = True


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    from desktop_app.dialogs import messages as dialog_messages

    asked = Questions()

    def confirm(parent, title: str, text: str) -> bool:
        asked.append(text)
        return asked.answer

    monkeypatch.setattr(dialog_messages, "confirm", confirm)
    return asked


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


class SaveAnswers(list):
    """What the user picks in the save dialogs, in order; once used up the dialog is cancelled.
    ``suggested`` records the name each dialog proposed."""

    suggested: list[str]


@pytest.fixture
def save_answers(monkeypatch: pytest.MonkeyPatch) -> SaveAnswers:
    from desktop_app.dialogs import file_choosers

    answers = SaveAnswers()
    answers.suggested = []

    def ask(parent, title: str, suggested: str, file_filter: str) -> str:
        answers.suggested.append(suggested)
        return str(answers.pop(0)) if answers else ""

    monkeypatch.setattr(file_choosers, "ask_save_path", ask)
    return answers
