"""Damaged files that SQLite's quick check lets through, reads that race a writer, and messages
that name the real cause in Chinese."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetAdjustments, SetTally
from scoring.model import SUBMITTED, Adjustment
from scoring.storage import CorruptFileError, PeriodFile, PeriodFileError, digest
from tests.scoring.storage.helpers import english_words


def _edit(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


def _index_out_of_step(path: Path) -> Path:
    """A unit renamed in the table but not in its name index: quick_check passes, integrity_check fails."""
    conn = sqlite3.connect(path)
    pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'unit'")]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    old, new = "市发改委".encode(), "市发改局".encode()
    [page] = [p for p in pages if old in data[(p - 1) * page_size : p * page_size]]
    start = data.index(old, (page - 1) * page_size)
    data[start : start + len(old)] = new
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    conn.close()
    return path


DAMAGE = {
    "name index out of step with the table": _index_out_of_step,
    "unknown ranking method": lambda p: _edit(p, "UPDATE scheme_setting SET value = '按心情' WHERE key = 'ranking'"),
    "notes that are not a list": lambda p: _edit(p, "UPDATE period_info SET value = '{' WHERE key = 'notes'"),
    "points that are not a number": lambda p: _edit(p, "UPDATE channel SET dedicated_points = '五'"),
    "a count that is not a number": lambda p: _edit(p, "UPDATE scheme_setting SET value = 'x' WHERE key = 'commend_count'"),
    "text that is not UTF-8": lambda p: _edit(p, "UPDATE unit SET name = CAST(X'C3FFFE' AS TEXT) WHERE id = 1"),
    "units of a group that is gone": lambda p: _edit(p, "DELETE FROM unit_group WHERE id = 1"),
    "a table that is gone": lambda p: _edit(p, "DROP TABLE list_override"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damage_the_quick_check_misses_is_refused_everywhere(sample_copy: Path, tmp_path: Path, capsys, kind) -> None:
    from desktop_app.cli import main

    path = DAMAGE[kind](sample_copy)
    before = path.read_bytes()
    with pytest.raises(CorruptFileError) as caught:
        PeriodDocument.open(path)
    assert "已损坏" in str(caught.value) and not english_words(str(caught.value), path)
    good = tmp_path / "good.zwxx"
    good.write_bytes(Path(__file__).parents[3].joinpath("resources/sample-2023H1.zwxx").read_bytes())
    commands = [
        ["info", str(path)],
        ["export", str(path), "--csv", str(tmp_path / "a.csv")],
        ["export", str(good), "--csv", str(tmp_path / "b.csv"), "--compare", str(path)],
        ["accumulate", str(good), str(path), "-o", str(tmp_path / "sum.zwxx")],
    ]
    for command in commands:
        capsys.readouterr()
        assert main(command) == 1, command
        error = capsys.readouterr().err
        assert error.startswith("错误：") and path.name in error and not english_words(error, path, good), error
    assert path.read_bytes() == before
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "sum.zwxx").exists()


def test_a_version_number_no_program_ever_wrote_is_damage_not_a_newer_version(sample_copy: Path) -> None:
    data = bytearray(sample_copy.read_bytes())
    data[60:64] = (33554433).to_bytes(4, "big")  # one flipped bit in the version field
    sample_copy.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError) as caught:
        PeriodDocument.open(sample_copy)
    assert "33554433" not in str(caught.value) and "新版本" not in str(caught.value)


def test_scribbled_pages_are_refused_without_english(sample_copy: Path) -> None:
    data = bytearray(sample_copy.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200
    sample_copy.write_bytes(bytes(data))
    with pytest.raises(PeriodFileError) as caught:
        PeriodDocument.open(sample_copy)
    assert not english_words(str(caught.value), sample_copy), str(caught.value)


def test_a_whole_period_is_read_as_one_snapshot_while_another_program_adds_and_removes_units(
    sample_copy: Path,
) -> None:
    stop = threading.Event()
    errors: list[BaseException] = []

    def churn() -> None:  # another program: add a unit with its tallies, then remove it, again and again
        conn = sqlite3.connect(sample_copy, isolation_level=None, timeout=10)
        conn.execute("PRAGMA foreign_keys = ON")
        digest.install(conn)  # another copy of this program: its writes keep the content digest
        try:
            while not stop.is_set():
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute("INSERT INTO unit (id, name, group_id, position) VALUES (900, '临时单位', 1, 99)")
                    conn.execute("INSERT INTO tally (unit_id, submitted) VALUES (900, 3)")
                    conn.execute("INSERT INTO adoption VALUES (900, 1, 1, 0)")
                time.sleep(0.001)  # a pause, as between real edits, so that readers get their turn
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute("DELETE FROM unit WHERE id = 900")
                time.sleep(0.001)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            conn.close()

    writer = threading.Thread(target=churn)
    writer.start()
    file = PeriodFile.open(sample_copy, read_only=True)
    try:
        for _ in range(300):
            period = file.load()
            assert set(period.tallies) == set(period.units)
    finally:
        stop.set()
        writer.join()
        file.close()
    assert not errors


def test_a_file_moved_away_while_open_is_not_called_read_only(sample_copy: Path) -> None:
    document = PeriodDocument.open(sample_copy)
    sample_copy.rename(sample_copy.with_name("改名了.zwxx"))
    unit = next(iter(document.period.units))
    with pytest.raises(PeriodFileError) as caught:
        document.apply(SetTally(unit, SUBMITTED, 77))
    message = str(caught.value)
    assert "移动、改名或删除" in message and "只读" not in message, message
    assert document.period.tallies[unit].submitted == 15
    document.close()


def test_a_full_disk_during_an_edit_says_so_and_leaves_the_file_as_it_was(sample_copy: Path) -> None:
    document = PeriodDocument.open(sample_copy)
    conn = document.file._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite reports SQLITE_FULL beyond this
    unit = next(iter(document.period.units))
    channel = document.period.scheme.channels[0].id
    before = (document.period.tallies[unit].get(channel), document.period.adjustments.get(unit))
    many = tuple(Adjustment(-5, "约稿未按时报送，" * 110 + str(i)) for i in range(20))  # ~50 KB: more pages
    with pytest.raises(PeriodFileError) as caught:
        document.apply([SetTally(unit, channel, Count(9)), SetAdjustments(unit, many)])
    message = str(caught.value)
    assert "磁盘空间不足" in message and "只读" not in message and not english_words(message, sample_copy)
    assert (document.period.tallies[unit].get(channel), document.period.adjustments.get(unit)) == before
    document.close()
    reopened = PeriodDocument.open(sample_copy)
    assert (reopened.period.tallies[unit].get(channel), reopened.period.adjustments.get(unit)) == before
    assert reopened.file._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_a_second_writer_never_overwrites_what_the_first_one_wrote(sample_copy: Path) -> None:
    # e.g. two windows both writable after a lock was wrongly removed: the later one must not write
    first, second = PeriodDocument.open(sample_copy), PeriodDocument.open(sample_copy)
    unit = next(iter(first.period.units))
    first.apply(SetTally(unit, SUBMITTED, 40))
    with pytest.raises(PeriodFileError) as caught:
        second.apply(SetTally(unit, SUBMITTED, 41))
    assert "被其他程序或其他电脑修改过" in str(caught.value) and "没有保存" in str(caught.value)
    assert second.period.tallies[unit].submitted == 15
    first.apply(SetTally(unit, SUBMITTED, 42))  # the first writer carries on
    first.close()
    second.close()
    reopened = PeriodDocument.open(sample_copy)
    assert reopened.period.tallies[unit].submitted == 42
    reopened.close()


def test_a_damaged_table_name_that_sqlite_quotes_in_its_error_is_refused(sample_copy: Path) -> None:
    data = bytearray(sample_copy.read_bytes())
    start = data.index(b"tableunit_groupunit_group") + len(b"table")
    data[start : start + 2] = b"\xff\xff"  # SQLite's own error message then holds bytes that are not UTF-8
    sample_copy.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError) as caught:
        PeriodDocument.open(sample_copy)
    assert not english_words(str(caught.value), sample_copy)


def test_a_damaged_history_entry_does_not_hide_a_sound_period(sample_copy: Path, capsys) -> None:
    from desktop_app.cli import main
    from tests.conftest import edit_keeping_digest

    # bytes that are not UTF-8 in a history entry (as old files may hold): the period still opens
    edit_keeping_digest(sample_copy, "UPDATE audit_log SET target = CAST(X'C3FFFE' AS TEXT) WHERE id = 1")
    document = PeriodDocument.open(sample_copy, read_only=True)
    assert "\ufffd" in document.file.audit_log()[0][3]
    document.close()
    assert main(["info", str(sample_copy)]) == 0
    assert "修改记录：1 条" in capsys.readouterr().out
