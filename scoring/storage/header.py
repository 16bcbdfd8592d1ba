"""The first 100 bytes of a period file, checked before SQLite is allowed near the file.

A damaged header is reported as damage, not as "another program's database" or "a newer
version": a version number or application id that a bit flip produced is not plausible.
"""

from __future__ import annotations

from pathlib import Path

from scoring.storage import schema
from scoring.storage.errors import (
    CorruptFileError,
    FileMissingError,
    ForeignDatabaseError,
    NewerVersionError,
    NotAPeriodFileError,
)

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# A newer program adds a version per schema change: thousands of versions are not plausible.
MAX_PLAUSIBLE_VERSION = 999
DAMAGED_HEADER = "文件开头的格式信息已损坏"


def read_header(path: Path) -> bytes:
    if not path.exists():
        raise FileMissingError(path)
    if not path.is_file():
        raise NotAPeriodFileError(path)
    try:
        with path.open("rb") as handle:
            return handle.read(HEADER_SIZE)
    except OSError as error:
        raise CorruptFileError(path, "无法读取文件") from error


def _near(found: int, expected: int, bits: int) -> bool:
    return (found ^ expected).bit_count() <= bits


def page_size_of(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def check_header(path: Path, journal_pending: bool = False) -> int:
    """Check the file's SQLite header without opening it as a database; return its schema version."""
    header = read_header(path)
    if len(header) == 0:
        raise CorruptFileError(path, "文件是空的")
    ours = schema.APPLICATION_ID.to_bytes(4, "big")
    if len(header) < HEADER_SIZE:
        if header.startswith(MAGIC) or MAGIC.startswith(header):
            raise CorruptFileError(path, "文件被截断")
        raise NotAPeriodFileError(path)
    if not header.startswith(MAGIC):
        differing = sum(a != b for a, b in zip(header[:16], MAGIC, strict=True))
        if header[68:72] == ours or differing <= 4:
            raise CorruptFileError(path, DAMAGED_HEADER)
        raise NotAPeriodFileError(path)
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != schema.APPLICATION_ID:
        if _near(application_id, schema.APPLICATION_ID, 3):
            raise CorruptFileError(path, DAMAGED_HEADER)
        raise ForeignDatabaseError(path)
    page_size = page_size_of(header)
    if (
        page_size < 512
        or page_size & (page_size - 1)
        or header[18] not in (1, 2)
        or header[19] not in (1, 2)
        or header[20] != 0
        or header[21:24] != b"\x40\x20\x20"
        or int.from_bytes(header[44:48], "big") not in (1, 2, 3, 4)
        or int.from_bytes(header[56:60], "big") not in (1, 2, 3)
    ):
        raise CorruptFileError(path, DAMAGED_HEADER)
    user_version = int.from_bytes(header[60:64], "big")
    if user_version > MAX_PLAUSIBLE_VERSION:
        raise CorruptFileError(path, DAMAGED_HEADER)
    if user_version > schema.SCHEMA_VERSION:
        raise NewerVersionError(path, user_version, schema.SCHEMA_VERSION)
    if user_version < 1:
        raise CorruptFileError(path, "缺少文件格式版本")
    page_count = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    if not journal_pending and valid_for == change_counter and path.stat().st_size < page_size * page_count:
        raise CorruptFileError(path, "文件被截断")
    return user_version
