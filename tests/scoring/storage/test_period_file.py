"""The period file: durable edits, bad files refused untouched, read-only, save as, migrations."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetAdjustments, SetInfo, SetTally
from scoring.model import SUBMITTED, Adjustment, ListKind, PeriodInfo
from scoring.storage import (
    CorruptFileError,
    FileMissingError,
    ForeignDatabaseError,
    MigrationError,
    NewerVersionError,
    NotAPeriodFileError,
    PeriodFile,
    ReadOnlyError,
    schema,
)
from tests.conftest import FIXTURES, start_script


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _first_unit(document: PeriodDocument) -> int:
    return next(iter(document.period.units))


def test_edits_survive_closing_and_reopening(sample_copy: Path) -> None:
    document = PeriodDocument.open(sample_copy)
    unit = _first_unit(document)
    channel = document.period.scheme.channels[2].id
    document.apply(SetTally(unit, channel, Count(9, 2)))
    document.apply(SetAdjustments(unit, (Adjustment(Decimal("-10"), "约稿未报送"),)))
    score = document.standings.score(unit)
    document.close()
    reopened = PeriodDocument.open(sample_copy)
    assert reopened.period.tallies[unit].get(channel) == Count(9, 2)
    assert reopened.period.adjustments[unit] == (Adjustment(Decimal("-10"), "约稿未报送"),)
    assert reopened.standings.score(unit) == score
    log = reopened.file.audit_log()
    assert log[-2][2:] == ("tally.set", f"{reopened.period.units[unit].name}／湖北快报采用", "5+1*", "9+2*")
    assert log[-1][1]  # the OS user
    reopened.close()


def test_pragmas(sample_copy: Path) -> None:
    document = PeriodDocument.open(sample_copy)
    conn = document.file._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    document.close()


def _sqlite_file(path: Path, application_id: int = 0, user_version: int = 0) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()
    return path


def _truncated(path: Path, sample: Path) -> Path:
    data = sample.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _scribbled(path: Path, sample: Path) -> Path:
    data = bytearray(sample.read_bytes())
    for page in range(2, len(data) // 4096):
        data[page * 4096 : page * 4096 + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return path


BAD_FILES = {
    "text file": (lambda p, s: (p.write_text("分组,单位\n", encoding="utf-8"), p)[1], NotAPeriodFileError),
    "empty file": (lambda p, s: (p.write_bytes(b""), p)[1], CorruptFileError),
    "short header": (lambda p, s: (p.write_bytes(s.read_bytes()[:50]), p)[1], CorruptFileError),
    "other program's database": (lambda p, s: _sqlite_file(p), ForeignDatabaseError),
    "other application id": (lambda p, s: _sqlite_file(p, application_id=1234), ForeignDatabaseError),
    "newer version": (
        lambda p, s: _sqlite_file(p, schema.APPLICATION_ID, schema.SCHEMA_VERSION + 1),
        NewerVersionError,
    ),
    "truncated": (_truncated, CorruptFileError),
    "corrupt pages": (_scribbled, CorruptFileError),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_files_are_refused_with_a_clear_message_and_left_untouched(tmp_path, sample_copy, kind) -> None:
    make, error = BAD_FILES[kind]
    path = make(tmp_path / "bad.zwxx", sample_copy)
    before = _fingerprint(path)
    with pytest.raises(error) as caught:
        PeriodDocument.open(path)
    assert "bad.zwxx" in str(caught.value) and "无法打开" in str(caught.value)
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["bad.zwxx", sample_copy.name])


def test_missing_file(tmp_path) -> None:
    with pytest.raises(FileMissingError, match="找不到"):
        PeriodDocument.open(tmp_path / "nope.zwxx")


def test_read_only_open_refuses_edits_and_changes_nothing(sample_copy) -> None:
    before = _fingerprint(sample_copy)
    document = PeriodDocument.open(sample_copy, read_only=True, why="文件正在由张三使用")
    unit = _first_unit(document)
    with pytest.raises(ReadOnlyError, match="张三"):
        document.apply(SetTally(unit, SUBMITTED, 1))
    assert document.period.tallies[unit].submitted == 15
    document.close()
    assert _fingerprint(sample_copy) == before


def test_read_only_on_disk_opens_read_only(sample_copy, monkeypatch) -> None:
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    document = PeriodDocument.open(sample_copy)
    assert document.read_only and "只读" in document.file.why_read_only
    with pytest.raises(ReadOnlyError):
        document.apply(SetTally(_first_unit(document), SUBMITTED, 1))
    document.close()


def test_failed_write_changes_neither_file_nor_memory(sample_copy) -> None:
    document = PeriodDocument.open(sample_copy)
    unit = _first_unit(document)
    blocker = sqlite3.connect(sample_copy, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    document.file._conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(Exception, match="其他程序"):
        document.apply([SetTally(unit, SUBMITTED, 99), SetTally(unit, SUBMITTED, 98)])
    blocker.rollback()
    blocker.close()
    assert document.period.tallies[unit].submitted == 15
    assert document.standings.rank(unit) == 1
    document.close()


def test_save_as_copies_with_the_backup_api_and_switches(sample_copy, tmp_path) -> None:
    document = PeriodDocument.open(sample_copy)
    unit = _first_unit(document)
    document.apply(SetTally(unit, SUBMITTED, 20))
    copy = document.save_as(tmp_path / "副本.zwxx")
    copy.apply(SetTally(unit, SUBMITTED, 21))
    copy.close()
    assert PeriodDocument.open(sample_copy).period.tallies[unit].submitted == 20
    assert PeriodDocument.open(tmp_path / "副本.zwxx").period.tallies[unit].submitted == 21


def test_new_period_keeps_structure_and_empties_tallies(sample_copy, tmp_path) -> None:
    document = PeriodDocument.open(sample_copy)
    new = document.new_period(tmp_path / "7月.zwxx", PeriodInfo("2023年7月"))
    assert [u.name for u in new.period.units.values()] == [u.name for u in document.period.units.values()]
    assert new.period.scheme == document.period.scheme
    assert all(t.submitted == 0 and not t.adoptions for t in new.period.tallies.values())
    assert not new.period.adjustments and not new.period.overrides
    assert new.period.info.title == "2023年7月"


def test_info_round_trips(sample_copy) -> None:
    document = PeriodDocument.open(sample_copy)
    info = PeriodInfo("2023年1-6月", notes=("说明一", "说明二"))
    document.apply(SetInfo(info))
    document.close()
    assert PeriodDocument.open(sample_copy).period.info == info


def test_fixture_of_every_schema_version_opens(tmp_path) -> None:
    for version in range(1, schema.SCHEMA_VERSION + 1):
        fixture = FIXTURES / f"period-v{version}.zwxx"
        assert fixture.exists(), f"keep a fixture file for schema version {version}"
        copy = tmp_path / fixture.name
        shutil.copyfile(fixture, copy)
        document = PeriodDocument.open(copy)
        assert [u.name for u in document.period.units.values()] == ["市发改委", "市经信局", "杨市街道"]
        assert document.standings.score(1) == Decimal("89.5")  # 5 + 55 + 15 + 22 - 10 + 2.5
        assert document.standings.rank(2) == 1
        assert document.period.overrides[(2, ListKind.COMMEND)].reason == "报送有效信息条目偏少"
        assert document.period.info.cutoff == date(2023, 6, 30)
        assert document.file._conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        categories = [u.category for u in document.period.units.values()]
        assert categories == (["", "", ""] if version == 1 else ["一类", "一类", "乡镇"])
        document.close()


def test_a_migrated_file_takes_classes_events_and_accumulated_scores(tmp_path) -> None:
    """Version 1 → 2: the new columns and tables are there and written back (one edit each)."""
    from scoring.edits import SetTally
    from scoring.model import Event, EventKey
    from scoring.structure_edits import SetScheme, SetUnits

    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v1.zwxx", copy)
    document = PeriodDocument.open(copy)
    period = document.period
    scheme = replace(period.scheme, events=(Event(7, "报送不及时", Decimal(-1)),))
    document.apply(SetScheme(scheme))
    document.apply(SetUnits(tuple(replace(u, category="一类") for u in period.units.values())))
    document.apply(SetTally(1, EventKey(7), 3))
    document.close()
    reopened = PeriodDocument.open(copy)
    assert reopened.period.tallies[1].events == {7: 3}
    assert reopened.standings.score(1) == Decimal("86.5")
    assert {u.category for u in reopened.period.units.values()} == {"一类"}
    reopened.close()


def _pretend_version_2(monkeypatch, step) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: step})


def test_migration_runs_in_a_transaction_after_a_backup(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v1.zwxx", copy)
    _pretend_version_2(monkeypatch, lambda conn: conn.execute("CREATE TABLE added (x)"))
    file = PeriodFile.open(copy)
    assert file.migration_backup is not None and file.migration_backup.parent == tmp_path
    backup = sqlite3.connect(file.migration_backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    names = backup.execute("SELECT name FROM unit ORDER BY id").fetchall()
    assert names == [("市发改委",), ("市经信局",), ("杨市街道",)]
    backup.close()
    assert "added" in {r[0] for r in file._conn.execute("SELECT name FROM sqlite_master")}
    assert file._conn.execute("PRAGMA user_version").fetchone()[0] == 2
    file.close()


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v1.zwxx", copy)

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    _pretend_version_2(monkeypatch, broken)
    with pytest.raises(MigrationError, match="原文件未被改动"):
        PeriodFile.open(copy)
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall()
    conn.close()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_sigkill_in_a_burst_of_edits_loses_no_acknowledged_edit(sample_copy) -> None:
    process = start_script(Path(__file__).with_name("burst_writer.py"), sample_copy)
    assert process.stdout is not None
    started = time.monotonic()
    first_lines = [process.stdout.readline() for _ in range(40)]
    assert all(first_lines), "the writer did not get going"
    time.sleep(min(0.3, time.monotonic() - started))  # kill it in the middle of later edits
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate()
    acknowledged = [tuple(map(int, line.split())) for line in first_lines + rest.splitlines(keepends=True)
                    if line.endswith("\n")]
    last: dict[int, int] = {}
    for _, unit, value in acknowledged:
        last[unit] = value
    step = acknowledged[-1][0] + 1  # the edit in flight when killed: committed or not, never half
    document = PeriodDocument.open(sample_copy)
    assert document.file._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    units = list(document.period.units)
    in_flight_unit = units[step % len(units)]
    for unit, value in last.items():
        stored = document.period.tallies[unit].submitted
        allowed = {value, step % 9000} if unit == in_flight_unit else {value}
        assert stored in allowed, (unit, stored, value)
        channel = document.period.scheme.channels[0].id
        assert document.period.tallies[unit].get(channel).dedicated == stored  # both parts of an edit, or neither
    document.close()


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_file_opened_to_read_is_upgraded_in_memory_and_left_as_it_is(tmp_path: Path, version: int) -> None:
    # 累计 or 对比上期 with last year's file, or a file another window holds: read, never rewritten
    from scoring.periods import accumulate_files

    copy = tmp_path / f"period-v{version}.zwxx"
    shutil.copyfile(FIXTURES / copy.name, copy)
    before = copy.read_bytes()
    document = PeriodDocument.open(copy, read_only=True, why="累计时只读取")
    assert document.read_only and document.period.units
    document.close()
    assert len(accumulate_files([copy, copy]).period.units) == len(document.period.units)
    assert copy.read_bytes() == before and not list(tmp_path.glob("*备份*"))


def test_no_upgrade_without_room_for_its_backup(tmp_path, disk_full) -> None:
    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v1.zwxx", copy)
    with pytest.raises(MigrationError, match="升级前的备份没能保存（磁盘空间不足"):
        PeriodFile.open(copy)
    assert copy.read_bytes() == (FIXTURES / "period-v1.zwxx").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["old.zwxx"]


def test_a_read_inside_a_change_sees_the_change_and_a_failed_change_leaves_nothing(sample_copy) -> None:
    file = PeriodFile.open(sample_copy)
    title = lambda conn: conn.execute("SELECT value FROM period_info WHERE key = 'title'").fetchone()[0]  # noqa: E731
    with pytest.raises(RuntimeError), file.transaction() as writer:
        writer.set_info(PeriodInfo("改过的标题"))
        assert file.read(title) == "改过的标题"
        raise RuntimeError("a later check fails")
    assert file.read(title) == "2023年上半年"
    file.close()


def test_a_file_opened_read_only_refuses_to_start_a_change(sample_copy) -> None:
    file = PeriodFile.open(sample_copy, read_only=True, why="文件已在另一个窗口中打开")
    with pytest.raises(ReadOnlyError, match="文件已在另一个窗口中打开"), file.transaction():
        pass
    file.close()


def test_without_a_login_name_the_change_log_names_the_windows_user(sample_copy, monkeypatch) -> None:
    def no_login_name() -> str:
        raise OSError("no login name")  # e.g. a service account

    monkeypatch.setattr("getpass.getuser", no_login_name)
    monkeypatch.setenv("USERNAME", "xinxike")
    document = PeriodDocument.open(sample_copy)
    document.apply(SetInfo(replace(document.period.info, title="2023年上半年（修订）")))
    assert document.file.audit_log()[-1][1] == "xinxike"
    document.close()
    monkeypatch.delenv("USERNAME")
    document = PeriodDocument.open(sample_copy)
    document.apply(SetInfo(replace(document.period.info, title="2023年上半年")))
    assert document.file.audit_log()[-1][1] == "未知用户"
    document.close()


def test_an_old_file_another_program_is_writing_is_not_upgraded_now(tmp_path) -> None:
    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v1.zwxx", copy)
    other = sqlite3.connect(copy, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock; readers may still read
    try:
        with pytest.raises(MigrationError, match="文件正被其他程序或其他电脑使用"):
            PeriodFile.open(copy)
    finally:
        other.close()
    assert copy.read_bytes() == (FIXTURES / "period-v1.zwxx").read_bytes()


def test_an_older_file_that_cannot_be_upgraded_in_memory_is_refused_and_left_alone(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "period-v1.zwxx"
    shutil.copyfile(FIXTURES / copy.name, copy)

    def broken_step(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("no such column: x")

    monkeypatch.setitem(schema.MIGRATIONS, 1, broken_step)
    with pytest.raises(MigrationError, match="升级"):
        PeriodFile.open(copy, read_only=True, why="累计时只读取")
    assert copy.read_bytes() == (FIXTURES / copy.name).read_bytes()


def test_rows_that_contradict_each_other_are_a_chinese_file_error(sample_copy: Path) -> None:
    with PeriodFile.open(sample_copy, read_only=True) as file, pytest.raises(CorruptFileError) as refused:
        file.read(lambda conn: {}[900])  # e.g. a tally of a unit that is not there
    assert "互相矛盾" in str(refused.value) or "损坏" in str(refused.value)
