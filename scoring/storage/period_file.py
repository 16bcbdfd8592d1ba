"""The period file (.zwxx): one SQLite database per period, owned by this module.

Rollback journal (files may sit on a shared folder, where WAL does not work), synchronous
FULL, foreign keys on. Every change runs in its own transaction and is committed before the
caller hears that it succeeded. Opening checks the file before trusting it: the header, a
journal left beside it (:mod:`scoring.storage.recovery`), then the full ``integrity_check``
and ``foreign_key_check``, then the content digest (:mod:`scoring.storage.digest`), which every
write keeps up to date. A whole period is read in one read transaction (one snapshot),
so a writer elsewhere can never make a read see half a change. Every problem raises its own
Chinese :class:`PeriodFileError` and leaves the file exactly as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from scoring.atomic import atomic_path
from scoring.audit import FILE_CREATE, FILE_UPGRADE, AuditEntry, action_code
from scoring.errors import OutputError
from scoring.model import Period
from scoring.storage import digest, recovery, schema
from scoring.storage.audit_user import current_user
from scoring.storage.codec import PeriodWriter, load_period
from scoring.storage.errors import (
    BUSY,
    DAMAGED,
    MOVED,
    ContentChangedError,
    CorruptFileError,
    MigrationError,
    PeriodFileError,
    ReadOnlyError,
    UnreadableError,
    WriteFailedError,
    describe_sqlite_error,
)
from scoring.storage.header import check_header

T = TypeVar("T")
log = logging.getLogger(__name__)
# What decoding rows that contradict each other raises (a unit of a missing group, a bad number).
DECODING_ERRORS = (KeyError, ValueError, TypeError, IndexError, ArithmeticError, AttributeError)
INCONSISTENT = "文件中的数据互相矛盾"
CHANGED_ELSEWHERE = (
    "文件在打开之后被其他程序或其他电脑修改过，为避免互相覆盖，这次修改没有保存。请关闭文件后重新打开，再做修改"
)


def _connect(path: Path, immutable: bool = False) -> sqlite3.Connection:
    if immutable:  # never looks at a journal and never writes; only for a journal that is not ours
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def read_error(path: Path, error: BaseException) -> PeriodFileError:
    """The Chinese error for anything that went wrong while reading ``path``."""
    if isinstance(error, sqlite3.Error):
        why = describe_sqlite_error(error)
        return CorruptFileError(path) if why == DAMAGED else UnreadableError(path, why)
    log.warning("inconsistent rows in %s", path, exc_info=error)  # for maintainers: which rows, why
    return CorruptFileError(path, INCONSISTENT)


def verify(conn: sqlite3.Connection, begin: str = "BEGIN") -> None:
    """Full check of an open file in one transaction (``begin``); raises _Damage or sqlite3.Error.

    With ``BEGIN EXCLUSIVE`` the transaction is left open when the check fails, so that the
    caller can undo a harmful rollback before any other program sees the file.
    """
    conn.execute(begin)
    failed = True
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise _Damage("数据库完整性检查未通过")
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise _Damage(INCONSISTENT)
        if conn.execute("PRAGMA application_id").fetchone()[0] != schema.APPLICATION_ID:
            raise _Damage("文件开头的格式信息已损坏")  # pragma: no cover - damaged file: the header check refuses it first
        try:
            digest.check(conn)
        except digest.Mismatch as mismatch:
            raise _Changed(str(mismatch)) from None
        failed = False
    finally:
        if not (failed and begin == "BEGIN EXCLUSIVE") and conn.in_transaction:
            conn.execute("ROLLBACK")


def _verify_rollback(conn: sqlite3.Connection, path: Path, snapshot: recovery.Snapshot) -> bool:
    """Let SQLite roll back the journal under an exclusive lock and check the result. If the
    result is damaged, put the file's bytes back and set the journal aside while still holding the
    lock. False if the journal turned out to be live (another program holds the file)."""
    conn.execute("PRAGMA busy_timeout = 300")
    try:
        verify(conn, "BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as error:  # pragma: no cover - race: another program locked the file since the check
        if describe_sqlite_error(error) != BUSY or conn.in_transaction:
            raise
        return False  # a live change elsewhere: not ours to roll back
    except (_Damage, sqlite3.DatabaseError):  # failed the check, or too malformed to be checked
        if recovery.pending_journal(path) is not None:  # pragma: no cover - damaged file: SQLite could not roll back at all
            raise
        recovery.put_back(path, snapshot)  # the rollback did harm after all: undo it
        raise _PutBack(recovery.move_aside(path, snapshot)) from None
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("PRAGMA busy_timeout = 5000")
    return True


class _PutBack(Exception):
    def __init__(self, aside: Path) -> None:
        super().__init__(str(aside))
        self.aside = aside


class _Damage(Exception):
    pass


class _Changed(_Damage):
    """The content does not add up to the digest stored with it."""


def _text(value: object) -> object:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.旧版v{version}备份-{stamp}{path.suffix}")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


class PeriodFile:
    """An open period file. Use :meth:`open` or :meth:`create`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool, why_read_only: str = "") -> None:
        self.path = path
        self._conn = conn
        self.read_only = read_only
        self.why_read_only = why_read_only
        self.user = current_user()
        self.migration_backup: Path | None = None
        self.notes: list[str] = []  # what opening did that the user should know (in Chinese)
        self._identity = _identity(path)
        self._seen: int | None = None  # data_version when the period was last read (see transaction)
        self._triggers_for: int | None = None  # the schema version the digest triggers were made for

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False, why: str = "") -> PeriodFile:
        path = Path(path)
        check_header(path, journal_pending=recovery.pending_journal(path) is not None)
        if not read_only and not recovery.writable(path):
            read_only, why = True, why or "文件或所在文件夹是只读的"
        notes: list[str] = []
        snapshot, immutable = recovery.examine(path, notes, verify)
        if immutable:
            read_only, why = True, "旁边有不属于这个文件的日志文件，而文件夹是只读的，无法把它移开"
        try:
            conn = _connect(path, immutable)
        except (sqlite3.Error, UnicodeDecodeError) as error:  # (SQLite quoting damaged bytes)
            if immutable:  # pragma: no cover - e.g. a path SQLite cannot take as a URI, beside a foreign journal in a read-only folder
                raise UnreadableError(
                    path,
                    f"旁边的「{path.name}{recovery.JOURNAL_SUFFIX}」不属于这个文件，而文件夹是只读的，无法把它移开；"
                    "请把这个文件单独复制到其他文件夹后再打开",
                ) from error
            raise read_error(path, error) from error
        try:
            rolled_back = snapshot is not None and _verify_rollback(conn, path, snapshot)
            if read_only:  # (after the rollback: query_only forbids BEGIN EXCLUSIVE)
                conn.execute("PRAGMA query_only = ON")
            if not rolled_back:
                verify(conn)
        except _PutBack as put_back:
            conn.close()
            opened = cls.open(path, read_only=read_only, why=why)
            opened.notes[:0] = [recovery.foreign_journal_note(path, put_back.aside)]
            return opened
        except OSError as failure:  # putting the bytes back failed
            conn.close()
            raise UnreadableError(path, "用旁边的日志文件恢复后文件不完整，而且没能复原") from failure
        except (sqlite3.Error, _Damage, UnicodeDecodeError) as error:
            conn.close()
            if isinstance(error, _Changed):
                raise ContentChangedError(path) from None
            if isinstance(error, _Damage):
                raise CorruptFileError(path, str(error)) from None
            raise read_error(path, error) from error
        try:
            version = check_header(path)  # again: a rollback may have changed the header
        except PeriodFileError:  # pragma: no cover - damaged file: the rolled-back header is refused
            conn.close()
            raise
        opened = cls(path, conn, read_only, why)
        opened.notes = notes
        if version < schema.SCHEMA_VERSION:
            if read_only:  # read an upgraded copy in memory: the file itself stays as it is
                try:
                    opened._conn = schema.upgraded_in_memory(conn, version)
                except sqlite3.Error as error:
                    raise MigrationError(path, describe_sqlite_error(error, "升级步骤失败")) from error
                finally:
                    conn.close()
            else:
                opened._migrate(version)
        return opened

    @classmethod
    def create(cls, path: str | os.PathLike[str], period: Period) -> PeriodFile:
        """Write ``period`` as a new file at ``path`` (replacing it atomically) and open it."""
        path = Path(path)
        with atomic_path(path) as temporary:
            conn = _connect(temporary)
            try:
                conn.execute("BEGIN IMMEDIATE")
                schema.create(conn)
                writer = PeriodWriter(conn, current_user())
                writer.write_period(period)
                writer.audit(FILE_CREATE, period.info.title, None, None)
                digest.seal(conn)
                conn.execute("COMMIT")
            finally:  # a failure (a full disk) is explained by atomic_path, which leaves nothing behind
                conn.close()
        return cls.open(path)

    def _migrate(self, version: int) -> None:
        backup = _backup_path(self.path, version)
        try:
            self.save_copy(backup)
        except OutputError as error:  # no backup, no upgrade: the file stays as it was
            self._conn.close()
            raise MigrationError(self.path, f"升级前的备份没能保存（{error}）") from error
        self.migration_backup = backup
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            while version < schema.SCHEMA_VERSION:
                schema.MIGRATIONS[version](self._conn)
                version += 1
            self._conn.execute(f"PRAGMA user_version = {version}")
            PeriodWriter(self._conn, self.user).audit(FILE_UPGRADE, self.path.name, None, f"第 {version} 版")
            digest.seal(self._conn)  # (checked on opening, before the upgrade)
            self._conn.execute("COMMIT")
        except Exception as error:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._conn.close()
            why = describe_sqlite_error(error, "升级步骤失败") if isinstance(error, sqlite3.Error) else "升级步骤失败"
            raise MigrationError(self.path, why) from error

    # -- reading and writing -----------------------------------------------------------
    def read(self, reader: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``reader`` in one read transaction (one snapshot); any failure is a Chinese file error."""
        try:
            if self._conn.in_transaction:  # inside a change: that transaction is the snapshot
                return reader(self._conn)
            self._conn.execute("BEGIN")
            try:
                result = reader(self._conn)
                self._seen = self._data_version()  # the version of the file this read saw
                return result
            finally:
                self._conn.execute("ROLLBACK")
        except (sqlite3.Error, *DECODING_ERRORS) as error:
            raise read_error(self.path, error) from error

    def load(self) -> Period:
        return self.read(load_period)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PeriodWriter]:
        """Yield a writer; commit when the block ends, roll back if it raises."""
        if self.read_only:
            raise ReadOnlyError(self.path, self.why_read_only or "文件以只读方式打开")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._write_error(error) from error
        if self._seen is not None and self._data_version() != self._seen:
            self._conn.execute("ROLLBACK")
            raise WriteFailedError(self.path, CHANGED_ELSEWHERE)
        try:
            # Rewriting the header first puts page 1, with the change counter, in the journal: a
            # journal left by a crash then names the exact file it belongs to (recovery.matches).
            self._conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            layout = self._prepare_digest()
            yield PeriodWriter(self._conn, self.user)
            if self._schema_version() != layout:  # tables changed: add everything up again
                digest.seal(self._conn)
            self._conn.execute("COMMIT")
        except BaseException as error:
            self._triggers_for = None  # (made in the transaction, they went with its rollback)
            if self._conn.in_transaction:  # pragma: no branch - SQLite ends it itself only on damage
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise self._write_error(error) from error
            if isinstance(error, digest.Mismatch):
                raise WriteFailedError(self.path, ContentChangedError.WHY) from error
            raise

    def _prepare_digest(self) -> int:
        """Triggers that keep the digest up to date for the tables the file has now (a file open
        for writing holds a digest: it was checked on opening, or added by the upgrade). Returns
        the schema version."""
        layout = self._schema_version()
        if self._triggers_for != layout:
            digest.install(self._conn)
            self._triggers_for = layout
        if digest.stored(self._conn) is None:  # (an unreadable one raises Mismatch itself)
            raise digest.Mismatch("the digest went missing while the file was open")
        return layout

    def _schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA schema_version").fetchone()[0])

    def read_fresh(self) -> tuple[int, Period]:
        """The period as the file holds it now (one snapshot), with the data version it was read at."""
        period = self.load()
        return self._seen if self._seen is not None else self.data_version(), period

    def data_version(self) -> int:
        """A number that changes whenever another connection (window, program or PC) commits to the file."""
        try:
            return self._data_version()
        except sqlite3.Error as error:  # pragma: no cover - disk or network failure while following the file
            raise read_error(self.path, error) from error

    def _data_version(self) -> int:
        """Changes when another connection (program, PC) commits to the file; never for our own commits."""
        version: int = self._conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    def _write_error(self, error: sqlite3.Error) -> WriteFailedError:
        if _identity(self.path) != self._identity:
            return WriteFailedError(self.path, MOVED)
        return WriteFailedError(self.path, describe_sqlite_error(error, "写入失败"))

    def audit_log(self) -> list[AuditEntry]:
        """The history of changes, each action as a code (an older file's Chinese action text too, see
        :mod:`scoring.audit`). A damaged entry shows as "�" rather than refusing a sound period."""

        def entries(conn: sqlite3.Connection) -> list[AuditEntry]:
            cursor = conn.execute("SELECT at, user, action, target, old, new FROM audit_log ORDER BY id")
            rows = [AuditEntry._make(_text(value) for value in row) for row in cursor]
            return [row._replace(action=action_code(row.action)) for row in rows]

        factory = self._conn.text_factory
        self._conn.text_factory = bytes
        try:
            return self.read(entries)
        finally:
            self._conn.text_factory = factory

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of this file to ``target`` (SQLite backup API, atomic replace)."""
        target = Path(target)
        with atomic_path(target) as temporary:
            destination = sqlite3.connect(os.fspath(temporary))
            try:
                self._conn.backup(destination)
            finally:  # a failure (a full disk) is explained by atomic_path, which leaves nothing behind
                destination.close()
        return target

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PeriodFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
