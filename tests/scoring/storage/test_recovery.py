"""A journal beside a period file: rolled back when it belongs to the file, set aside when not."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.model import SUBMITTED
from scoring.storage import PeriodFileError, UnreadableError, recovery
from scoring.storage.header import page_size_of
from tests.conftest import SAMPLE_PERIOD
from tests.scoring.storage.helpers import crash_mid_change

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL")


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _edited(path: Path) -> PeriodDocument:
    document = PeriodDocument.open(path)
    channel = document.period.scheme.channels[0].id
    for index, unit in enumerate(list(document.period.units)[:20]):
        document.apply([SetTally(unit, SUBMITTED, 500 + index), SetTally(unit, channel, Count(index, 1))])
    return document


def _journal_of_an_edited_copy_beside(path: Path, tmp_path: Path) -> None:
    """The journal of a copy of ``path`` that was edited and then crashed, put beside ``path``
    (as when a restored copy meets the journal its predecessor left)."""
    other = tmp_path / "other" / path.name
    other.parent.mkdir()
    other.write_bytes(path.read_bytes())
    _edited(other).close()
    crash_mid_change(other)
    _journal(path).write_bytes(_journal(other).read_bytes())


def _period(path: Path):
    document = PeriodDocument.open(path, read_only=True)
    try:
        return document.period
    finally:
        document.close()


def test_a_journal_of_the_same_file_is_rolled_back(sample_copy: Path) -> None:
    _edited(sample_copy).close()
    expected = _period(sample_copy)
    crash_mid_change(sample_copy)
    document = PeriodDocument.open(sample_copy)
    assert document.period == expected  # the interrupted change is undone, everything before it kept
    assert not _journal(sample_copy).exists() and document.notes == []
    assert document.file._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    document.close()


def test_a_read_only_open_also_rolls_back_a_journal_of_the_same_file(sample_copy: Path) -> None:
    expected = _period(sample_copy)
    crash_mid_change(sample_copy)
    assert _period(sample_copy) == expected
    assert not _journal(sample_copy).exists()


def test_a_journal_left_beside_a_restored_copy_is_set_aside_and_the_copy_opens_unchanged(sample_copy: Path) -> None:
    restored = sample_copy.read_bytes()  # the backup the clerk will restore
    expected = _period(sample_copy)
    _edited(sample_copy).close()
    crash_mid_change(sample_copy)  # the PC crashes on the shared folder...
    journal = _journal(sample_copy).read_bytes()
    sample_copy.write_bytes(restored)  # ...and the clerk restores the copy under the same name
    document = PeriodDocument.open(sample_copy)
    assert document.period == expected
    assert sample_copy.read_bytes() == restored
    assert not _journal(sample_copy).exists()
    [aside] = [p for p in sample_copy.parent.iterdir() if "-journal" in p.name]
    assert aside.read_bytes() == journal  # kept, not deleted
    [note] = document.notes
    assert aside.name in note and "不属于这个文件" in note and "没有使用它" in note
    document.close()


def test_the_command_line_also_leaves_a_restored_copy_alone(sample_copy: Path, capsys) -> None:
    from desktop_app.cli import main

    restored = sample_copy.read_bytes()
    _edited(sample_copy).close()
    crash_mid_change(sample_copy)
    sample_copy.write_bytes(restored)
    assert main(["info", str(sample_copy)]) == 0
    out = capsys.readouterr().out
    assert "期间：2023年上半年" in out and "不属于这个文件" in out
    assert sample_copy.read_bytes() == restored


def test_if_the_rollback_damages_the_file_after_all_its_bytes_are_put_back(
    sample_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    from benchmarks.synthetic import synthetic_period
    from scoring.storage import recovery

    expected = _period(sample_copy)
    before = sample_copy.read_bytes()
    other = tmp_path / "other.zwxx"
    PeriodDocument.create(other, synthetic_period(300)).close()
    crash_mid_change(other)
    _journal(sample_copy).write_bytes(_journal(other).read_bytes())  # a journal of a different file
    # The checks before the rollback are fooled (e.g. the file changed between the check and the rollback).
    monkeypatch.setattr(recovery, "matches", lambda database, journal: True)
    monkeypatch.setattr(recovery, "trial_rollback", lambda snapshot, verify: True)
    document = PeriodDocument.open(sample_copy)
    assert document.period == expected and sample_copy.read_bytes() == before
    assert any("不属于这个文件" in note for note in document.notes)
    assert [p for p in sample_copy.parent.iterdir() if "-journal." in p.name]
    document.close()


def test_an_unfinished_change_in_a_read_only_folder_is_not_called_damage(sample_copy: Path, monkeypatch) -> None:
    crash_mid_change(sample_copy)
    before = (sample_copy.read_bytes(), _journal(sample_copy).read_bytes())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    with pytest.raises(PeriodFileError) as caught:
        PeriodDocument.open(sample_copy, read_only=True)
    message = str(caught.value)
    assert "没有完成的修改" in message and "只读" in message and "损坏或不完整" not in message
    assert (sample_copy.read_bytes(), _journal(sample_copy).read_bytes()) == before


def test_a_journal_of_another_file_beside_a_good_file_in_a_read_only_folder_is_ignored(
    sample_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    expected = _period(sample_copy)
    _journal_of_an_edited_copy_beside(sample_copy, tmp_path)
    before = sample_copy.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    document = PeriodDocument.open(sample_copy)
    assert document.read_only and document.period == expected and "不属于这个文件" in document.notes[0]
    document.close()
    assert sample_copy.read_bytes() == before and _journal(sample_copy).exists()


def test_a_live_change_elsewhere_is_not_mistaken_for_a_foreign_journal(sample_copy: Path) -> None:
    writer = sqlite3.connect(sample_copy, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE tally SET submitted = submitted + 1")  # journal exists, change not committed
    document = PeriodDocument.open(sample_copy, read_only=True)
    assert document.notes == [] and _journal(sample_copy).exists()
    document.close()
    writer.execute("COMMIT")
    writer.close()



def test_a_foreign_journal_that_cannot_be_moved_aside_stops_the_open_and_changes_nothing(
    sample_copy: Path, monkeypatch
) -> None:
    restored = sample_copy.read_bytes()
    _edited(sample_copy).close()
    crash_mid_change(sample_copy)
    journal = _journal(sample_copy).read_bytes()
    sample_copy.write_bytes(restored)

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")  # e.g. a share that lets files be read, not renamed

    monkeypatch.setattr(recovery.os, "replace", refused)
    with pytest.raises(UnreadableError, match="无法把不属于这个文件的「2023年上半年.zwxx-journal」移开"):
        PeriodDocument.open(sample_copy)
    assert sample_copy.read_bytes() == restored and _journal(sample_copy).read_bytes() == journal


def test_a_harmful_rollback_whose_bytes_cannot_be_put_back_is_reported(sample_copy: Path, tmp_path: Path, monkeypatch) -> None:
    from benchmarks.synthetic import synthetic_period

    other = tmp_path / "other.zwxx"
    PeriodDocument.create(other, synthetic_period(300)).close()
    crash_mid_change(other)
    _journal(sample_copy).write_bytes(_journal(other).read_bytes())
    monkeypatch.setattr(recovery, "matches", lambda database, journal: True)
    monkeypatch.setattr(recovery, "trial_rollback", lambda snapshot, verify: True)

    def disk_fails(path, snapshot):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(recovery, "put_back", disk_fails)
    with pytest.raises(UnreadableError, match="用旁边的日志文件恢复后文件不完整，而且没能复原"):
        PeriodDocument.open(sample_copy)


def test_a_journal_that_finished_as_a_live_change_while_being_examined_is_left_to_sqlite(
    sample_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    expected = _period(sample_copy)
    _journal_of_an_edited_copy_beside(sample_copy, tmp_path)
    real_unchanged, looks = recovery.unchanged, []

    def finished_meanwhile(path, snapshot) -> bool:
        looks.append(path)
        if len(looks) == 1:  # while settling: it stays put
            return real_unchanged(path, snapshot)
        _journal(path).unlink()  # then the writer committed: its journal is gone
        return False

    monkeypatch.setattr(recovery, "unchanged", finished_meanwhile)
    document = PeriodDocument.open(sample_copy)
    assert document.notes == [] and document.period == expected
    assert not [p for p in sample_copy.parent.iterdir() if "不属于此文件" in p.name]  # nothing set aside
    assert len(looks) == 2
    document.close()


def test_a_journal_is_examined_only_once_it_stays_put(sample_copy: Path, monkeypatch) -> None:
    _journal(sample_copy).write_bytes(b"\x01journal being written")
    real_snapshot, real_unchanged = recovery.take_snapshot, recovery.unchanged
    looks = []

    def flaky_snapshot(path, journal):
        looks.append("snapshot")
        if len(looks) == 1:
            raise OSError(13, "locked by the writer")  # Windows: the writer holds it
        return real_snapshot(path, journal)

    def moving(path, snapshot):
        looks.append("compare")
        return len(looks) > 3 and real_unchanged(path, snapshot)

    monkeypatch.setattr(recovery, "take_snapshot", flaky_snapshot)
    monkeypatch.setattr(recovery, "unchanged", moving)
    assert recovery.settle(sample_copy) is not None
    assert looks == ["snapshot", "snapshot", "compare", "snapshot", "compare"]
    looks.clear()
    monkeypatch.setattr(recovery, "unchanged", lambda path, snapshot: False)
    assert recovery.settle(sample_copy, attempts=2) is None  # never settles: left to SQLite's locking


def test_a_file_that_vanished_is_not_unchanged(sample_copy: Path) -> None:
    _journal(sample_copy).write_bytes(b"\x01journal")
    snapshot = recovery.take_snapshot(sample_copy, _journal(sample_copy))
    assert recovery.unchanged(sample_copy, snapshot)
    _journal(sample_copy).unlink()
    assert not recovery.unchanged(sample_copy, snapshot)

# -- whether a journal can belong to a file (recovery.matches), on journals written here --------

SAMPLE_BYTES = SAMPLE_PERIOD.read_bytes()
PAGE = page_size_of(SAMPLE_BYTES)


def _with_counter(database: bytes, counter: int, valid_for: int | None = None) -> bytes:
    data = bytearray(database)
    data[24:28] = counter.to_bytes(4, "big")
    data[92:96] = (counter if valid_for is None else valid_for).to_bytes(4, "big")
    return bytes(data)


def _journal_bytes(pages: list[tuple[int, bytes]], *, records: int | None = None, page_size: int = PAGE,
                   initial_pages: bytes | None = None, sector: int = 512) -> bytes:
    """A rollback journal as SQLite writes it: a header padded to a sector, then (page, content, checksum)."""
    header = recovery.JOURNAL_MAGIC + (len(pages) if records is None else records).to_bytes(4, "big") + bytes(4)
    header += (initial_pages or SAMPLE_BYTES[28:32]) + sector.to_bytes(4, "big") + page_size.to_bytes(4, "big")
    return header.ljust(sector, b"\0") + b"".join(n.to_bytes(4, "big") + data + bytes(4) for n, data in pages)


def _first_page(counter: int) -> bytes:
    return _with_counter(SAMPLE_BYTES, counter)[:PAGE]


def test_a_journal_belongs_when_its_first_page_is_the_files_header_before_the_change() -> None:
    database = _with_counter(SAMPLE_BYTES, 8)
    assert recovery.matches(database, _journal_bytes([(1, _first_page(7))]))
    assert recovery.matches(database, _journal_bytes([(1, _first_page(8))]))
    assert not recovery.matches(database, _journal_bytes([(1, _first_page(3))]))  # the file was replaced since


def test_a_journal_of_another_page_size_or_not_a_journal_at_all_does_not_belong() -> None:
    database = _with_counter(SAMPLE_BYTES, 8)
    assert not recovery.matches(database, _journal_bytes([(1, _first_page(7))], page_size=PAGE * 2))
    assert not recovery.matches(database, b"\0" * 600)
    assert not recovery.matches(database[:50], _journal_bytes([(1, _first_page(7))]))


def test_a_journal_without_a_record_count_or_cut_short_is_read_as_far_as_it_goes() -> None:
    database = _with_counter(SAMPLE_BYTES, 8)
    pages = [(1, _first_page(7)), (2, SAMPLE_BYTES[PAGE : 2 * PAGE])]
    assert recovery.matches(database, _journal_bytes(pages, records=0))  # no count: as many as the bytes hold
    assert recovery.matches(database, _journal_bytes(pages, records=0xFFFFFFFF))
    assert recovery.matches(database, _journal_bytes(pages)[:-10])  # the last record is incomplete
    replaced = _journal_bytes([(1, _first_page(3))])
    assert not recovery.matches(database, replaced)
    assert recovery.matches(database, replaced[:-10])  # an incomplete record is not read: the file's header decides


def test_a_later_segment_with_another_page_size_is_ignored() -> None:
    database = _with_counter(SAMPLE_BYTES, 8, valid_for=1)
    first = _journal_bytes([(2, SAMPLE_BYTES[PAGE : 2 * PAGE])])
    padded = first.ljust(-(-len(first) // 512) * 512, b"\0")
    second = _journal_bytes([(1, _first_page(3))], page_size=PAGE * 2)
    assert not recovery.matches(database, _journal_bytes([(1, _first_page(3))]))  # read, page 1 would refuse it
    assert recovery.matches(database, padded + second)  # the page 1 of the second segment is not read


def test_without_page_1_in_the_journal_the_files_own_header_decides() -> None:
    page_2 = [(2, SAMPLE_BYTES[PAGE : 2 * PAGE])]
    assert recovery.matches(_with_counter(SAMPLE_BYTES, 8, valid_for=7), _journal_bytes(page_2))
    consistent = _with_counter(SAMPLE_BYTES, 8)
    assert recovery.matches(consistent, _journal_bytes(page_2))  # the same size as when the change began
    assert not recovery.matches(consistent, _journal_bytes(page_2, initial_pages=(999).to_bytes(4, "big")))
