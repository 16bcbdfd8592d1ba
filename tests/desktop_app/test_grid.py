"""Editing the grid as a clerk does: every change scored, ranked and saved at once."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.actions import Action
from desktop_app.table_model import RANK, SCORE, TALLY, GroupTableModel
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.model import SUBMITTED


def _unit_row(view, name: str) -> int:
    model = view.source
    return next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == name)


def _cell(view, name: str, column: int):
    return view.proxy.mapFromSource(view.source.index(_unit_row(view, name), column))


def _text(view, name: str, column: int) -> str:
    return view.source.data(view.source.index(_unit_row(view, name), column))


def _stored(path, name: str):
    document = PeriodDocument.open(path, read_only=True)
    unit = next(u for u in document.period.units.values() if u.name == name)
    tally = document.period.tallies[unit.id]
    document.close()
    return tally


def test_editing_a_cell_changes_score_rank_and_file(window, qtbot, sample_copy) -> None:
    view = window.views[0]
    kuaibao = view.source.column_of(TALLY, window.session.document.period.scheme.channels[2].id)
    score, rank = view.source.column_of(SCORE), view.source.column_of(RANK)
    assert _text(view, "市住建局", rank) == "4"
    with qtbot.waitSignal(view.source.dataChanged):
        assert view.source.setData(view.source.index(_unit_row(view, "市住建局"), kuaibao), "5+1*")
    assert _text(view, "市住建局", score) == "130"  # was 1* (5 points); now also 5 dedicated × 10
    assert _text(view, "市住建局", rank) == "2"
    assert _text(view, "市经信局", rank) == "3"
    assert _stored(sample_copy, "市住建局").adoptions[3] == Count(5, 1)


def test_typing_overwrites_enter_commits_and_moves_down(window, qtbot) -> None:
    view = window.views[0]
    submitted = view.source.column_of(TALLY, SUBMITTED)
    view.setFocus()
    view.setCurrentIndex(_cell(view, "市住建局", submitted))
    type_text(qtbot, view, "４２")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _text(view, "市住建局", submitted) == "42")
    assert view.currentIndex() == _cell(view, "国家统计局潜江调查队", submitted)


def test_invalid_text_is_refused_where_the_user_looks(window, qtbot) -> None:
    view = window.views[0]
    submitted = view.source.column_of(TALLY, SUBMITTED)
    shown = []
    view.message.connect(shown.append)
    view.setFocus()
    view.setCurrentIndex(_cell(view, "市住建局", submitted))
    type_text(qtbot, view, "abc")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(shown))
    assert "市住建局「报送条目」" in shown[0] and "abc" in shown[0]
    assert _text(view, "市住建局", submitted) == "40"
    assert view.currentIndex() == _cell(view, "市住建局", submitted)


def type_text(qtbot, widget, text: str) -> None:
    """Type like an input method does: key events carrying text, full-width characters included."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        target = QApplication.focusWidget() or widget
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
        qtbot.wait(1)


def _select(view, first, last) -> None:
    view.setCurrentIndex(first)
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_paste_block_is_one_undo_step(window, qtbot, sample_copy) -> None:
    view = window.views[0]
    first = view.source.column_of(TALLY, window.session.document.period.scheme.channels[0].id)
    _select(view, _cell(view, "市住建局", first), _cell(view, "市住建局", first))
    QGuiApplication.clipboard().setText("3\t1*\r\n2+2*\t７\r\n")
    window.paste()
    assert [_text(view, "市住建局", first), _text(view, "市住建局", first + 1)] == ["3", "1*"]
    assert [_text(view, "国家统计局潜江调查队", first), _text(view, "国家统计局潜江调查队", first + 1)] == ["2+2*", "7"]
    assert _stored(sample_copy, "国家统计局潜江调查队").adoptions[2] == Count(7)
    window.action(Action.UNDO).trigger()
    assert [_text(view, "市住建局", first), _text(view, "国家统计局潜江调查队", first + 1)] == ["0", "0"]
    assert 2 not in _stored(sample_copy, "国家统计局潜江调查队").adoptions
    window.action(Action.REDO).trigger()
    assert _text(view, "国家统计局潜江调查队", first + 1) == "7"


def test_paste_with_a_bad_cell_changes_nothing_and_lists_it(window, messages, sample_copy) -> None:
    view = window.views[0]
    first = view.source.column_of(TALLY, window.session.document.period.scheme.channels[0].id)
    _select(view, _cell(view, "市住建局", first), _cell(view, "市住建局", first))
    QGuiApplication.clipboard().setText("3\t5+\r\n-1\t2\r\n")
    window.paste()
    title, problems = messages[-1]
    assert any("市住建局「湖北政务信息采用」" in p for p in problems)
    assert any("国家统计局潜江调查队「潜江政务信息采用」" in p for p in problems)
    assert _text(view, "市住建局", first) == "0"
    assert _stored(sample_copy, "市住建局").adoptions.get(1) is None


