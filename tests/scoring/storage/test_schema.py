"""The schema: a file upgraded step by step has the same tables and columns as a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scoring.storage import schema
from tests.conftest import FIXTURES


def _layout(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {
        table: sorted(
            (name, kind, notnull, pk) for _, name, kind, notnull, _, pk in conn.execute(f"PRAGMA table_info({table})")
        )
        for table in tables
    }


def _new_file(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    schema.create(conn)
    conn.execute("COMMIT")
    return conn


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_every_migration_step_leads_to_the_schema_of_a_new_file(tmp_path: Path, version: int) -> None:
    old = sqlite3.connect(tmp_path / "old.zwxx", isolation_level=None)
    source = sqlite3.connect(FIXTURES / f"period-v{version}.zwxx")
    source.backup(old)
    source.close()
    old.execute("BEGIN")
    for step in range(version, schema.SCHEMA_VERSION):
        schema.MIGRATIONS[step](old)
    old.execute("COMMIT")
    new = _new_file(tmp_path / "new.zwxx")
    assert _layout(old) == _layout(new)
    old.close()
    new.close()


def test_a_new_file_is_marked_as_ours_with_the_current_version(tmp_path: Path) -> None:
    conn = _new_file(tmp_path / "new.zwxx")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
