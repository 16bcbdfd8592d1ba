"""A seeded corpus of damaged period files made from the shipped sample.

Every case is a name and a function that writes the damaged file (and maybe a journal beside
it) into a folder. Damage: bit flips and overwrites (zeros, 0xFF, random bytes) at offsets in
the header and in the page header, cell pointers and cell content of every page, whole pages
zeroed or scrambled, truncations, appended garbage, and journals beside a good file that do
not belong to it.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SAMPLE_PERIOD

SEED = 20261130
BASE = SAMPLE_PERIOD.read_bytes()
Writer = Callable[[Path, dict[str, bytes]], None]
# Journals beside a good copy of the sample (made by the test module, which can crash a writer):
JOURNALS = (
    "journal of a copy edited since",  # the restored-copy case: a crash after 20 more edits
    "journal of another period",  # a crash while editing a different, larger file
    "journal of the same unchanged file",  # a crash of this very state: rolled back legitimately
    "journal header with random pages",
    "journal of random bytes",
    "journal of zeros",
)


def _page_map() -> dict[int, str]:
    """Page number -> what it holds (table or index name and page type), from SQLite's dbstat."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "map.zwxx"
        copy.write_bytes(BASE)
        conn = sqlite3.connect(copy)
        pages = {number: f"{name}/{kind}" for name, number, kind in
                 conn.execute("SELECT name, pageno, pagetype FROM dbstat")}
        conn.close()
    return pages


def _damaged(data: bytes) -> Writer:
    def write(path: Path, journals: dict[str, bytes]) -> None:
        path.write_bytes(data)

    return write


def _patched(offset: int, replacement: bytes) -> bytes:
    data = bytearray(BASE)
    data[offset : offset + len(replacement)] = replacement
    return bytes(data[: len(BASE)])


def _flip(offset: int, bit: int) -> bytes:
    data = bytearray(BASE)
    data[offset] ^= 1 << bit
    return bytes(data)


def build_cases() -> dict[str, Writer]:
    rng = random.Random(SEED)
    page_size = int.from_bytes(BASE[16:18], "big")
    cases: dict[str, Writer] = {}
    for offset in range(100):  # every byte of the file header, one random bit each
        bit = rng.randrange(8)
        cases[f"header byte {offset} bit {bit}"] = _damaged(_flip(offset, bit))
    for number, holds in sorted(_page_map().items()):
        start = (number - 1) * page_size
        header = start + (100 if number == 1 else 0)
        regions = {
            "page header": header + rng.randrange(8),
            "cell pointers": header + 8 + rng.randrange(24),
            "cell content": start + page_size - 1 - rng.randrange(page_size // 3),
        }
        for region, offset in regions.items():
            where = f"page {number} ({holds}) {region} @{offset}"
            cases[f"{where} bit flip"] = _damaged(_flip(offset, rng.randrange(8)))
            cases[f"{where} 16 zeros"] = _damaged(_patched(offset, bytes(16)))
            cases[f"{where} 16 x FF"] = _damaged(_patched(offset, b"\xff" * 16))
            cases[f"{where} 16 random"] = _damaged(_patched(offset, rng.randbytes(16)))
        cases[f"page {number} ({holds}) zeroed"] = _damaged(_patched(start, bytes(page_size)))
        cases[f"page {number} ({holds}) random"] = _damaged(_patched(start, rng.randbytes(page_size)))
    for length in sorted({0, 1, 16, 50, 99, 100, 101, 1024, page_size, page_size + 1, 3 * page_size,
                          len(BASE) // 2, len(BASE) - page_size, len(BASE) - 1}):
        cases[f"truncated to {length} bytes"] = _damaged(BASE[:length])
    for size in (1, 100, page_size, 3 * page_size + 7):
        cases[f"{size} random bytes appended"] = _damaged(BASE + rng.randbytes(size))
    cases["a page of zeros appended"] = _damaged(BASE + bytes(page_size))
    for name in JOURNALS:
        cases[f"good file, {name} beside it"] = _with_journal(name)
    return cases


def _with_journal(name: str) -> Writer:
    def write(path: Path, journals: dict[str, bytes]) -> None:
        path.write_bytes(BASE)
        path.with_name(path.name + "-journal").write_bytes(journals[name])

    return write


def made_up_journals(rng: random.Random) -> dict[str, bytes]:
    """The journals that need no crashed writer."""
    page_size = int.from_bytes(BASE[16:18], "big")
    header = (bytes.fromhex("d9d505f920a163d7") + (3).to_bytes(4, "big") + rng.randbytes(4)
              + (len(BASE) // page_size).to_bytes(4, "big") + (512).to_bytes(4, "big") + page_size.to_bytes(4, "big"))
    records = b"".join(
        rng.randrange(1, 19).to_bytes(4, "big") + rng.randbytes(page_size) + rng.randbytes(4) for _ in range(3)
    )
    return {
        "journal header with random pages": header.ljust(512, b"\0") + records,
        "journal of random bytes": b"\x01" + rng.randbytes(3 * page_size),
        "journal of zeros": bytes(2 * page_size),
    }