def test_paste_onto_computed_columns_is_refused(window, messages) -> None:
    view = window.views[0]
    score = view.source.column_of(SCORE)
    _select(view, _cell(view, "市住建局", score), _cell(view, "市住建局", score))
    QGuiApplication.clipboard().setText("100")
    window.paste()
    assert "市住建局「得分」" in messages[-1][1][0]


def test_delete_clears_the_selection_to_zero_and_undo_restores(window, qtbot) -> None:
    view = window.views[0]
    submitted = view.source.column_of(TALLY, SUBMITTED)
    _select(view, _cell(view, "市发改委", submitted), _cell(view, "市经信局", submitted + 1))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [_text(view, n, c) for n in ("市发改委", "市经信局") for c in (submitted, submitted + 1)] == ["0"] * 4
    window.action(Action.UNDO).trigger()
    assert _text(view, "市经信局", submitted) == "20"


def test_rank_order_keeps_the_current_unit(window) -> None:
    view = window.views[0]
    view.setCurrentIndex(_cell(view, "市住建局", 0))
    view.source.setData(view.source.index(_unit_row(view, "市商务局"), view.source.column_of(TALLY, SUBMITTED)), "500")
    window.action(Action.RANK_ORDER).trigger()
    assert view.currentIndex().data() == "市住建局"
    assert view.proxy.index(0, 0).data() == "市商务局"
    window.action(Action.RANK_ORDER).trigger()
    assert view.proxy.index(0, 0).data() == "市发改委"


def test_second_window_opens_read_only_and_says_who(window, qtbot, sample_copy, messages) -> None:
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(sample_copy)
    assert other.session.read_only
    assert "只读" in other.windowTitle() and "本机另一个程序窗口" in other.banner.text()
    view = other.views[0]
    index = view.source.index(0, view.source.column_of(TALLY, SUBMITTED))
    assert not (view.source.flags(index) & Qt.ItemFlag.ItemIsEditable)
    assert not other.action(Action.PASTE).isEnabled()
    other.close()


def test_edits_are_there_after_closing_and_reopening(window, qtbot, sample_copy) -> None:
    view = window.views[1]
    submitted = view.source.column_of(TALLY, SUBMITTED)
    view.source.setData(view.source.index(_unit_row(view, "熊口管理区"), submitted), "44")
    window.close()
    from desktop_app.main_window import MainWindow

    again = MainWindow()
    qtbot.addWidget(again)
    again.open_path(sample_copy)
    assert _text(again.views[1], "熊口管理区", submitted) == "44"
    again.close()


def test_adjustments_editor_changes_the_score(window, monkeypatch) -> None:
    from decimal import Decimal

    import desktop_app.main_window as main_window
    from scoring.model import Adjustment

    view = window.views[0]
    monkeypatch.setattr(
        main_window, "edit_adjustments", lambda parent, name, items: items + (Adjustment(Decimal(-10), "约稿未报送"),)
    )
    view.setCurrentIndex(_cell(view, "市住建局", 0))
    window.edit_adjustments()
    assert _text(view, "市住建局", view.source.column_of(SCORE)) == "70"


def test_model_passes_the_model_tester(window, qtmodeltester) -> None:
    qtmodeltester.check(GroupTableModel(window.session, window.session.document.period.groups[0].id))


def test_status_bar_shows_group_totals_and_selection_sum(window) -> None:
    view = window.views[0]
    assert "34 个单位" in window.totals.text() and "报送 419 条" in window.totals.text()
    submitted = view.source.column_of(TALLY, SUBMITTED)
    _select(view, _cell(view, "市发改委", submitted), _cell(view, "市经信局", submitted))
    assert "求和：35" in window.selection_sum.text()


def test_a_lock_left_by_a_crashed_pc_can_be_removed_after_confirming(qtbot, sample_copy, questions) -> None:
    from desktop_app.main_window import MainWindow

    lock = sample_copy.with_name(sample_copy.name + ".lock")
    lock.write_text("4242\n政务信息报送考核\n另一台电脑\n", encoding="utf-8")  # as QLockFile writes it
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_copy)
    assert window.session.read_only and "另一台电脑" in window.banner.text() and "解除占用" in window.banner.text()
    questions.answer = False
    window.banner.linkActivated.emit("unlock")
    assert window.session.read_only and lock.exists()
    questions.answer = True
    window.banner.linkActivated.emit("unlock")
    assert not window.session.read_only and not window.banner.isVisible()
    assert "只有在确认那台电脑上已经没有打开这个文件时" in questions[-1]
    window.close()
