"""The content digest: kept up to date by every write, checked by every open, so that a value
changed outside the program (a flipped bit, another tool) is refused instead of read as true."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetAdjustments, SetInfo, SetOverride, SetTally
from scoring.model import SUBMITTED, Adjustment, Event, EventKey, Group, ListKind, Override, PeriodInfo, Unit
from scoring.storage import ContentChangedError, PeriodFile, WriteFailedError, schema
from scoring.storage.digest import DIGEST_KEY
from scoring.structure_edits import SetGroups, SetScheme, SetUnits
from tests.conftest import FIXTURES
from tests.scoring.storage.helpers import english_words

CHANGED = "文件内容与保存时的校验值不符"


def _digest_of(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM period_info WHERE key = ?", (DIGEST_KEY,)).fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def _tamper(path: Path, *statements: str) -> Path:
    """Another tool changes the file (as a flipped bit would): SQLite's checks still pass."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    return path


def _refused(path: Path, read_only: bool = False) -> str:
    before = path.read_bytes()
    with pytest.raises(ContentChangedError) as caught:
        PeriodDocument.open(path, read_only=read_only)
    assert path.read_bytes() == before  # refused byte-for-byte untouched
    message = str(caught.value)
    assert CHANGED in message and path.name in message and "已损坏" in message
    assert not english_words(message, path), message
    return message


def _reopens(path: Path) -> PeriodDocument:
    return PeriodDocument.open(path, read_only=True)


@pytest.fixture
def sealed(sample_copy: Path) -> Path:
    """The sample after the program wrote to it once: it carries a digest."""
    document = PeriodDocument.open(sample_copy)
    unit = next(iter(document.period.units))
    document.apply(SetTally(unit, SUBMITTED, 16))
    document.close()
    assert _digest_of(sample_copy) is not None
    return sample_copy


def test_a_file_without_a_digest_opens_and_gets_one_with_its_first_change(tmp_path: Path) -> None:
    sample_copy = tmp_path / "period-v2.zwxx"
    shutil.copyfile(FIXTURES / sample_copy.name, sample_copy)
    assert _digest_of(sample_copy) is None  # written before digests (schema version 2)
    before = sample_copy.read_bytes()
    _reopens(sample_copy).close()
    assert sample_copy.read_bytes() == before  # opening to read writes nothing
    document = PeriodDocument.open(sample_copy)  # upgraded to the current version, digest added
    unit = next(iter(document.period.units))
    document.apply(SetTally(unit, SUBMITTED, 3))
    document.close()
    assert _digest_of(sample_copy) is not None
    assert _reopens(sample_copy).period.tallies[unit].submitted == 3
    _tamper(sample_copy, f"UPDATE tally SET submitted = 4 WHERE unit_id = {unit}")
    _refused(sample_copy)


