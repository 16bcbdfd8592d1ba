"""The content digest: one number in the file that every stored value adds to.

SQLite keeps no checksums, so a flipped bit inside a stored value (a digit of a count, a
character of a reason) leaves a file every SQLite check accepts, with one value silently
wrong. The period file therefore keeps, under the ``content_digest`` key of ``period_info``
(16 hex digits; no new table, so no schema version), the sum modulo 2**64 of a 64-bit BLAKE2b
hash of every row of every table and of every schema entry. The sum does not depend on the
order of rows, so a change costs what the rows it touches cost: TEMP triggers on every table of
a writable connection (:func:`install`) subtract the hash of each old row and add the hash of
each new one. Opening recomputes the sum over everything (:func:`check`) and refuses a file
whose sum differs.

What the digest covers, found by looking at the file (so tables added by later versions are
covered without changing this module): every column of every table (a row's hidden rowid is
not content and VACUUM may renumber it; SQLite's own ``sqlite_*`` tables are SQLite's
bookkeeping), the digest row itself excepted; and the type, name, table and SQL text of every
schema entry except SQLite's statistics (``ANALYZE``): a flipped bit in a ``DEFAULT`` would
change what later rows get. Each row is encoded as a JSON array of its values in forms that say
their type (text as hex digits, so that every byte counts), hashed with its table's name.

A file without a digest (written before digests existed, such as the shipped sample) opens as
it is and gets its digest in the first change written to it (:func:`seal`).
"""

from __future__ import annotations

import sqlite3
from hashlib import blake2b

DIGEST_TABLE = "period_info"  # a key/value table (key first) that every version has
DIGEST_KEY = "content_digest"
FUNCTION = "zwxx_digest_step"
TRIGGER_PREFIX = "zwxx_digest_"
SCHEMA_ROWS = "sqlite_master"  # the name schema entries are hashed under
_MASK = (1 << 64) - 1
_PERSON = b"zwxx-digest-v1"  # changing any encoding here needs a new key, or old files look damaged
# The encoding of the digest row begins with its key (see _row_sql): it adds nothing.
_DIGEST_ROW = b'["' + DIGEST_KEY.encode().hex().upper().encode() + b'",'


class Mismatch(Exception):
    """The stored digest is not the one the file's content adds up to, or is not a digest."""


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _value_sql(expression: str) -> str:
    # Only renderings that no SQLite version changes: integers, null, text as hex digits; a blob
    # or a real (never written by the program) as an object holding its type and quote().
    return (
        f"CASE typeof({expression}) WHEN 'text' THEN hex({expression}) WHEN 'integer' THEN {expression} "
        f"WHEN 'null' THEN NULL ELSE json_object(typeof({expression}), quote({expression})) END"
    )


def _row_sql(columns: list[str], prefix: str = "") -> str:
    """SQL for a row's canonical encoding: a JSON array (one function call a row, which is what
    makes adding up a big file fast), as a blob so that no text is ever decoded."""
    return "CAST(json_array(" + ", ".join(_value_sql(prefix + _name(column)) for column in columns) + ") AS BLOB)"


def _hash(table: str, encoded: bytes | None) -> int:
    if encoded is None or (table == DIGEST_TABLE and encoded.startswith(_DIGEST_ROW)):
        return 0
    digest = blake2b(table.encode() + b"\0" + encoded, digest_size=8, person=_PERSON).digest()
    return int.from_bytes(digest, "little")


