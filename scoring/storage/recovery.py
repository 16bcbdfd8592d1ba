"""A journal beside a period file: roll it back only if it belongs to this file.

SQLite "rolls back" any hot journal named ``FILE-journal`` into ``FILE``. When the file was
replaced meanwhile (a copy restored after a crash on a shared folder), the old journal's pages
would be written into the restored copy and damage it. So before SQLite may see a journal,
the file and the journal are copied into a temporary folder and the rollback is tried there:
the journal must match the file (page size, change counter, size) and the rolled-back copy
must pass the full check. Only then does SQLite roll back the real file, under an exclusive
lock, and the result is checked again; should it still be damaged, the file's bytes are put back
before the lock is released. A journal that does not belong is renamed, kept beside the file,
and the user is told where it went.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scoring.storage.errors import UnfinishedChangeError, UnreadableError
from scoring.storage.header import page_size_of

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
JOURNAL_SUFFIX = "-journal"


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def pending_journal(path: Path) -> Path | None:
    """The journal SQLite would treat as hot (it rolls back any that does not start with zero)."""
    journal = journal_of(path)
    try:
        with journal.open("rb") as handle:
            first = handle.read(1)
    except FileNotFoundError:
        return None
    except OSError:
        return journal  # there, but unreadable: SQLite would try it too
    return journal if first not in (b"", b"\x00") else None


@dataclass(frozen=True)
class Snapshot:
    """The bytes of the file and its journal before anything was rolled back."""

    database: bytes
    journal: bytes
    stats: tuple[tuple[int, int], tuple[int, int]]


def take_snapshot(path: Path, journal: Path) -> Snapshot:
    stats = (_stat(path), _stat(journal))
    return Snapshot(path.read_bytes(), journal.read_bytes(), stats)


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def unchanged(path: Path, snapshot: Snapshot) -> bool:
    """Nobody wrote the file or the journal since the snapshot (else the journal was live)."""
    try:
        return (_stat(path), _stat(journal_of(path))) == snapshot.stats
    except OSError:
        return False


def _journal_pages(journal: bytes, page_size: int) -> dict[int, bytes]:
    """Page number -> original content for every record in every segment of a rollback journal."""
    pages: dict[int, bytes] = {}
    offset = 0
    while journal[offset : offset + 8] == JOURNAL_MAGIC:
        records = int.from_bytes(journal[offset + 8 : offset + 12], "big")
        sector = int.from_bytes(journal[offset + 20 : offset + 24], "big") or 512
        if int.from_bytes(journal[offset + 24 : offset + 28], "big") != page_size or sector & (sector - 1):
            return pages
        position = offset + sector
        record_size = page_size + 8
        if records in (0, 0xFFFFFFFF):
            records = (len(journal) - position) // record_size
        for _ in range(records):
            record = journal[position : position + record_size]
            if len(record) < record_size:
                return pages
            pages.setdefault(int.from_bytes(record[:4], "big"), record[4 : 4 + page_size])
            position += record_size
        offset = -(-position // sector) * sector
    return pages


def matches(database: bytes, journal: bytes) -> bool:
    """Whether ``journal`` can be the journal of an interrupted change of ``database``."""
    if journal[:8] != JOURNAL_MAGIC or len(database) < 100:
        return False
    page_size = page_size_of(database)
    if int.from_bytes(journal[24:28], "big") != page_size:
        return False
    counter = int.from_bytes(database[24:28], "big")
    first_page = _journal_pages(journal, page_size).get(1)
    if first_page is not None:
        before = int.from_bytes(first_page[24:28], "big")
        return counter in (before, (before + 1) & 0xFFFFFFFF)
    # Page 1 was never written during the change, so the file's header is the one it started with.
    if int.from_bytes(database[92:96], "big") != counter:
        return True
    return int.from_bytes(database[28:32], "big") == int.from_bytes(journal[16:20], "big")


def trial_rollback(snapshot: Snapshot, verify: Callable[[sqlite3.Connection], None]) -> bool:
    """Roll the journal back into a copy of the file in a temporary folder; True if the result is sound."""
    with tempfile.TemporaryDirectory(prefix="infoscore-") as folder:
        copy = Path(folder) / "trial.zwxx"
        copy.write_bytes(snapshot.database)
        journal_of(copy).write_bytes(snapshot.journal)
        conn = sqlite3.connect(os.fspath(copy), isolation_level=None)
        try:
            conn.execute("PRAGMA query_only = ON")
            verify(conn)
            return True
        except Exception:  # noqa: BLE001 - any failure means the journal does not belong
            return False
        finally:
            conn.close()


def move_aside(path: Path, snapshot: Snapshot) -> Path:
    """Rename the journal so SQLite never uses it; keep it (write it back if SQLite removed it)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}{JOURNAL_SUFFIX}.不属于此文件-{stamp}")
    journal = journal_of(path)
    try:
        os.replace(journal, aside)
    except FileNotFoundError:
        aside.write_bytes(snapshot.journal)
    return aside


def put_back(path: Path, snapshot: Snapshot) -> None:
    """Write the file's bytes as they were before a rollback that turned out to damage it."""
    with path.open("r+b") as handle:
        handle.write(snapshot.database)
        handle.truncate(len(snapshot.database))
        handle.flush()
        os.fsync(handle.fileno())


def foreign_journal_note(path: Path, aside: Path) -> str:
    return (
        f"「{path.name}」旁边的「{path.name}{JOURNAL_SUFFIX}」不属于这个文件（可能是恢复或复制文件之前留下的），"
        f"用它恢复会把文件弄坏，所以没有使用它，文件保持原样。它已改名为「{aside.name}」，"
        f"保留在同一文件夹（{aside.parent}）中。"
    )


def settle(path: Path, attempts: int = 3) -> Snapshot | None:
    """A snapshot of a journal that stays put (a live change finishes within milliseconds)."""
    for _ in range(attempts):
        journal = pending_journal(path)
        if journal is None:
            return None
        try:
            snapshot = take_snapshot(path, journal)
        except OSError:
            time.sleep(0.05)
            continue
        if unchanged(path, snapshot):
            return snapshot
        time.sleep(0.05)
    return None


def examine(path: Path, notes: list[str], verify: Callable[[sqlite3.Connection], None]) -> tuple[Snapshot | None, bool]:
    """Deal with a journal beside the file before SQLite sees it.

    Returns the snapshot taken before a rollback SQLite is now allowed to do (None if there is
    nothing to roll back), and whether the file must be opened ignoring a foreign journal.
    """
    snapshot = settle(path)
    if snapshot is None:
        return None, False  # no journal, or a live one that SQLite's locking handles
    belongs = matches(snapshot.database, snapshot.journal) and trial_rollback(snapshot, verify)
    can_write = writable(path)
    if belongs:
        if not can_write:
            raise UnfinishedChangeError(path, "文件或所在的文件夹是只读的")
        return snapshot, False
    if not unchanged(path, snapshot):
        return None, False  # it was a live change after all, now finished
    if not can_write:
        notes.append(f"旁边的「{path.name}{JOURNAL_SUFFIX}」不属于这个文件，已忽略它，文件保持原样。")
        return None, True
    try:
        aside = move_aside(path, snapshot)
    except OSError as error:
        raise UnreadableError(path, f"无法把不属于这个文件的「{path.name}{JOURNAL_SUFFIX}」移开") from error
    notes.append(foreign_journal_note(path, aside))
    return None, False


def writable(path: Path) -> bool:
    # SQLite writes a journal beside the file, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
