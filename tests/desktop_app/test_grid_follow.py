"""Window B shows the file read-only while window A edits it: B follows, and never exports stale figures."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel

from desktop_app.actions import Action
from desktop_app.table_model import SCORE, TALLY
from scoring.model import SUBMITTED
from scoring.structure_edits import SetUnits


@pytest.fixture
def reader(qtbot, sample_copy, window):
    """Window B on the file window A (``window``) has open: read-only."""
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(sample_copy)
    assert other.session.read_only
    yield other
    other.close()


def _row(view, name: str) -> int:
    return next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == name)


def _type_in_a(window, name: str, text: str) -> None:
    view = window.views[0]
    column = view.source.column_of(TALLY, SUBMITTED)
    assert view.source.setData(view.source.index(view.source.row_of(_unit_id(window, name)), column), text)


def _unit_id(window, name: str) -> int:
    return next(u.id for u in window.session.document.period.units.values() if u.name == name)


def test_the_read_only_window_follows_the_editing_window_and_keeps_its_place(window, reader, qtbot) -> None:
    view = reader.views[0]
    column = view.source.column_of(TALLY, SUBMITTED)
    score = view.source.column_of(SCORE)
    row = _row(view, "市住建局")
    view.setCurrentIndex(view.proxy.index(row + 1, column))
    block = QItemSelection(view.proxy.index(row, column), view.proxy.index(row + 2, column + 1))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    before = view.proxy.index(row, score).data()
    _type_in_a(window, "市住建局", "9")
    qtbot.waitUntil(lambda: view.proxy.index(row, column).data() == "9", timeout=5000)
    assert view.proxy.index(row, score).data() != before
    assert view.proxy.index(row, score).data() == window.views[0].proxy.index(row, score).data()
    assert view.currentIndex() == view.proxy.index(row + 1, column)
    assert len(view.selectedIndexes()) == 6


def test_a_renamed_unit_shows_in_the_read_only_window_at_the_same_cell(window, reader, qtbot) -> None:
    view = reader.views[0]
    column = view.source.column_of(TALLY, SUBMITTED)
    row = _row(view, "市住建局")
    view.setCurrentIndex(view.proxy.index(row, column))
    unit = _unit_id(window, "市住建局")
    units = tuple(
        replace(u, name="市住房和城乡建设局") if u.id == unit else u for u in window.session.document.period.units.values()
    )
    window.session.apply(SetUnits(units), "改名")
    qtbot.waitUntil(lambda: reader.views[0].proxy.index(row, 0).data() == "市住房和城乡建设局", timeout=5000)
    assert reader.views[0].currentIndex() == reader.views[0].proxy.index(row, column)


def test_an_export_from_the_read_only_window_carries_the_latest_figures(
    window, reader, tmp_path, save_answers
) -> None:
    target = tmp_path / "导出.csv"
    save_answers.append(target)
    _type_in_a(window, "市住建局", "9")  # and B exports at once, before its next look at the file
    reader.action(Action.EXPORT_CSV).trigger()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle) if "市住建局" in row]
    view = window.views[0]
    score = view.proxy.index(_row(view, "市住建局"), view.source.column_of(SCORE)).data()
    assert len(rows) == 1 and "9" in rows[0] and score in rows[0]


def test_a_notice_drafted_in_the_read_only_window_names_whom_the_file_now_commends(
    window, reader, tmp_path, save_answers
) -> None:
    import docx

    save_answers.append(tmp_path / "通报.docx")
    _type_in_a(window, "市住建局", "500")  # 市住建局 climbs to first place
    reader.action(Action.NOTICE).trigger()
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "通报.docx")).paragraphs]
    assert any("市住建局" in p and "予以通报表扬" in p for p in paragraphs)
