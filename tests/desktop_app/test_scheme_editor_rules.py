"""期间 → 计分办法…: the rule tabs (events, classes and quotas, rates, limits, 达标) and presets, no JSON."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop_app.actions import Action
from desktop_app.dialogs.scheme_editor import SchemeDialog
from desktop_app.table_model import PASS
from scoring.model import EventKey
from scoring.rules import SUBMITTED_PART
from tests.conftest import RESOURCES
from tests.desktop_app.editor_helpers import cell, headers, open_editor, rank, score


def _open(window) -> SchemeDialog:
    return open_editor(window, Action.SCHEME, SchemeDialog)


def _ok(window, dialog: SchemeDialog) -> None:
    before = window.session.undo_stack.count()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert window.session.undo_stack.count() == before + 1


def _set(table, row: int, texts: list[str]) -> None:
    for column, text in enumerate(texts):
        table.item(row, column).setText(text)


def test_an_event_column_added_in_the_editor_is_counted_in_the_grid(window, qtbot) -> None:
    dialog = _open(window)
    events = dialog.rules.events_page.rows
    events.add_button.click()
    _set(events.table, 0, ["报送不及时", "－１"])
    _ok(window, dialog)
    assert "报送不及时" in headers(window)
    event = window.session.document.period.scheme.events[0]
    assert event.points == Decimal(-1)
    before = score(window, "市发改委")
    view = window.views[0]
    model = view.source
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(0, model.column_of("tally", EventKey(event.id))), "4")
    assert Decimal(score(window, "市发改委")) == Decimal(before) - 4
    window.action(Action.UNDO).trigger()
    assert score(window, "市发改委") == before


def test_a_cap_on_submissions_and_a_pass_mark_preview_the_rank_changes_before_ok(window) -> None:
    assert rank(window, "市住建局") == "4"
    dialog = _open(window)
    limits = dialog.rules.limits_page.limits
    limits.add_button.click()
    _set(limits.table, 0, ["报送分", "0", "", "5"])
    limits.table.setCurrentCell(0, 0)
    parts = dialog.rules.limits_page.parts
    item = next(parts.item(i) for i in range(parts.count()) if parts.item(i).text() == "报送条目")
    item.setCheckState(Qt.CheckState.Checked)
    assert limits.data(0) == (SUBMITTED_PART,)
    dialog.rules.limits_page.pass_edit.setText("60")
    lines = dialog.preview()
    assert lines and all("名 → 第" in line for line in lines)
    assert "排名变化的单位" in dialog.summary.text()
    assert window.session.undo_stack.count() == 0  # a preview changes nothing
    _ok(window, dialog)
    assert "达标" in headers(window)
    assert cell(window, "市发改委", PASS) in ("是", "否")
    assert window.session.document.period.scheme.rules.limits[0].cap == Decimal(5)


def test_a_scheme_that_cannot_be_evaluated_is_refused_naming_the_rule(window, messages) -> None:
    dialog = _open(window)
    limits = dialog.rules.limits_page.limits
    limits.add_button.click()
    _set(limits.table, 0, ["基础分", "6", "5", "3"])
    classes = dialog.rules.classes_page
    classes.quota_box.setChecked(True)
    dialog.ok_button.click()
    assert dialog.isVisible() and window.session.undo_stack.count() == 0
    title, problems = messages[-1]
    assert "上下限规则「基础分」的上限 3 低于下限 5" in problems
    assert "上下限规则「基础分」没有选择任何计分项" in problems
    assert any("没有任何单位类别设置定额" in p for p in problems)
    dialog.reject()


def test_a_preset_is_loaded_from_the_editor_and_says_what_it_changes(window, questions) -> None:
    dialog = _open(window)
    dialog.load_preset(RESOURCES / "schemes" / "zhonglou-quarterly.json")
    assert "区级录用（政务党建）" in dialog.summary.text() and "基础分" in dialog.summary.text()
    assert questions  # the sample's channels (with counts) would go: asked first
    assert dialog.rules.classes_page.rows.table.rowCount() == 2
    _ok(window, dialog)
    scheme = window.session.document.period.scheme
    assert [e.name for e in scheme.events][:2] == ["区领导批示", "市领导批示"]
    assert scheme.rules.pass_mark == Decimal(6) and "达标" in headers(window)
    window.action(Action.UNDO).trigger()
    assert not window.session.document.period.scheme.events
