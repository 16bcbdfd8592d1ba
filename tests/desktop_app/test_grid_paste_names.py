"""Pasting rows that carry the unit name: they go to those units, in any order, all or nothing."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QGuiApplication

from desktop_app.actions import Action
from desktop_app.table_model import ADJUSTMENT, RANK, SCORE, TALLY
from scoring.model import ADOPTED, SUBMITTED


def _row(view, name: str) -> int:
    return next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == name)


def _texts(view, name: str) -> list[str]:
    row = _row(view, name)
    return [view.proxy.index(row, c).data() for c in range(view.proxy.columnCount())]


def _place(view, row: int, column: int) -> None:
    view.setCurrentIndex(view.proxy.index(row, column))


def test_rows_from_excel_with_unit_names_go_to_those_units_in_any_order(window, messages) -> None:
    view = window.views[0]
    channels = len(window.session.document.period.scheme.channels)
    other = window.views[1].source.data(window.views[1].source.index(0, 0))  # a unit of the second group
    rows = [
        ["市经信局", *["1"] * channels, "30", "12"],
        [f" {other} ", *["2"] * channels, "8", "3"],  # stray spaces, as typed in Excel
        ["市发改委", *["0"] * channels, "5", "0"],
    ]
    QGuiApplication.clipboard().setText("\r\n".join("\t".join(r) for r in rows) + "\r\n")
    _place(view, 10, 0)  # on the unit column: the figures go to the columns after it
    window.paste()
    assert not messages
    submitted = view.source.column_of(TALLY, SUBMITTED)
    assert _texts(view, "市经信局")[1 : submitted + 2] == ["1"] * channels + ["30", "12"]
    assert _texts(view, "市发改委")[submitted : submitted + 2] == ["5", "0"]
    assert _texts(window.views[1], other)[1 : submitted + 2] == ["2"] * channels + ["8", "3"]
    window.action(Action.UNDO).trigger()  # one step
    assert _texts(view, "市发改委")[submitted] != "5" and _texts(window.views[1], other)[submitted] != "8"


def test_a_block_copied_out_of_the_program_pastes_back_by_name(window, messages) -> None:
    view = window.views[0]
    first, last = _row(view, "市住建局"), _row(view, "市住建局") + 2
    block = QItemSelection(view.proxy.index(first, 0), view.proxy.index(last, view.proxy.columnCount() - 1))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    before = [_texts(view, view.proxy.index(r, 0).data()) for r in range(first, last + 1)]
    shown = []
    view.message.connect(shown.append)
    window.copy()
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.clear_cells()
    assert _texts(view, "市住建局") != before[0]
    _place(view, 0, 0)
    view.selectionModel().clearSelection()
    window.paste()
    assert not messages
    assert [_texts(view, view.proxy.index(r, 0).data()) for r in range(first, last + 1)] == before
    assert "得分" in shown[-1] and "没有粘贴" in shown[-1]


def test_names_not_found_are_listed_and_nothing_changes(window, messages) -> None:
    view = window.views[0]
    submitted = view.source.column_of(TALLY, SUBMITTED)
    QGuiApplication.clipboard().setText("市经信局\t77\r\n发改委\t78\r\n市不存在局\t79\r\n")
    _place(view, 0, submitted)  # on 报送条目: the figure after the name goes there
    window.paste()
    title, problems = messages[-1]
    assert any("「发改委」" in p and "市发改委" in p for p in problems)
    assert any("「市不存在局」" in p and "第 3 行" in p for p in problems)
    assert _texts(view, "市经信局")[submitted] != "77"


def test_a_header_row_maps_the_columns_by_name_in_any_order(window, messages) -> None:
    view = window.views[0]
    channel = window.session.document.period.scheme.channels[1]
    text = f"单位名称\t采用条目\t{channel.name}\t报送条目\t得分\r\n市商务局\t6\t3+1*\t9\t999\r\n"
    QGuiApplication.clipboard().setText(text)
    _place(view, 5, view.source.column_of(SCORE))
    window.paste()
    assert not messages
    texts = _texts(view, "市商务局")
    assert texts[view.source.column_of(TALLY, ADOPTED)] == "6"
    assert texts[view.source.column_of(TALLY, SUBMITTED)] == "9"
    assert texts[view.source.column_of(TALLY, channel.id)] == "3+1*"
    assert texts[view.source.column_of(SCORE)] != "999" and texts[view.source.column_of(RANK)]
    assert view.source.column_of(ADJUSTMENT)
