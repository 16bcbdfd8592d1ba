"""Why a period file could not be opened or changed; every message is for the user (Chinese).

SQLite's own (English) error text never reaches a message: :func:`describe_sqlite_error` turns
an error into a Chinese cause by its result code, and the English text only goes to the log.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from scoring.errors import UserError

log = logging.getLogger(__name__)


class PeriodFileError(UserError):
    """Base of every period-file problem. ``str()`` is a complete Chinese sentence."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"无法打开「{self.path.name}」：{detail}")


class FileMissingError(PeriodFileError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, f"找不到这个文件（{Path(path).parent}）。它可能已被移动、改名或删除。")


class NotAPeriodFileError(PeriodFileError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "这不是考核期间文件（.zwxx）。请选择由本程序保存的期间文件，表格请用“导入”。")


class ForeignDatabaseError(PeriodFileError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "这是其他程序的数据库文件，不是考核期间文件，程序没有改动它。")


class NewerVersionError(PeriodFileError):
    def __init__(self, path: str | Path, found: int, supported: int) -> None:
        self.found, self.supported = found, supported
        super().__init__(
            path,
            f"这个文件由较新版本的程序保存（文件格式第 {found} 版，本程序只认识到第 {supported} 版）。"
            "请安装新版本后再打开，程序没有改动它。",
        )


class CorruptFileError(PeriodFileError):
    def __init__(self, path: str | Path, why: str = "") -> None:
        extra = f"（{why}）" if why else ""
        super().__init__(
            path,
            f"文件已损坏或不完整{extra}，可能是复制中断或磁盘故障。请改用备份副本，程序没有改动它。",
        )


class ContentChangedError(CorruptFileError):
    """The content does not add up to the digest stored with it (see scoring.storage.digest)."""

    WHY = "文件内容与保存时的校验值不符：文件在程序之外被改动或已损坏"

    def __init__(self, path: str | Path) -> None:
        PeriodFileError.__init__(self, path, f"{self.WHY}。请改用备份副本，程序没有改动它。")


class UnreadableError(PeriodFileError):
    """The file could not be read for a reason other than damage (busy, network, memory)."""

    def __init__(self, path: str | Path, why: str) -> None:
        super().__init__(path, f"读取文件时出错：{why}。程序没有改动它，请稍后再试。")


class UnfinishedChangeError(PeriodFileError):
    """A hot journal (a change interrupted by a crash) needs rolling back, which needs writing."""

    def __init__(self, path: str | Path, why: str) -> None:
        journal = f"{Path(path).name}-journal"
        super().__init__(
            path,
            f"文件中有一次没有完成的修改（上次程序或电脑意外中断时留下的「{journal}」），需要先恢复才能打开，"
            f"但{why}。请把这个文件和「{journal}」一起复制到可以写入的文件夹后再打开。文件没有损坏，程序没有改动它。",
        )


class MigrationError(PeriodFileError):
    def __init__(self, path: str | Path, why: str) -> None:
        super().__init__(path, f"升级旧版文件格式时出错：{why}。原文件未被改动。")


class ReadOnlyError(PeriodFileError):
    def __init__(self, path: str | Path, why: str = "文件以只读方式打开") -> None:
        UserError.__init__(self, f"不能修改「{Path(path).name}」：{why}。")
        self.path, self.detail = Path(path), why


class WriteFailedError(PeriodFileError):
    def __init__(self, path: str | Path, why: str) -> None:
        UserError.__init__(self, f"保存到「{Path(path).name}」失败：{why}。这次修改没有生效。")
        self.path, self.detail = Path(path), why


DISK_FULL = "磁盘空间不足，请清理磁盘或把文件移到有空间的磁盘后再修改"
MOVED = "文件在打开期间被移动、改名或删除了，请重新打开它"
BUSY = "文件正被其他程序或其他电脑使用"
DAMAGED = "文件已损坏"

_EXTENDED = {
    getattr(sqlite3, "SQLITE_READONLY_DBMOVED", 1032): MOVED,
    getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776): "文件中有一次没有完成的修改需要恢复，但文件或文件夹是只读的",
    getattr(sqlite3, "SQLITE_READONLY_DIRECTORY", 1544): "文件所在的文件夹是只读的",
}
_PRIMARY = {
    3: "没有访问这个文件的权限",  # SQLITE_PERM
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
    7: "内存不足",  # SQLITE_NOMEM
    8: "文件或所在文件夹是只读的",  # SQLITE_READONLY
    10: "读写磁盘时出错（磁盘故障或网络中断）",  # SQLITE_IOERR
    11: DAMAGED,  # SQLITE_CORRUPT
    13: DISK_FULL,  # SQLITE_FULL
    14: "无法访问文件或它所在的文件夹（可能被移动、删除或网络已断开）",  # SQLITE_CANTOPEN
    15: BUSY,  # SQLITE_PROTOCOL
    19: "数据不符合文件的规则",  # SQLITE_CONSTRAINT
    20: DAMAGED,  # SQLITE_MISMATCH
    22: "文件太大",  # SQLITE_NOLFS
    23: "没有访问这个文件的权限",  # SQLITE_AUTH
    24: DAMAGED,  # SQLITE_FORMAT
    26: DAMAGED,  # SQLITE_NOTADB
}
# Older Pythons (3.10) do not carry the result code on the exception: match SQLite's texts.
_TEXTS = (
    ("disk is full", DISK_FULL),
    ("locked", BUSY),
    ("busy", BUSY),
    ("malformed", DAMAGED),
    ("not a database", DAMAGED),
    ("readonly", "文件或所在文件夹是只读的"),
    ("disk i/o", "读写磁盘时出错（磁盘故障或网络中断）"),
    ("unable to open", "无法访问文件或它所在的文件夹（可能被移动、删除或网络已断开）"),
    ("out of memory", "内存不足"),
)


def error_code(error: BaseException) -> int | None:
    return getattr(error, "sqlite_errorcode", None)


def describe_sqlite_error(error: BaseException, default: str = DAMAGED) -> str:
    """A Chinese cause for a sqlite3 error; the English original is logged, never shown."""
    log.warning("sqlite error: %r (code %s)", error, error_code(error))
    code = error_code(error)
    if code is not None:
        if code in _EXTENDED:
            return _EXTENDED[code]
        if code & 0xFF in _PRIMARY:
            return _PRIMARY[code & 0xFF]
        return default
    text = str(error).lower()
    return next((chinese for english, chinese in _TEXTS if english in text), default)