TAMPERING = {
    "a count": "UPDATE tally SET submitted = submitted + 1 WHERE unit_id = (SELECT min(unit_id) FROM tally)",
    "one character of a reason": "UPDATE list_override SET reason = reason || '。'",
    "a unit name": "UPDATE unit SET name = '市发改局' WHERE name = '市发改委'",
    "an adoption removed": "DELETE FROM adoption WHERE unit_id = (SELECT min(unit_id) FROM adoption)",
    "a row added": "INSERT INTO audit_log (at, user, action, target) VALUES ('2023', '某人', '修改', '无')",
    "a text turned into bytes": "UPDATE unit SET name = CAST(name AS BLOB) WHERE id = (SELECT min(id) FROM unit)",
    "a default of the schema": "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
    "replace(sql, 'submitted INTEGER NOT NULL DEFAULT 0', 'submitted INTEGER NOT NULL DEFAULT 1') WHERE name = 'tally'",
    "the digest itself": f"UPDATE period_info SET value = '0000000000000000' WHERE key = '{DIGEST_KEY}'",
    "the digest made unreadable": f"UPDATE period_info SET value = '十六位' WHERE key = '{DIGEST_KEY}'",
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_a_value_changed_outside_the_program_is_refused_everywhere(sealed: Path, tmp_path: Path, capsys, kind) -> None:
    from desktop_app.cli import main

    statements = TAMPERING[kind].split("; ")
    _tamper(sealed, *statements)
    _refused(sealed)
    _refused(sealed, read_only=True)
    before = sealed.read_bytes()
    for command in (["info", str(sealed)], ["export", str(sealed), "--csv", str(tmp_path / "a.csv")]):
        capsys.readouterr()
        assert main(command) == 1
        error = capsys.readouterr().err
        assert error.startswith("错误：") and CHANGED in error and not english_words(error, sealed), error
    assert sealed.read_bytes() == before and not (tmp_path / "a.csv").exists()


def _every_kind_of_edit(document: PeriodDocument) -> list:
    period = document.period
    first, second = list(period.units)[:2]
    channel = period.scheme.channels[0]
    group = period.groups[0]
    units = list(period.units.values())
    new_unit = Unit(900, "新设单位", group.id, True, "一类")
    swapped = [u for u in units if u.id != second]
    swapped[0], swapped[1] = replace(swapped[0], name=swapped[1].name), replace(swapped[1], name=swapped[0].name)
    scheme = replace(
        period.scheme,
        channels=(replace(channel, name="改名的渠道"), *period.scheme.channels[2:]),  # one renamed, one removed
        events=(Event(7, "报送不及时", Decimal(-1)),),
    )
    return [
        SetTally(first, channel.id, Count(9, 2)),
        SetTally(first, channel.id, Count(0)),  # a row deleted
        SetTally(second, SUBMITTED, 77),
        SetAdjustments(first, (Adjustment(Decimal("-2.5"), "约稿未报送"), Adjustment(Decimal(1), "加分"))),
        SetAdjustments(first, ()),
        SetOverride(second, ListKind.COMMEND, Override(False, "报送条目偏少")),
        SetInfo(PeriodInfo("2023年1-6月", notes=("说明",))),
        SetScheme(scheme),  # adoptions of the removed channel go with it (ON DELETE CASCADE)
        SetTally(first, EventKey(7), 3),
        SetGroups((*period.groups, Group(50, "新的分组", 1, 1))),
        SetUnits((*units, new_unit)),
        SetUnits(tuple(replace(u, group_id=50) if u.id == new_unit.id else u for u in (*units, new_unit))),
        SetUnits(tuple(u for u in units if u.id != second)),  # a unit removed with all its rows
        SetUnits(tuple(swapped[::-1])),  # two names swapped, every position changed
    ]


def test_every_kind_of_edit_and_its_undo_keep_the_digest(sealed: Path) -> None:
    document = PeriodDocument.open(sealed)
    units = [u for u in document.period.units.values() if u.id != list(document.period.units)[1]]
    undo = []
    for operation in _every_kind_of_edit(document):
        undo.append(document.apply(operation).inverse)
        _reopens(sealed).close()  # checked after every edit
    expected = _reopens(sealed).period
    assert (expected.units[units[0].id].name, expected.units[units[1].id].name) == (units[1].name, units[0].name)
    while undo:
        document.apply(list(undo.pop()))
        _reopens(sealed).close()
    document.close()
    assert _reopens(sealed).period != expected
    PeriodDocument.open(sealed).close()


def test_a_change_that_fails_halfway_leaves_the_digest_right(sample_copy: Path) -> None:
    file = PeriodFile.open(sample_copy)
    with pytest.raises(ValueError), file.transaction() as writer:  # the first change: triggers made, rolled back
        writer.set_items(1, 5, 0)
        raise ValueError("halfway")
    document = PeriodDocument(file)
    unit = next(iter(document.period.units))
    document.apply(SetTally(unit, SUBMITTED, 41))
    document.close()
    assert _reopens(sample_copy).period.tallies[unit].submitted == 41


def test_a_new_file_and_a_copy_carry_the_digest(sealed: Path, tmp_path: Path) -> None:
    document = PeriodDocument.open(sealed)
    new = document.new_period(tmp_path / "7月.zwxx", PeriodInfo("2023年7月"))
    new.close()
    copy = document.save_as(tmp_path / "副本.zwxx")  # the backup API copies the digest as it is
    unit = next(iter(copy.period.units))
    copy.apply(SetTally(unit, SUBMITTED, 21))
    copy.close()
    for path in (tmp_path / "7月.zwxx", tmp_path / "副本.zwxx"):
        assert _digest_of(path) is not None
        _reopens(path).close()
        _refused(_tamper(path, "UPDATE tally SET submitted = submitted + 1"))
    _reopens(sealed).close()  # the original is another file: untouched by the copy's changes


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION + 1))
def test_an_old_fixture_opens_and_is_protected_from_its_first_change_on(tmp_path: Path, version: int) -> None:
    copy = tmp_path / f"period-v{version}.zwxx"
    shutil.copyfile(FIXTURES / copy.name, copy)
    document = PeriodDocument.open(copy)  # older versions are upgraded, in a transaction that adds the digest
    assert _digest_of(copy) is not None  # upgraded with it, or (the current version) written with it
    document.apply(SetInfo(PeriodInfo("2023年上半年（修订）")))
    document.close()
    assert _reopens(copy).period.info.title == "2023年上半年（修订）"
    _refused(_tamper(copy, "UPDATE period_info SET value = '2023年下半年（修订）' WHERE key = 'title'"))


