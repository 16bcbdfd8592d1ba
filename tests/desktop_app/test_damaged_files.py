"""Damaged files that SQLite's quick check lets through, met in the window: 对比上期, 累计 and
opening. Each is explained in Chinese; the window never shows 程序出错."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.actions import Action
from tests.desktop_app.editor_helpers import open_accumulate
from tests.scoring.storage.helpers import english_words

DAMAGE = {
    "unknown ranking method": "UPDATE scheme_setting SET value = '按心情' WHERE key = 'ranking'",
    "units of a group that is gone": "DELETE FROM unit_group WHERE id = 1",
    "text that is not UTF-8": "UPDATE unit SET name = CAST(X'C3FFFE' AS TEXT) WHERE id = 1",
}


def _damaged(folder: Path, statement: str) -> Path:
    path = folder / "坏的上期.zwxx"
    path.write_bytes(Path(__file__).parents[2].joinpath("resources/sample-2023H1.zwxx").read_bytes())
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", DAMAGE)
def test_comparing_with_a_damaged_file_is_explained(window, ui, tmp_path, messages, kind) -> None:
    bad = _damaged(tmp_path, DAMAGE[kind])
    ui.open_answers.append(bad)
    window.action(Action.COMPARE).trigger()
    title, text = messages[-1]
    assert title == "无法对比" and bad.name in text and "已损坏" in text and not english_words(text, bad)
    assert window.comparison is None


@pytest.mark.parametrize("kind", DAMAGE)
def test_adding_up_a_damaged_file_is_explained(window, ui, tmp_path, kind) -> None:
    bad = _damaged(tmp_path, DAMAGE[kind])
    dialog = open_accumulate(window, ui, [window.session.document.path, bad])
    assert not dialog.ok_button.isEnabled() and bad.name in dialog.summary.text() and "已损坏" in dialog.summary.text()
    dialog.reject()


@pytest.mark.parametrize("kind", DAMAGE)
def test_opening_a_damaged_file_is_explained_and_the_current_one_stays(window, tmp_path, messages, kind) -> None:
    current = window.session.document.path
    bad = _damaged(tmp_path, DAMAGE[kind])
    assert not window.open_path(bad)
    title, text = messages[-1]
    assert title == "无法打开文件" and "已损坏" in text and not english_words(text, bad)
    assert window.session.document.path == current
