"""SQLite's failures reach the clerk as Chinese causes, never as English text or a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scoring.storage import PeriodFile
from scoring.storage.errors import BUSY, DAMAGED, MOVED, UnreadableError, describe_sqlite_error


def _locked_elsewhere(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_a_file_another_program_holds_is_busy_not_damaged(sample_copy: Path) -> None:
    other = _locked_elsewhere(sample_copy)
    try:
        with pytest.raises(UnreadableError) as raised:
            PeriodFile.open(sample_copy)
    finally:
        other.close()
    assert BUSY in str(raised.value) and "程序没有改动它" in str(raised.value)
    PeriodFile.open(sample_copy).close()  # once the other program lets go, the file opens


def test_a_file_moved_while_open_is_named_as_moved(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    path.rename(tmp_path / "b.db")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert describe_sqlite_error(raised.value) == MOVED


def test_an_error_without_a_known_code_falls_back_to_the_given_cause() -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("SELEC 1")
    conn.close()
    assert describe_sqlite_error(raised.value) == DAMAGED
    assert describe_sqlite_error(raised.value, "升级步骤失败") == "升级步骤失败"


@pytest.mark.parametrize(("text", "cause"), [("database is locked", BUSY), ("database disk image is malformed", DAMAGED),
                                              ("something else", DAMAGED)])
def test_an_error_without_a_code_is_recognised_by_its_text(text: str, cause: str) -> None:
    assert describe_sqlite_error(sqlite3.OperationalError(text)) == cause
