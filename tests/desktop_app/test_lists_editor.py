"""期间 → 表扬与批评…: suggested and final lists, decisions with reasons, one undo step per OK."""

from __future__ import annotations

from desktop_app.actions import Action
from desktop_app.dialogs.lists_editor import MARK_COLUMNS, NAME, RANK, REASONS, SCORE, ListsDialog
from desktop_app.table_model import COMMEND_TINT, CRITICISE_TINT
from scoring.model import ListKind
from tests.desktop_app.editor_helpers import open_editor, tint, unit_id

COMMEND, CRITICISE = ListKind.COMMEND, ListKind.CRITICISE


def _open(window) -> ListsDialog:
    return open_editor(window, Action.LISTS, ListsDialog)


def _select(dialog: ListsDialog, name: str) -> int:
    for tab, table in enumerate(dialog.tables):
        for row in range(table.rowCount()):
            if table.item(row, NAME).text() == name:
                dialog.tabs.setCurrentIndex(tab)
                table.selectRow(row)
                return row
    raise AssertionError(name)


def _row_texts(dialog: ListsDialog, name: str) -> dict[str, str]:
    row = _select(dialog, name)
    table = dialog.current_table()
    texts = {"rank": table.item(row, RANK).text(), "score": table.item(row, SCORE).text(),
             "reasons": table.item(row, REASONS).text()}
    for (kind, final), column in MARK_COLUMNS.items():
        texts[f"{'final' if final else 'suggested'} {kind}"] = table.item(row, column).text()
    return texts


def test_shows_suggested_and_final_lists_with_rank_and_score(window) -> None:
    dialog = _open(window)
    row = _row_texts(dialog, "市小龙虾产业发展促进中心")
    assert row["rank"] == "3" and row["score"] == "95"
    assert row["suggested commend"] == "✓" and row["final commend"] == ""
    assert "报送有效信息条目偏少" in row["reasons"]
    summary = dialog.summaries[0].text()
    assert "建议表扬：市发改委、市经信局、市小龙虾产业发展促进中心" in summary
    assert "通报表扬：市发改委、市经信局\n" in summary
    assert "通报批评：市卫健委、市应急管理局、市乡村振兴局、市统计局、市退役军人事务局" in summary
    assert "杨市街道、泰丰街道、王场镇" in dialog.summaries[1].text()
    dialog.reject()


def test_excluding_needs_a_reason_then_changes_tint_and_lists(window) -> None:
    green = COMMEND_TINT.name()
    assert tint(window, "市经信局") == green
    dialog = _open(window)
    _select(dialog, "市经信局")
    dialog.buttons_by_action[(COMMEND, False)].click()
    assert "请先在“理由”中写明" in dialog.hint.text() and "市经信局" in dialog.hint.text()
    assert dialog.hint.text().startswith("「市经信局」：调整通报表扬名单必须写明理由")  # SetOverride's words
    assert _row_texts(dialog, "市经信局")["final commend"] == "✓"  # nothing decided without a reason
    dialog.reason_edit.setText("报送有效信息条目偏少")
    dialog.buttons_by_action[(COMMEND, False)].click()
    assert dialog.hint.text() == ""
    assert _row_texts(dialog, "市经信局")["final commend"] == ""
    assert "通报表扬：市发改委\n" in dialog.summaries[0].text()
    assert tint(window, "市经信局") == green  # not applied before OK
    before = window.session.undo_stack.count()
    dialog.ok_button.click()
    assert window.session.undo_stack.count() == before + 1
    assert tint(window, "市经信局") is None
    standings = window.session.document.standings
    assert unit_id(window, "市经信局") not in standings.listed(COMMEND)
    assert unit_id(window, "市经信局") in standings.suggested(COMMEND)
    assert window.session.document.file.audit_log()[-1][2:4] == ("list.override", "市经信局／通报表扬")
    window.action(Action.UNDO).trigger()
    assert tint(window, "市经信局") == green