def _tables(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """Every table of the file (not SQLite's own) with its columns, as the file declares them."""
    try:
        names = [
            bytes(name).decode()
            for (name,) in conn.execute(
                "SELECT CAST(name AS BLOB) FROM main.sqlite_master "
                "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            )
        ]
        return [
            (name, [column[1] for column in conn.execute(f"PRAGMA main.table_info({_name(name)})")])
            for name in names
        ]
    except UnicodeDecodeError as error:  # pragma: no cover - damaged file: a name that is not UTF-8
        raise Mismatch("a table or column name is not UTF-8") from error


def compute(conn: sqlite3.Connection) -> int:
    """The digest of everything the file holds now (inside the caller's transaction)."""
    total = 0
    schema_rows = conn.execute(
        f"SELECT {_row_sql(['type', 'name', 'tbl_name', 'sql'])} FROM main.sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'"
    )
    total += sum(_hash(SCHEMA_ROWS, encoded) for (encoded,) in schema_rows)
    for table, columns in _tables(conn):
        rows = conn.execute(f"SELECT {_row_sql(columns)} FROM main.{_name(table)}")
        if table == DIGEST_TABLE:
            total += sum(_hash(table, encoded) for (encoded,) in rows)
            continue
        start = blake2b(table.encode() + b"\0", digest_size=8, person=_PERSON).copy
        for (encoded,) in rows:  # (the hot loop of opening a big file: _hash, inlined)
            row = start()
            row.update(encoded)
            total += int.from_bytes(row.digest(), "little")
    return total & _MASK


def _parse(stored: object) -> int:
    if not isinstance(stored, str) or len(stored) != 16 or stored.strip("0123456789abcdef"):
        raise Mismatch("the stored digest is not 16 hex digits")
    return int(stored, 16)


def _format(value: int) -> str:
    return f"{value & _MASK:016x}"


def stored(conn: sqlite3.Connection) -> int | None:
    """The digest the file holds; None for a file written before digests existed."""
    row = conn.execute(
        f"SELECT CAST(value AS BLOB) FROM main.{_name(DIGEST_TABLE)} WHERE key = ?", (DIGEST_KEY,)
    ).fetchone()
    if row is None:
        return None
    try:
        return _parse(bytes(row[0]).decode("ascii"))
    except (UnicodeDecodeError, TypeError) as error:
        raise Mismatch("the stored digest is not text") from error


# Files of this schema version on were all written by programs that keep the digest: one without
# it has lost it (the row deleted, or its key damaged) and is not trusted.
REQUIRED_FROM_VERSION = 3


def check(conn: sqlite3.Connection) -> None:
    """Raise :class:`Mismatch` unless the file's content adds up to the digest it holds."""
    expected = stored(conn)
    if expected is None:
        if conn.execute("PRAGMA user_version").fetchone()[0] >= REQUIRED_FROM_VERSION:
            raise Mismatch("a file of this version must hold a digest")
        return
    if compute(conn) != expected:
        raise Mismatch("the content does not add up to the stored digest")


def seal(conn: sqlite3.Connection) -> None:
    """Store the digest of the file as it is now (inside the caller's write transaction)."""
    conn.execute(
        f"INSERT OR REPLACE INTO main.{_name(DIGEST_TABLE)} (key, value) VALUES (?, ?)",
        (DIGEST_KEY, _format(compute(conn))),
    )


def _step(value: str, table: str, old: bytes | None, new: bytes | None) -> str:
    if old == new:  # an UPDATE that left the row as it was
        return value
    return _format(_parse(value) - _hash(table, old) + _hash(table, new))


def install(conn: sqlite3.Connection) -> None:
    """(Re)create the TEMP triggers that keep the digest up to date on this connection, one set
    per table the file has now. Inside a transaction they vanish if it rolls back."""
    conn.create_function(FUNCTION, 4, _step, deterministic=True)
    conn.execute("PRAGMA recursive_triggers = ON")  # else a REPLACE deletes rows without telling
    existing = conn.execute(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
        (TRIGGER_PREFIX.replace("_", "\\_") + "%",),
    ).fetchall()
    for (name,) in existing:
        conn.execute(f"DROP TRIGGER temp.{_name(name)}")
    key = _literal(DIGEST_KEY)
    for index, (table, columns) in enumerate(_tables(conn)):
        old, new = _row_sql(columns, "OLD."), _row_sql(columns, "NEW.")
        own = table == DIGEST_TABLE  # its triggers change it: never for the digest row itself
        events = (
            ("insert", "NULL", new, f"WHEN NEW.key IS NOT {key}" if own else ""),
            ("update", old, new, f"WHEN OLD.key IS NOT {key} OR NEW.key IS NOT {key}" if own else ""),
            ("delete", old, "NULL", f"WHEN OLD.key IS NOT {key}" if own else ""),
        )
        for event, before, after, when in events:
            conn.execute(
                f"CREATE TEMP TRIGGER {_name(f'{TRIGGER_PREFIX}{index}_{event}')} "
                f"AFTER {event.upper()} ON main.{_name(table)} {when} BEGIN "
                f"UPDATE {_name(DIGEST_TABLE)} SET value = {FUNCTION}(value, {_literal(table)}, {before}, {after}) "
                f"WHERE key = {key}; END"
            )
