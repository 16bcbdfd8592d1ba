"""The period file (.zwxx): one SQLite database per period, owned by this module.

Rollback journal (files may sit on a shared folder, where WAL does not work), synchronous
FULL, foreign keys on. Every change runs in its own transaction and is committed before the
caller hears that it succeeded. Opening checks the file before touching it: a missing file,
something that is not SQLite, another program's database, a newer format or a damaged file
each raise their own error and leave the file exactly as it was.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from scoring.atomic import atomic_path
from scoring.model import Period
from scoring.storage import schema
from scoring.storage.codec import PeriodWriter, load_period
from scoring.storage.errors import (
    CorruptFileError,
    FileMissingError,
    ForeignDatabaseError,
    MigrationError,
    NewerVersionError,
    NotAPeriodFileError,
    ReadOnlyError,
    WriteFailedError,
)

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


def current_user() -> str:
    """The operating-system user, recorded in the audit log."""
    try:
        return getpass.getuser()
    except Exception:  # no login name available (e.g. a service account)
        return os.environ.get("USERNAME") or "未知用户"


def _read_header(path: Path) -> bytes:
    if not path.exists():
        raise FileMissingError(path)
    if not path.is_file():
        raise NotAPeriodFileError(path)
    try:
        with path.open("rb") as handle:
            return handle.read(_HEADER_SIZE)
    except OSError as error:
        raise CorruptFileError(path, f"读取失败：{error.strerror or error}") from error


def check_header(path: Path) -> int:
    """Check the file's SQLite header without opening it as a database; return its schema version."""
    header = _read_header(path)
    if len(header) == 0:
        raise CorruptFileError(path, "文件是空的")
    if len(header) < _HEADER_SIZE and (header.startswith(_MAGIC) or _MAGIC.startswith(header)):
        raise CorruptFileError(path, "文件被截断")
    if not header.startswith(_MAGIC):
        raise NotAPeriodFileError(path)
    application_id = int.from_bytes(header[68:72], "big")
    user_version = int.from_bytes(header[60:64], "big")
    if application_id != schema.APPLICATION_ID:
        raise ForeignDatabaseError(path)
    if user_version > schema.SCHEMA_VERSION:
        raise NewerVersionError(path, user_version, schema.SCHEMA_VERSION)
    if user_version < 1:
        raise CorruptFileError(path, "缺少文件格式版本")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    hot_journal = Path(f"{path}-journal").exists()
    if not hot_journal and valid_for == change_counter and path.stat().st_size < page_size * page_count:
        raise CorruptFileError(path, "文件被截断")
    return user_version


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.旧版v{version}备份-{stamp}{path.suffix}")


class PeriodFile:
    """An open period file. Use :meth:`open` or :meth:`create`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool, why_read_only: str = "") -> None:
        self.path = path
        self._conn = conn
        self.read_only = read_only
        self.why_read_only = why_read_only
        self.user = current_user()
        self.migration_backup: Path | None = None

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False, why: str = "") -> PeriodFile:
        path = Path(path)
        version = check_header(path)
        if not read_only and not _writable(path):
            read_only, why = True, why or "文件或所在文件夹是只读的"
        try:
            conn = _connect(path)
            if read_only:
                conn.execute("PRAGMA query_only = ON")
            result = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as error:
            with contextlib.suppress(Exception):
                conn.close()
            raise CorruptFileError(path, str(error)) from error
        if result != [("ok",)]:
            conn.close()
            raise CorruptFileError(path, "数据库完整性检查未通过")
        opened = cls(path, conn, read_only, why)
        if version < schema.SCHEMA_VERSION:
            if read_only:
                conn.close()
                raise MigrationError(path, f"文件是旧版格式（第 {version} 版），需要升级，但{why}")
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
                writer.audit("新建期间文件", period.info.title, None, None)
                conn.execute("COMMIT")
            finally:
                conn.close()
        return cls.open(path)

    def _migrate(self, version: int) -> None:
        backup = _backup_path(self.path, version)
        self.save_copy(backup)
        self.migration_backup = backup
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            while version < schema.SCHEMA_VERSION:
                schema.MIGRATIONS[version](self._conn)
                version += 1
            self._conn.execute(f"PRAGMA user_version = {version}")
            PeriodWriter(self._conn, self.user).audit("升级文件格式", self.path.name, None, f"第 {version} 版")
            self._conn.execute("COMMIT")
        except Exception as error:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._conn.close()
            raise MigrationError(self.path, str(error)) from error

    # -- reading and writing -----------------------------------------------------------
    def load(self) -> Period:
        return load_period(self._conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PeriodWriter]:
        """Yield a writer; commit when the block ends, roll back if it raises."""
        if self.read_only:
            raise ReadOnlyError(self.path, self.why_read_only or "文件以只读方式打开")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise WriteFailedError(self.path, _describe(error)) from error
        try:
            yield PeriodWriter(self._conn, self.user)
            self._conn.execute("COMMIT")
        except BaseException as error:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise WriteFailedError(self.path, _describe(error)) from error
            raise

    def read_fresh(self) -> tuple[int, Period]:
        """The period as the file holds it now, read in one transaction, with its data version."""
        try:
            self._conn.execute("BEGIN")
            try:
                return self.data_version(), load_period(self._conn)
            finally:
                self._conn.execute("COMMIT")
        except sqlite3.Error as error:
            raise CorruptFileError(self.path, f"读取失败：{_describe(error)}") from error

    def data_version(self) -> int:
        """A number that changes whenever another connection (window, program or PC) commits to the file."""
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as error:
            raise CorruptFileError(self.path, f"读取失败：{_describe(error)}") from error

    def audit_log(self) -> list[tuple[str, str, str, str, str | None, str | None]]:
        return self._conn.execute("SELECT at, user, action, target, old, new FROM audit_log ORDER BY id").fetchall()

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of this file to ``target`` (SQLite backup API, atomic replace)."""
        target = Path(target)
        with atomic_path(target) as temporary:
            destination = sqlite3.connect(os.fspath(temporary))
            try:
                self._conn.backup(destination)
            finally:
                destination.close()
        return target

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PeriodFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _writable(path: Path) -> bool:
    # SQLite writes a journal beside the file, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _describe(error: sqlite3.Error) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return "文件正被其他程序或其他电脑使用"
    if "readonly" in text or "read-only" in text:
        return "文件是只读的"
    if "disk" in text and "full" in text:
        return "磁盘已满"
    return f"数据库错误（{text}）"
