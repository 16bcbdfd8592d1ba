"""The tables of a period file and the steps that bring older files up to date.

Every schema change adds a step to ``MIGRATIONS`` and a fixture file
``tests/fixtures/period-v<N>.zwxx`` for the version it leaves behind.
Settings live in key/value tables so that new scheme rules can be added without changing
existing tables: version 2 keeps the rules of :mod:`scoring.rules` (classes and quotas, rate
rules, caps and floors, the 达标 mark) as JSON under the ``rules`` scheme setting, and adds
the unit's class (``unit.category``), counted events (``event_column``, ``event_count``) and
the scores of the periods an accumulated period adds up (``accumulated_source``, ``source_score``).
Version 3 adds the item ledger (``item``, ``item_unit``, ``item_adoption``, ``item_instruction``),
约稿 tasks (``task``, ``task_unit``); ledger mode is the ``ledger`` period setting and the item
rules the ``item_rules`` scheme setting (JSON). Typed tallies stay in ``tally``/``adoption``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x5A575858  # "ZWXX": marks a file as ours
SCHEMA_VERSION = 3
SUFFIX = ".zwxx"

SCHEMA = """
CREATE TABLE period_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE scheme_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE channel (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE CHECK (name <> ''),
    position         INTEGER NOT NULL,
    dedicated_points TEXT NOT NULL,
    combined_points  TEXT NOT NULL,
    accepts_combined INTEGER NOT NULL CHECK (accepts_combined IN (0, 1))
);
CREATE TABLE unit_group (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (name <> ''),
    position        INTEGER NOT NULL,
    commend_count   INTEGER CHECK (commend_count >= 0),
    criticise_count INTEGER CHECK (criticise_count >= 0)
);
CREATE TABLE unit (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (name <> ''),
    group_id INTEGER NOT NULL REFERENCES unit_group (id),
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    category TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tally (
    unit_id   INTEGER PRIMARY KEY REFERENCES unit (id) ON DELETE CASCADE,
    submitted INTEGER NOT NULL DEFAULT 0 CHECK (submitted >= 0),
    adopted   INTEGER NOT NULL DEFAULT 0 CHECK (adopted >= 0)
);
CREATE TABLE adoption (
    unit_id    INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    dedicated  INTEGER NOT NULL CHECK (dedicated >= 0),
    combined   INTEGER NOT NULL CHECK (combined >= 0),
    PRIMARY KEY (unit_id, channel_id)
) WITHOUT ROWID;
CREATE INDEX adoption_channel ON adoption (channel_id);
CREATE TABLE adjustment (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    points   TEXT NOT NULL,
    reason   TEXT NOT NULL
);
CREATE INDEX adjustment_unit ON adjustment (unit_id);
CREATE TABLE list_override (
    unit_id INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    list    TEXT NOT NULL CHECK (list IN ('commend', 'criticise')),
    include INTEGER NOT NULL CHECK (include IN (0, 1)),
    reason  TEXT NOT NULL,
    PRIMARY KEY (unit_id, list)
) WITHOUT ROWID;
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    user   TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    old    TEXT,
    new    TEXT
);
"""

# Tables added in version 2 (see ``_to_version_2``).
ADDED_IN_2 = """
CREATE TABLE event_column (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (name <> ''),
    position INTEGER NOT NULL,
    points   TEXT NOT NULL
);
CREATE TABLE event_count (
    unit_id  INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES event_column (id) ON DELETE CASCADE,
    count    INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (unit_id, event_id)
) WITHOUT ROWID;
CREATE TABLE accumulated_source (
    position INTEGER PRIMARY KEY,
    label    TEXT NOT NULL
);
CREATE TABLE source_score (
    position INTEGER NOT NULL REFERENCES accumulated_source (position) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    score    TEXT NOT NULL,
    passed   INTEGER CHECK (passed IN (0, 1)),
    PRIMARY KEY (position, unit_id)
) WITHOUT ROWID;
"""

# Tables added in version 3 (see ``_to_version_3``).
ADDED_IN_3 = """
CREATE TABLE task (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL CHECK (title <> ''),
    deadline TEXT NOT NULL DEFAULT ''
);
CREATE TABLE task_unit (
    task_id  INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES unit (id),
    position INTEGER NOT NULL,
    answer   TEXT NOT NULL DEFAULT 'none' CHECK (answer IN ('on_time', 'late', 'none')),
    adopted  INTEGER NOT NULL DEFAULT 0 CHECK (adopted IN (0, 1)),
    PRIMARY KEY (task_id, unit_id)
) WITHOUT ROWID;
CREATE TABLE item (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    submitted_on TEXT NOT NULL,
    flags        TEXT NOT NULL DEFAULT '[]',
    task_id      INTEGER REFERENCES task (id)
);
CREATE TABLE item_unit (
    item_id  INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES unit (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX item_unit_unit ON item_unit (unit_id);
CREATE TABLE item_adoption (
    item_id    INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL REFERENCES channel (id),
    combined   INTEGER NOT NULL CHECK (combined IN (0, 1)),
    adopted_on TEXT NOT NULL DEFAULT '',
    issue      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, position)
) WITHOUT ROWID;
CREATE TABLE item_instruction (
    item_id  INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    level    TEXT NOT NULL CHECK (level <> ''),
    given_on TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, position)
) WITHOUT ROWID;
"""

Migration = Callable[[sqlite3.Connection], None]



def _run(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _to_version_2(conn: sqlite3.Connection) -> None:
    """Unit classes, counted events, accumulated sources; rules go in scheme_setting."""
    conn.execute("ALTER TABLE unit ADD COLUMN category TEXT NOT NULL DEFAULT ''")
    _run(conn, ADDED_IN_2)


def _to_version_3(conn: sqlite3.Connection) -> None:
    """The item ledger and 约稿 tasks; every existing period stays in typed mode."""
    _run(conn, ADDED_IN_3)


# from-version -> the step that turns it into from-version + 1 (run inside one transaction)
MIGRATIONS: dict[int, Migration] = {1: _to_version_2, 2: _to_version_3}


def create(conn: sqlite3.Connection) -> None:
    """Create the current schema in an empty database (inside the caller's transaction)."""
    _run(conn, SCHEMA + ADDED_IN_2 + ADDED_IN_3)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgraded_in_memory(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """An older file opened only to read (累计, 对比上期, a file another window holds): a copy of
    ``conn`` in memory, upgraded step by step as a writable open would upgrade the file."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.backup(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        memory.execute("BEGIN")
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](memory)
            version += 1
        memory.execute(f"PRAGMA user_version = {version}")
        memory.execute("COMMIT")
        memory.execute("PRAGMA query_only = ON")
    except BaseException:
        memory.close()
        raise
    return memory
