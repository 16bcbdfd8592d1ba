"""A seeded corpus of damaged period files made from the shipped sample and a grown copy of it.

The shipped sample was written before files carried a content digest; the corpus damages it as
the program leaves it after its first change (with its digest, see scoring.storage.digest), so
that a flipped bit inside a stored value has something to disagree with.

Every case is a name, the base it damages and a function that writes the damaged file (and
maybe a journal beside it) into a folder. Damage: bit flips and overwrites (zeros, 0xFF,
random bytes) at offsets in the header and in the page header, cell pointers and cell content
of every page of the sample (all leaf pages) and of every other page type in the grown copy
(table and index interior pages, overflow pages, freelist trunk and leaf pages); whole pages
zeroed or scrambled, truncations, appended garbage, and journals beside a good file that do not
belong to it.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from tests.conftest import SAMPLE_PERIOD

SEED = 20261130
Writer = Callable[[Path, dict[str, bytes]], None]
Case = tuple[str, Writer]  # (base name, writer)
# Journals beside a good copy of the sample (made by the test module, which can crash a writer):
JOURNALS = (
    "journal of a copy edited since",  # the restored-copy case: a crash after 20 more edits
    "journal of another period",  # a crash while editing a different, larger file
    "journal of the same unchanged file",  # a crash of this very state: rolled back legitimately
    "journal header with random pages",
    "journal of random bytes",
    "journal of zeros",
)


def _grown(sample: bytes) -> bytes:
    """The sample after a long reason (overflow pages), a removed one (freelist pages) and a long
    history (interior pages), all written by the program itself."""
    from scoring.document import PeriodDocument
    from scoring.edits import SetAdjustments
    from scoring.model import Adjustment

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "grown.zwxx"
        path.write_bytes(sample)
        document = PeriodDocument.open(path)
        first, second = list(document.period.units)[:2]
        # Reasons longer than the editors accept (as a file from before the names rule may hold),
        # written by the storage layer itself: values that span overflow pages.
        with document.file.transaction() as writer:
            writer.set_adjustments(first, (Adjustment(Decimal(1), "约稿未按时报送" * 900),))
            writer.set_adjustments(second, (Adjustment(Decimal(2), "重复报送" * 1500),))
        with document.file.transaction() as writer:
            for index in range(400):
                writer.audit("tally.set", f"单位{index}／采用", str(index), str(index + 1))
        document.apply(SetAdjustments(second, ()))
        document.close()
        return path.read_bytes()


def _sealed(sample: bytes) -> bytes:
    """The sample after a change that changed nothing: the program gives it its digest."""
    from scoring.storage import PeriodFile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sealed.zwxx"
        path.write_bytes(sample)
        file = PeriodFile.open(path)
        with file.transaction():
            pass
        file.close()
        return path.read_bytes()


BASES = {"sample": _sealed(SAMPLE_PERIOD.read_bytes())}
BASES["grown"] = _grown(BASES["sample"])
BASE = BASES["sample"]


def page_map(data: bytes) -> dict[int, str]:
    """Page number -> what it holds: table or index and page type (SQLite's dbstat), or freelist."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "map.zwxx"
        copy.write_bytes(data)
        conn = sqlite3.connect(copy)
        pages = {number: f"{name}/{kind}" for name, number, kind in
                 conn.execute("SELECT name, pageno, pagetype FROM dbstat")}
        conn.close()
    page_size = int.from_bytes(data[16:18], "big")
    trunk = int.from_bytes(data[32:36], "big")
    while trunk:
        pages[trunk] = "freelist/trunk"
        start = (trunk - 1) * page_size
        count = int.from_bytes(data[start + 4 : start + 8], "big")
        for index in range(count):
            leaf = int.from_bytes(data[start + 8 + 4 * index : start + 12 + 4 * index], "big")
            pages[leaf] = "freelist/leaf"
        trunk = int.from_bytes(data[start : start + 4], "big")
    return pages


def _damaged(data: bytes) -> Writer:
    def write(path: Path, journals: dict[str, bytes]) -> None:
        path.write_bytes(data)

    return write


def _patched(base: bytes, offset: int, replacement: bytes) -> bytes:
    data = bytearray(base)
    data[offset : offset + len(replacement)] = replacement
    return bytes(data[: len(base)])


def _flip(base: bytes, offset: int, bit: int) -> bytes:
    data = bytearray(base)
    data[offset] ^= 1 << bit
    return bytes(data)


def _page_cases(rng: random.Random, base_name: str, pages: dict[int, str], cases: dict[str, Case]) -> None:
    base = BASES[base_name]
    page_size = int.from_bytes(base[16:18], "big")
    for number, holds in sorted(pages.items()):
        start = (number - 1) * page_size
        header = start + (100 if number == 1 else 0)
        regions = {
            "page header": header + rng.randrange(8),
            "cell pointers": header + 8 + rng.randrange(24),
            "cell content": start + page_size - 1 - rng.randrange(page_size // 3),
        }
        prefix = f"{base_name} page {number} ({holds})"
        for region, offset in regions.items():
            where = f"{prefix} {region} @{offset - start}"
            cases[f"{where} bit flip"] = (base_name, _damaged(_flip(base, offset, rng.randrange(8))))
            cases[f"{where} 16 zeros"] = (base_name, _damaged(_patched(base, offset, bytes(16))))
            cases[f"{where} 16 x FF"] = (base_name, _damaged(_patched(base, offset, b"\xff" * 16)))
            cases[f"{where} 16 random"] = (base_name, _damaged(_patched(base, offset, rng.randbytes(16))))
        cases[f"{prefix} zeroed"] = (base_name, _damaged(_patched(base, start, bytes(page_size))))
        cases[f"{prefix} random"] = (base_name, _damaged(_patched(base, start, rng.randbytes(page_size))))


def build_cases() -> dict[str, Case]:
    rng = random.Random(SEED)
    page_size = int.from_bytes(BASE[16:18], "big")
    cases: dict[str, Case] = {}
    for offset in range(100):  # every byte of the file header, one random bit each
        bit = rng.randrange(8)
        cases[f"sample header byte {offset} bit {bit}"] = ("sample", _damaged(_flip(BASE, offset, bit)))
    _page_cases(rng, "sample", page_map(BASE), cases)
    grown = page_map(BASES["grown"])
    kinds: dict[str, int] = {}  # one page of every type the sample does not have
    for number, holds in sorted(grown.items()):
        kind = holds.split("/")[-1] if holds.startswith("freelist") else holds
        if not holds.endswith("/leaf") or holds.startswith("freelist"):
            kinds.setdefault(f"{'index' if 'index' in holds or 'autoindex' in holds else 'table'} {kind}", number)
    _page_cases(rng, "grown", {number: grown[number] for number in sorted(set(kinds.values()))}, cases)
    for length in sorted({0, 1, 16, 50, 99, 100, 101, 1024, page_size, page_size + 1, 3 * page_size,
                          len(BASE) // 2, len(BASE) - page_size, len(BASE) - 1}):
        cases[f"sample truncated to {length} bytes"] = ("sample", _damaged(BASE[:length]))
    for size in (1, 100, page_size, 3 * page_size + 7):
        cases[f"sample with {size} random bytes appended"] = ("sample", _damaged(BASE + rng.randbytes(size)))
    cases["sample with a page of zeros appended"] = ("sample", _damaged(BASE + bytes(page_size)))
    for name in JOURNALS:
        cases[f"good sample, {name} beside it"] = ("sample", _with_journal(name))
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
