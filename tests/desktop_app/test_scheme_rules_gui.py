"""A scheme with classes, events, a base with a floor and a 达标 mark, as a clerk meets it in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.actions import Action
from desktop_app.dialogs.units_editor import CLASS, NAME, UnitsDialog
from desktop_app.table_model import PASS, SCORE, TALLY
from scoring.document import PeriodDocument
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import parse_csv_text
from scoring.model import EventKey
from scoring.periods import accumulate
from scoring.scheme_file import load_scheme
from tests.conftest import RESOURCES
from tests.desktop_app.editor_helpers import cell, find_row, open_editor, score

TABLE = """分组,类别,单位,区级录用（政务党建）,报送条目,采用条目,报送不及时,市领导批示
一、部门,一类,甲局,1,4,1,3,1
一、部门,二类,乙局,0,3,1,0,0
"""


@pytest.fixture
def jia_file(tmp_path: Path) -> Path:
    period = build_period(parse_csv_text(TABLE, "表.csv"), load_scheme(RESOURCES / "schemes" / "zhonglou-quarterly.json")).period
    path = tmp_path / "一季度.zwxx"
    PeriodDocument.create(path, period).close()
    return path


@pytest.fixture
def jia_window(window, jia_file):
    assert window.open_path(jia_file)
    return window


def _event_key(window, name: str) -> EventKey:
    return EventKey(next(e.id for e in window.session.document.period.scheme.events if e.name == name))


def test_event_columns_are_typed_like_counts_and_the_score_explains_itself(jia_window, qtbot) -> None:
    window = jia_window
    late = _event_key(window, "报送不及时")
    assert cell(window, "甲局", TALLY, late) == "3"
    assert score(window, "甲局") == "30" and cell(window, "甲局", PASS) == "是"
    tip = cell(window, "甲局", SCORE, None, Qt.ItemDataRole.ToolTipRole)
    assert tip == "得分明细：基础分 6 − 报送不及时 3 − 少报 2 − 录用率 1 → 0；区级录用（政务党建） 1×10 + 市领导批示 1×20 → 30"
    view, row = find_row(window, "乙局")
    model = view.source
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(row, model.column_of(TALLY, late)), "2")
    assert score(window, "乙局") == "4" and cell(window, "乙局", PASS) == "否"  # 6 − 2 − 0 (quota 3 met)
    reopened = PeriodDocument.open(window.session.document.path, read_only=True)
    assert reopened.period.tallies[2].events == {late.event_id: 2}
    reopened.close()


def test_the_units_editor_sets_a_units_class(jia_window) -> None:
    window = jia_window
    dialog = open_editor(window, Action.UNITS, UnitsDialog)
    table = dialog.unit_table
    row = next(r for r in range(table.rowCount()) if table.item(r, NAME).text() == "乙局")
    combo = table.cellWidget(row, CLASS)
    assert [combo.itemText(i) for i in range(combo.count())] == ["（无）", "一类", "二类"]
    combo.setCurrentIndex(combo.findData("一类"))  # quota 6: 3 missing → 6 − 3 = 3
    dialog.ok_button.click()
    assert score(window, "乙局") == "3" and cell(window, "乙局", PASS) == "否"
    assert window.session.document.file.audit_log()[-1].action == "unit.category"


def test_an_accumulated_periods_tallies_are_not_editable(window, jia_file, tmp_path) -> None:
    first = PeriodDocument.open(jia_file, read_only=True)
    total = accumulate([first.period, first.period]).period
    first.close()
    path = tmp_path / "累计.zwxx"
    PeriodDocument.create(path, total).close()
    assert window.open_path(path)
    view, row = find_row(window, "甲局")
    model = view.source
    headers = [c.header for c in model.columns]
    assert headers[-4:] == ["本期得分", "累计得分", "累计排名", "达标"]
    assert not model.flags(model.index(row, model.column_of(TALLY, _event_key(window, "报送不及时")))) & Qt.ItemFlag.ItemIsEditable
    assert score(window, "甲局") == "60"


def test_the_selected_units_score_is_explained_under_the_grid(jia_window, qtbot) -> None:
    window = jia_window
    view, row = find_row(window, "甲局")
    view.setCurrentIndex(view.proxy.mapFromSource(view.source.index(row, 1)))
    qtbot.waitUntil(lambda: window.score_details.isVisible())
    assert window.score_details.text() == (
        "得分明细　甲局：基础分 6 − 报送不及时 3 − 少报 2 − 录用率 1 → 0；区级录用（政务党建） 1×10 + 市领导批示 1×20 → 30"
    )
    model = view.source
    model.setData(model.index(row, model.column_of(TALLY, _event_key(window, "报送不及时"))), "0")
    assert window.score_details.text().startswith("得分明细　甲局：基础分 6 − 少报 2 − 录用率 1 → 3")


def test_the_scheme_editor_reads_back_every_rule_unchanged(jia_window) -> None:
    from desktop_app.dialogs.scheme_editor import SchemeDialog

    window = jia_window
    dialog = open_editor(window, Action.SCHEME, SchemeDialog)
    assert dialog.scheme() == window.session.document.period.scheme
    dialog.ok_button.click()
    assert not dialog.isVisible() and window.session.undo_stack.count() == 0