def test_including_and_clearing_in_one_step(window) -> None:
    dialog = _open(window)
    _select(dialog, "市住建局")  # rank 4: not suggested
    dialog.reason_edit.setText("约稿信息质量高，经研究予以表扬")
    dialog.buttons_by_action[(COMMEND, True)].click()
    _select(dialog, "市小龙虾产业发展促进中心")
    assert dialog.clear_button.isEnabled()
    dialog.clear_button.click()
    _select(dialog, "周矶管理区")
    dialog.reason_edit.setText("已整改")
    dialog.buttons_by_action[(CRITICISE, False)].click()
    dialog.ok_button.click()
    assert window.session.undo_stack.count() == 1
    green, red = COMMEND_TINT.name(), CRITICISE_TINT.name()
    assert [tint(window, n) for n in ("市住建局", "市小龙虾产业发展促进中心", "周矶管理区", "熊口管理区")] == [
        green, green, None, red]
    window.action(Action.UNDO).trigger()
    assert [tint(window, n) for n in ("市住建局", "市小龙虾产业发展促进中心", "周矶管理区")] == [None, None, red]


def test_ok_without_decisions_adds_no_undo_step(window) -> None:
    dialog = _open(window)
    dialog.ok_button.click()
    assert not dialog.isVisible() and window.session.undo_stack.count() == 0


def test_enter_in_the_reason_does_not_close_the_dialog(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    dialog = _open(window)
    _select(dialog, "市经信局")
    dialog.reason_edit.setText("报送有效信息条目偏少")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "请点下面的" in dialog.hint.text()
    assert dialog.reason_edit.text() == "报送有效信息条目偏少"
    dialog.reject()


def test_several_units_are_decided_at_once_with_one_reason(window) -> None:
    from PySide6.QtCore import QItemSelectionModel

    dialog = _open(window)
    table = dialog.tables[0]
    dialog.tabs.setCurrentIndex(0)
    names = ["市卫健委", "市应急管理局", "市统计局"]
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.clearSelection()
    for row in range(table.rowCount()):
        if table.item(row, NAME).text() in names:
            table.selectionModel().select(table.model().index(row, 0), flags)
    dialog.buttons_by_action[(CRITICISE, False)].click()
    assert "等" not in dialog.hint.text() and all(name in dialog.hint.text() for name in names)
    dialog.reason_edit.setText("已说明情况")
    dialog.buttons_by_action[(CRITICISE, False)].click()
    assert sorted(dialog.selected_units(table)) == sorted(unit_id(window, name) for name in names)  # still selected
    for name in names:
        assert _row_texts(dialog, name)["final criticise"] == ""
    dialog.accept()
    assert window.session.undo_stack.count() == 1
    overrides = window.session.document.period.overrides
    assert all(overrides[(unit_id(window, name), CRITICISE)].reason == "已说明情况" for name in names)


def test_a_half_filled_period_says_why_units_are_not_suggested(qtbot, sample_copy, tmp_path, messages) -> None:
    from desktop_app.dialogs.lists_editor import NOTE
    from desktop_app.main_window import MainWindow
    from scoring.cells import Count
    from scoring.document import PeriodDocument
    from scoring.edits import SetTally
    from scoring.model import PeriodInfo
    from scoring.periods import open_period

    blank = tmp_path / "2023年7月.zwxx"
    PeriodDocument.create(blank, open_period(sample_copy).emptied(PeriodInfo("2023年7月"))).close()
    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_path(blank)
    channel = main.session.document.period.scheme.channels[0].id
    main.session.apply(SetTally(unit_id(main, "市发改委"), channel, Count(2)), "填表")
    main.session.apply(SetTally(unit_id(main, "市经信局"), channel, Count(1)), "填表")
    dialog = open_editor(main, Action.LISTS, ListsDialog)
    table = dialog.tables[0]
    notes = {table.item(row, NAME).text(): table.item(row, NOTE).text() for row in range(table.rowCount())}
    assert notes["市发改委"] == "" and notes["市统计局"] == "未填数据，不参加建议"
    summary = dialog.summaries[0].text()
    assert "建议表扬：市发改委、市经信局" in summary  # the blank units are not all tied first
    assert "建议批评：无" in summary  # nor all tied last (the two filled in are within the places)
    assert "未填数据，不参加建议：" in summary and "等 " in summary
    assert "建议表扬：无" in dialog.summaries[1].text()
    dialog.reject()
    main.close()