def test_tables_a_later_version_adds_are_covered_without_changing_the_digest(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v1.zwxx", copy)
    original = schema.MIGRATIONS[1]
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, 1: lambda conn: (original(conn), _add_item_table(conn))})
    file = PeriodFile.open(copy)
    with file.transaction() as writer:
        writer.conn.execute("INSERT INTO later_item (title) VALUES ('关于某项工作的信息')")
    with file.transaction() as writer:  # a table made during a change is covered from then on
        writer.conn.execute("CREATE TABLE note (text TEXT)")
        writer.conn.execute("INSERT INTO note VALUES ('备注')")
    with file.transaction() as writer:
        writer.conn.execute("UPDATE note SET text = '备注二'")
    file.close()
    PeriodFile.open(copy, read_only=True).close()
    _tamper(copy, "UPDATE later_item SET title = '关于某项工作的消息'")
    with pytest.raises(ContentChangedError):
        PeriodFile.open(copy, read_only=True)


def _add_item_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE later_item (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
    conn.execute("INSERT INTO later_item (title) VALUES ('升级时写入的条目')")


@pytest.mark.parametrize(
    "change", ["UPDATE period_info SET value = 'x' WHERE key = ?", "DELETE FROM period_info WHERE key = ?"]
)
def test_a_digest_changed_while_the_file_is_open_fails_the_write_in_chinese(sealed: Path, change: str) -> None:
    file = PeriodFile.open(sealed)
    file._conn.execute(change, (DIGEST_KEY,))
    file._seen = None
    with pytest.raises(WriteFailedError) as caught, file.transaction() as writer:
        writer.set_items(1, 1, 0)
    assert CHANGED in str(caught.value) and not english_words(str(caught.value), sealed)
    file.close()


def test_a_current_file_that_lost_its_digest_is_refused(sample_copy) -> None:
    # the digest row deleted (or its key damaged): a file of this version was written with one
    import sqlite3

    from scoring.document import PeriodDocument
    from scoring.storage import PeriodFileError

    PeriodDocument.open(sample_copy).close()
    conn = sqlite3.connect(sample_copy)
    conn.execute("DELETE FROM period_info WHERE key = 'content_digest'")
    conn.commit()
    conn.close()
    before = sample_copy.read_bytes()
    with pytest.raises(PeriodFileError) as refused:
        PeriodDocument.open(sample_copy)
    assert "校验值" in str(refused.value) and sample_copy.read_bytes() == before
