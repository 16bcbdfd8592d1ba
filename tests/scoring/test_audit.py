"""The audit log (修改记录) stores an action code, reads older files' Chinese action texts, and holds
readable values: rewording a label never loses a unit's former names (曾用名)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import audit
from scoring.document import PeriodDocument
from scoring.edits import SetAdjustments, SetInfo, SetOverride, SetTally, parse_cell
from scoring.item_edits import SetItems, SetLedgerMode, SetTask
from scoring.items import Answer, Task
from scoring.model import SUBMITTED, Adjustment, ListKind, Override, PeriodInfo, Unit
from scoring.sample import build_sample
from scoring.structure_edits import SetGroups, SetScheme, SetUnits
from scoring.unit_matching import aliases_from_log
from tests.conftest import FIXTURES
from tests.scoring.ledger_helpers import JIA, YI, itemwise_period, worked_example

OLD_FILE = FIXTURES / "history-v3-chinese-actions.zwxx"  # written by the program before the codes


def _stored_actions(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]


def _rename(document: PeriodDocument, old: str, new: str) -> None:
    units = tuple(replace(u, name=new) if u.name == old else u for u in document.period.units.values())
    document.apply(SetUnits(units))


def _former(document: PeriodDocument) -> dict[str, tuple[str, ...]]:
    aliases = aliases_from_log(document.period, document.file.audit_log())
    return {document.period.units[unit_id].name: names for unit_id, names in aliases.items()}


def test_a_change_stores_an_action_code_and_reads_back_with_its_label(tmp_path: Path) -> None:
    document = PeriodDocument.create(tmp_path / "7月.zwxx", build_sample())
    _rename(document, "市发改委", "市发展改革委")
    document.close()
    stored = _stored_actions(tmp_path / "7月.zwxx")
    assert stored == ["file.create", "unit.rename"]
    reopened = PeriodDocument.open(tmp_path / "7月.zwxx", read_only=True)
    entry = reopened.file.audit_log()[-1]
    assert (entry.action, entry.label, entry.old, entry.new) == ("unit.rename", "单位改名", "市发改委", "市发展改革委")
    assert _former(reopened) == {"市发展改革委": ("市发改委",)}
    reopened.close()


def test_former_names_of_a_file_written_before_the_codes_still_work(tmp_path: Path) -> None:
    assert "单位改名" in _stored_actions(OLD_FILE)  # the fixture holds the old Chinese action texts
    copy = tmp_path / "旧.zwxx"
    shutil.copyfile(OLD_FILE, copy)
    document = PeriodDocument.open(copy)
    assert _former(document) == {"市发改委乙": ("市发改委甲", "市发改委"), "市经信局新": ("市经信局",)}
    assert [entry.label for entry in document.file.audit_log()][-4:-1] == ["单位改名"] * 3
    _rename(document, "市发改委乙", "市发改委丙")  # a new entry (a code) continues the old history
    assert _former(document)["市发改委丙"] == ("市发改委乙", "市发改委甲", "市发改委")
    document.close()
    assert _stored_actions(copy)[-1] == "unit.rename"


def test_rewording_the_labels_keeps_every_former_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = PeriodDocument.create(tmp_path / "新.zwxx", build_sample())
    _rename(document, "市发改委", "市发展改革委")
    document.close()
    copy = tmp_path / "旧.zwxx"
    shutil.copyfile(OLD_FILE, copy)
    for code in list(audit.ACTION_LABELS):
        monkeypatch.setitem(audit.ACTION_LABELS, code, "改过的说法")
    for path, expected in ((tmp_path / "新.zwxx", {"市发展改革委": ("市发改委",)}), (copy, {"市发改委乙": ("市发改委甲", "市发改委"), "市经信局新": ("市经信局",)})):
        reopened = PeriodDocument.open(path, read_only=True)
        assert _former(reopened) == expected
        assert reopened.file.audit_log()[-1].label == "改过的说法"
        reopened.close()


def test_period_information_is_logged_in_words(tmp_path: Path) -> None:
    document = PeriodDocument.create(tmp_path / "7月.zwxx", build_sample())
    before = document.period.info
    document.apply(SetInfo(PeriodInfo("2023年7月", date(2023, 7, 1), date(2023, 7, 31), date(2023, 7, 31), ("说明一", "说明二"))))
    entry = document.file.audit_log()[-1]
    assert entry.action == "period.info" and entry.target == before.title
    assert entry.new == "2023年7月，2023-07-01 至 2023-07-31，统计截至 2023-07-31，注：说明一；说明二"
    document.apply(SetInfo(PeriodInfo("2023年8月", end=date(2023, 8, 31))))
    assert document.file.audit_log()[-1].new == "2023年8月，（未填） 至 2023-08-31"
    document.close()


_CODE = re.compile(r"[A-Za-z_][\w.]*\(|datetime|Decimal|None|True|False")


def test_no_entry_holds_python_text_and_every_action_is_a_known_code(tmp_path: Path) -> None:
    sample = PeriodDocument.create(tmp_path / "样例.zwxx", build_sample())
    period = sample.period
    unit = next(iter(period.units.values()))
    channel = period.scheme.channels[0]
    sample.apply(parse_cell(period, unit.id, channel.id, "5+1*"))
    sample.apply(SetTally(unit.id, SUBMITTED, 7))
    sample.apply(SetAdjustments(unit.id, (Adjustment(Decimal("-1.5"), "约稿未报送"),)))
    sample.apply(SetOverride(unit.id, ListKind.COMMEND, Override(True, "表现突出")))
    sample.apply(SetInfo(replace(period.info, start=date(2023, 1, 1), cutoff=None)))
    sample.apply(SetScheme(replace(period.scheme, name="新办法", commend_count=5)))
    sample.apply(SetGroups(tuple(replace(g, name=g.name + "组", commend_count=2) for g in period.groups)))
    units = list(period.units.values())
    units[0] = replace(units[0], name="改过名的单位", category="一类", active=False)
    units[1] = replace(units[1], group_id=period.groups[-1].id)
    added = Unit(max(period.units) + 1, "新单位", period.groups[0].id)
    sample.apply(SetUnits((*reversed(units[:2]), *units[3:], added)))  # units[2] removed
    sample.apply(SetUnits(tuple(replace(u, active=True) for u in period.units.values())))
    sample.close()
    ledger = PeriodDocument.create(tmp_path / "台账.zwxx", itemwise_period())
    items = worked_example(ledger.period)
    ledger.apply(SetItems.adding(items))
    ledger.apply(SetItems(((items[-1].id, replace(items[-1], title="改过的标题")),)))
    ledger.apply(SetItems.deleting([items[0].id]))
    task = Task(1, "约稿", (JIA, YI), date(2026, 1, 20), ((JIA, Answer.ON_TIME, True),))
    ledger.apply(SetTask(1, task))
    ledger.apply(SetTask(1, replace(task, deadline=None, answers=())))
    ledger.apply(SetTask(1, None))
    ledger.apply(SetLedgerMode(False))
    ledger.close()
    written: set[str] = set()
    for path in (tmp_path / "样例.zwxx", tmp_path / "台账.zwxx"):
        stored = _stored_actions(path)
        assert set(stored) <= set(audit.ACTION_LABELS)
        written.update(stored)
        reopened = PeriodDocument.open(path, read_only=True)
        log = reopened.file.audit_log()
        reopened.close()
        for entry in log:
            for text in (entry.target, entry.old, entry.new):
                assert text is None or not _CODE.search(text), entry
    assert written == set(audit.ACTION_LABELS) - {"file.upgrade"}  # every kind of entry but an upgrade


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_fixture_files_history_reads_as_codes_and_an_upgrade_is_logged_as_one(tmp_path: Path, version: int) -> None:
    copy = tmp_path / f"v{version}.zwxx"
    shutil.copyfile(FIXTURES / f"period-v{version}.zwxx", copy)
    old_texts = _stored_actions(copy)
    assert old_texts[0] == "新建期间文件"  # written before the codes
    document = PeriodDocument.open(copy)  # upgraded to the current version if older
    log = document.file.audit_log()
    document.close()
    assert [entry.action for entry in log[: len(old_texts)]] == [audit.LEGACY_ACTIONS[text] for text in old_texts]
    assert [entry.label for entry in log[: len(old_texts)]] == old_texts
    assert all(entry.action in audit.ACTION_LABELS for entry in log)
    if version < 3:
        assert _stored_actions(copy)[len(old_texts) :] == ["file.upgrade"]


def test_an_unknown_action_code_is_a_programming_error_never_written(sample_copy) -> None:
    document = PeriodDocument.open(sample_copy)
    entries = len(document.file.audit_log())
    with pytest.raises(ValueError, match="unknown audit action code"), document.file.transaction() as writer:
        writer.audit("单位改名", "市发改委", None, None)  # display text, not a code
    document.close()
    assert len(PeriodDocument.open(sample_copy, read_only=True).file.audit_log()) == entries
