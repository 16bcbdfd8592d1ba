"""The 信息条目台账 dock: a spreadsheet of items, filtered, undoable, and the grid cells it feeds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.actions import Action
from desktop_app.ledger_model import COLUMNS, LedgerModel
from desktop_app.table_model import LEDGER_ROLE, UNIT_ID_ROLE
from scoring.item_edits import SetItems
from scoring.model import SUBMITTED
from tests.desktop_app.conftest import shown_window
from tests.scoring.exchange.test_item_table import EXAMPLE
from tests.scoring.ledger_helpers import BING, JIA, YI, channel, create, itemwise_period, worked_example


@pytest.fixture
def ledger_window(qtbot, tmp_path, messages):
    document = create(tmp_path, itemwise_period(ledger=True))
    document.apply(SetItems.adding(worked_example(document.period)))
    path = document.path
    document.close()
    with shown_window(qtbot, path) as main:
        yield main


def _score(window, unit_id):
    return window.session.document.standings.score(unit_id)


def test_the_ledger_opens_beside_the_grid_with_its_items(ledger_window) -> None:
    dock = ledger_window.ledger
    assert dock.isVisible() and dock.mode.isChecked()
    assert dock.model.rowCount() == 2 and dock.count.text() == "共 2 条"
    assert dock.proxy.index(0, COLUMNS.index("adoptions")).data() == "市级采用专报、省级采用综合"
    assert dock.proxy.index(0, COLUMNS.index("points")).data() == "50"


def test_pasting_rows_from_excel_is_one_undo_step(ledger_window) -> None:
    dock = ledger_window.ledger
    rows = [["丙局", "丙局动态", "2026-01-12", "省级采用", "专报", ""], ["丙局", "丙局简报", "2026-01-13", "", "", ""]]
    dock.paste_rows(rows)
    assert dock.model.rowCount() == 4 and _score(ledger_window, BING) == Decimal(32)
    ledger_window.session.undo_stack.undo()
    assert dock.model.rowCount() == 2 and _score(ledger_window, BING) == 0


def test_a_bad_pasted_row_changes_nothing_and_is_named(ledger_window, messages) -> None:
    dock = ledger_window.ledger
    dock.paste_rows([["丙局", "好的", "2026-01-12", "", "", ""], ["戊局", "坏的", "2026-01-12", "", "", ""]])
    assert dock.model.rowCount() == 2
    assert messages and "第 3 行：单位「戊局」不存在" in messages[-1][1][0]


def test_editing_a_cell_rescores_and_repaints_only_its_row(ledger_window, qtbot) -> None:
    dock = ledger_window.ledger
    model = dock.model
    changed = []
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    index = model.index(1, COLUMNS.index("adoptions"))
    assert model.setData(index, "国家级采用专报")
    assert changed == [(1, 1)]
    assert _score(ledger_window, JIA) == Decimal(127)
    assert model.setData(model.index(1, COLUMNS.index("units")), "丁局") is False
    assert _score(ledger_window, JIA) == Decimal(127)
    ledger_window.session.undo_stack.undo()
    assert _score(ledger_window, JIA) == Decimal(27)


def test_filters_by_unit_channel_date_and_text(ledger_window) -> None:
    dock = ledger_window.ledger
    period = ledger_window.session.document.period
    dock.show_for(YI)
    assert dock.proxy.rowCount() == 1 and dock.count.text() == "显示 1 / 共 2 条"
    dock.show_for(JIA, channel(period, "省级采用"))
    assert dock.proxy.rowCount() == 1
    dock.show_for(None)
    dock.search.setText("工作动态")
    assert dock.proxy.rowCount() == 1
    dock.search.clear()
    from PySide6.QtCore import QDate

    dock.start.setDate(QDate(2026, 1, 6))
    assert dock.proxy.rowCount() == 1


def test_switching_mode_asks_first_and_keeps_typed_tallies(ledger_window, questions) -> None:
    dock = ledger_window.ledger
    dock.mode.click()  # off: back to typed tallies (all 0 here)
    assert not ledger_window.session.document.period.ledger and _score(ledger_window, JIA) == 0
    questions.answer = False
    dock.mode.click()
    assert questions and "甲局：报送条目 0 → 2" in questions[-1]
    assert not ledger_window.session.document.period.ledger and not dock.mode.isChecked()
    questions.answer = True
    dock.mode.click()
    assert ledger_window.session.document.period.ledger and _score(ledger_window, JIA) == Decimal(27)


def test_a_computed_cell_lists_its_items_and_double_click_opens_the_ledger(ledger_window, qtbot) -> None:
    view = ledger_window.current_view()
    model = view.source
    row = model.row_of(JIA)
    column = model.column_of("tally", SUBMITTED)
    index = model.index(row, column)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert "台账中的 2 条" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert index.data(LEDGER_ROLE) == (JIA, None)
    ledger_window.ledger.show_for(None)
    ledger_window.ledger.hide()
    view.doubleClicked.emit(view.proxy.mapFromSource(index))
    assert ledger_window.ledger.isVisible()
    assert ledger_window.ledger.unit_filter.currentData() == index.data(UNIT_ID_ROLE) == JIA


def test_ledger_model_passes_the_model_tester(ledger_window, qtmodeltester) -> None:
    model = LedgerModel()
    model.set_session(ledger_window.session)
    qtmodeltester.check(model)
    ledger_window.ledger.paste_rows([EXAMPLE[0], ["丙局", "新", "2026-01-02", "", "", ""]])
    assert model.rowCount() == 3
    model.set_session(None)


def test_the_scheme_editor_keeps_the_item_rules(ledger_window) -> None:
    from desktop_app.dialogs.scheme_editor import SchemeDialog
    from tests.desktop_app.editor_helpers import open_editor

    rules = ledger_window.session.document.period.scheme.items
    dialog = open_editor(ledger_window, Action.SCHEME, SchemeDialog)
    dialog.submitted_edit.setText("2")
    dialog.ok_button.click()
    assert ledger_window.session.document.period.scheme.items == rules
    assert _score(ledger_window, JIA) == Decimal(25 + 4)


def test_loading_the_itemwise_preset_in_the_editor_brings_its_item_rules(window, questions) -> None:
    from desktop_app.dialogs.scheme_editor import SchemeDialog
    from tests.conftest import RESOURCES
    from tests.desktop_app.editor_helpers import open_editor

    dialog = open_editor(window, Action.SCHEME, SchemeDialog)
    dialog.load_preset(RESOURCES / "schemes" / "itemwise-monthly.json")
    dialog.ok_button.click()
    items = window.session.document.period.scheme.items
    assert items is not None and [level.name for level in items.instructions] == ["市领导批示", "省领导批示", "国家领导批示"]


def test_yue_gao_tasks_are_edited_in_a_dialog_as_one_undo_step(qtbot, tmp_path, messages) -> None:
    from dataclasses import replace as replaced

    from PySide6.QtCore import QDate

    from desktop_app.dialogs.tasks import TasksDialog
    from desktop_app.main_window import MainWindow
    from scoring.items import TaskEvents
    from scoring.model import Event

    period = itemwise_period(ledger=True)
    events = (Event(1, "约稿完成", Decimal(2)), Event(2, "约稿迟报", Decimal(-1)), Event(3, "约稿未完成", Decimal(-10)))
    period.scheme = replaced(period.scheme, events=events, items=replaced(period.scheme.items, tasks=TaskEvents("约稿完成", "约稿迟报", "约稿未完成")))
    document = create(tmp_path, period)
    path = document.path
    document.close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.ledger.tasks_button.click()
    dialog = next(d for d in window.findChildren(TasksDialog) if d.isVisible())
    dialog.add_task()
    dialog.title.setText("一季度经济运行约稿")
    dialog.deadline.setDate(QDate(2026, 1, 20))
    for row in (0, 1, 2):
        dialog.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
    dialog.table.cellWidget(0, 1).setCurrentIndex(0)  # 甲局 按时报送
    dialog.table.cellWidget(0, 2).setChecked(True)
    dialog.table.cellWidget(1, 1).setCurrentIndex(1)  # 乙局 迟报; 丙局 未报送
    dialog.accept()
    assert not dialog.isVisible()
    assert [_score(window, u) for u in (JIA, YI, BING)] == [Decimal(2), Decimal(-1), Decimal(-10)]
    assert window.session.document.period.tasks[1].deadline.isoformat() == "2026-01-20"
    window.session.undo_stack.undo()
    assert window.session.document.period.tasks == {} and _score(window, BING) == 0
    window.close()


def test_the_ledger_exports_its_items_and_the_adopted_items_list(ledger_window, tmp_path, monkeypatch, save_answers) -> None:
    save_answers.extend([tmp_path / "条目.csv", tmp_path / "清单.xlsx"])
    ledger_window.ledger.export(listing=False)
    ledger_window.ledger.export(listing=True)
    assert (tmp_path / "条目.csv").read_text(encoding="utf-8-sig").startswith("单位,标题,报送日期")
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "清单.xlsx").active["B3"].value == "甲乙两局联合推进营商环境（合报）"
    notice = ledger_window.export_notice  # like every export: say where it went, offer to open it
    assert notice.isVisible() and "已导出「清单.xlsx」" in notice.text() and "打开文件" in notice.text()


def test_ctrl_v_pastes_rows_copied_from_excel(ledger_window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText("丙局\t丙局动态，第一期\t2026-01-12\t省级采用\t专报\t\r\n丙局\t丙局简报\t2026-01-13\t\t\t\r\n")
    dock = ledger_window.ledger
    dock.table.setFocus()
    qtbot.keyClick(dock.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dock.model.rowCount() == 4
    assert "丙局动态，第一期" in [item.title for item in ledger_window.session.document.period.items.values()]


def test_delete_key_deletes_the_selected_items_in_one_step(ledger_window, qtbot, questions) -> None:
    dock = ledger_window.ledger
    dock.table.setFocus()
    dock.table.selectRow(1)
    qtbot.keyClick(dock.table, Qt.Key.Key_Delete)
    assert dock.model.rowCount() == 1 and _score(ledger_window, JIA) == Decimal(26)
    ledger_window.session.undo_stack.undo()
    assert dock.model.rowCount() == 2


def test_item_rules_are_edited_on_their_own_page_of_the_scheme_editor(ledger_window, messages) -> None:
    from desktop_app.dialogs.scheme_editor import SchemeDialog
    from tests.desktop_app.editor_helpers import open_editor

    dialog = open_editor(ledger_window, Action.SCHEME, SchemeDialog)
    page = dialog.item_page
    assert page.box.isChecked() and page.highest.isChecked() and page.levels.table.rowCount() == 3
    page.highest.setChecked(False)  # every adoption counts: (10 + 10 + 40) / 2 = 30 for 甲局
    page.multipliers.add()
    page.multipliers.table.item(0, 1).setText("两倍")
    dialog.ok_button.click()
    assert dialog.isVisible() and "标记「经转报」的倍数" in messages[-1][1][0]
    page.multipliers.table.item(0, 1).setText("2")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    rules = ledger_window.session.document.period.scheme.items
    assert not rules.highest_only and rules.multipliers[0].flag == "经转报"
    assert _score(ledger_window, JIA) == Decimal(30 + 2)
    ledger_window.session.undo_stack.undo()
    assert _score(ledger_window, JIA) == Decimal(27)


def test_adding_and_deleting_items_moves_only_their_rows(ledger_window, qtbot) -> None:
    dock = ledger_window.ledger
    model = dock.model
    events = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda _parent, first, last: events.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: events.append(("removed", first, last)))
    dock.add_item()
    qtbot.keyClick(dock.table.focusWidget(), Qt.Key.Key_Escape)
    assert events == [("inserted", 2, 2)]
    ledger_window.session.undo_stack.undo()
    assert events[-1] == ("removed", 2, 2)
    assert "reset" not in events and model.rowCount() == 2
