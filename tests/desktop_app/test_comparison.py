"""视图 → 对比上期…: a live 排名变化 column against an earlier period file, and in the CSV export."""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from desktop_app.actions import Action
from desktop_app.table_model import RANK, RANK_CHANGE, TALLY, GroupTableModel
from scoring.document import PeriodDocument
from scoring.model import Adjustment
from scoring.sample import build_sample
from scoring.structure_edits import SetUnits
from tests.desktop_app.editor_helpers import cell, find_row, headers, unit_id


@pytest.fixture
def earlier(tmp_path) -> Path:
    """The sample as it stood a month before: 市经信局 first, 市审计局 under another name."""
    period = build_sample()
    by_name = {u.name: u.id for u in period.units.values()}
    period.adjustments[by_name["市经信局"]] = (Adjustment(Decimal(200), "测试"),)
    period.units[by_name["市审计局"]] = replace(period.units[by_name["市审计局"]], name="市审计署")
    path = tmp_path / "上期.zwxx"
    PeriodDocument.create(path, period).close()
    return path


def _compare(window, ui, path: Path) -> None:
    ui.open_answers.append(path)
    window.action(Action.COMPARE).trigger()


def _change(window, name: str) -> str:
    return cell(window, name, RANK_CHANGE)


def test_the_column_follows_the_rank_with_arrows_in_colour(window, ui, earlier) -> None:
    assert not window.action(Action.UNCOMPARE).isEnabled()
    _compare(window, ui, earlier)
    names = headers(window)
    assert names[names.index("排名") + 1] == "排名变化"
    assert _change(window, "市发改委") == "↑1" and _change(window, "市经信局") == "↓1"
    assert _change(window, "市审计局") == "新" and _change(window, "杨市街道") == "—"
    colours = {
        name: cell(window, name, RANK_CHANGE, None, Qt.ItemDataRole.ForegroundRole).color().name()
        for name in ("市发改委", "市经信局", "市审计局", "市住建局")
    }
    assert colours == {"市发改委": "#13803a", "市经信局": "#c62828", "市审计局": "#1f5fbf", "市住建局": "#8a8a8a"}
    assert "第 1 名，本期第 2 名" in cell(window, "市经信局", RANK_CHANGE, None, Qt.ItemDataRole.ToolTipRole)
    assert window.comparison.label.isVisible() and "上期.zwxx" in window.comparison.label.text()
    assert window.action(Action.UNCOMPARE).isEnabled()


def test_a_live_edit_moves_the_arrows_and_undo_moves_them_back(window, qtbot, ui, earlier) -> None:
    _compare(window, ui, earlier)
    view, row = find_row(window, "市住建局")
    model = view.source
    kuaibao = model.column_of(TALLY, window.session.document.period.scheme.channel_named("湖北快报采用").id)
    column = model.column_of(RANK_CHANGE)
    with qtbot.waitSignal(model.dataChanged, check_params_cb=lambda a, b, *_: a.column() <= column <= b.column()):
        model.setData(model.index(row, kuaibao), "5+1*")  # 80 → 130 points: from 4th to 2nd
    assert _change(window, "市住建局") == "↑2" and _change(window, "市经信局") == "↓2"
    assert _change(window, "市小龙虾产业发展促进中心") == "↓1" and _change(window, "市发改委") == "↑1"
    window.action(Action.UNDO).trigger()
    assert _change(window, "市住建局") == "—" and _change(window, "市经信局") == "↓1"


def test_renaming_a_unit_matches_it_again(window, ui, earlier) -> None:
    _compare(window, ui, earlier)
    period = window.session.document.period
    audit = unit_id(window, "市审计局")
    units = tuple(replace(u, name="市审计署") if u.id == audit else u for u in period.units.values())
    window.session.apply(SetUnits(units), "改名")
    assert _change(window, "市审计署") == "—"


def test_csv_export_carries_the_column(window, ui, earlier, tmp_path, save_answers) -> None:
    _compare(window, ui, earlier)
    target = tmp_path / "附件.csv"
    save_answers.extend([target, target])  # exported with, then without the column
    window.action(Action.EXPORT_CSV).trigger()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[-2:] == ["排名", "排名变化"]
    assert {r["单位"]: r["排名变化"] for r in rows}["市经信局"] == "↓1"
    window.action(Action.UNCOMPARE).trigger()
    window.action(Action.EXPORT_CSV).trigger()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert "排名变化" not in next(csv.reader(handle))


def test_the_column_is_computed_not_pasted(window, ui, earlier, messages) -> None:
    _compare(window, ui, earlier)
    view, row = find_row(window, "市发改委")
    index = view.proxy.mapFromSource(view.source.index(row, view.source.column_of(RANK_CHANGE)))
    view.setCurrentIndex(index)
    view.selectionModel().select(QItemSelection(index, index), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.copy()
    assert QGuiApplication.clipboard().text().strip() == "↑1"
    QGuiApplication.clipboard().setText("3")
    window.paste()
    assert "市发改委「排名变化」是计算结果" in messages[-1][1][0]
    assert not view.source.flags(view.source.index(row, view.source.column_of(RANK_CHANGE))) & Qt.ItemFlag.ItemIsEditable


def test_ending_or_opening_another_file_removes_the_column(window, ui, earlier, tmp_path) -> None:
    _compare(window, ui, earlier)
    window.action(Action.UNCOMPARE).trigger()
    assert "排名变化" not in headers(window) and window.comparison is None
    assert not window.action(Action.UNCOMPARE).isEnabled()
    _compare(window, ui, earlier)
    other = tmp_path / "另一个.zwxx"
    other.write_bytes(earlier.read_bytes())
    window.open_path(other)
    assert "排名变化" not in headers(window) and window.comparison is None
    assert not window.action(Action.UNCOMPARE).isEnabled()
    shown = [label.text() for label in window.statusBar().findChildren(QLabel) if label.isVisible()]
    assert not any("对比" in text for text in shown)


def test_comparing_with_itself_or_a_bad_file_is_explained(window, ui, sample_copy, tmp_path, messages) -> None:
    _compare(window, ui, sample_copy)
    assert "上一期" in messages[-1][1] and window.comparison is None
    bad = tmp_path / "坏.zwxx"
    bad.write_text("x", encoding="utf-8")
    _compare(window, ui, bad)
    assert messages[-1][0] == "无法对比" and "排名变化" not in headers(window)


def test_model_with_the_column_passes_the_model_tester(window, ui, earlier, qtmodeltester) -> None:
    _compare(window, ui, earlier)
    model = GroupTableModel(window.session, window.session.document.period.groups[0].id, None, window.comparison)
    qtmodeltester.check(model)
    rank = model.column_of(RANK)
    model.set_rank_changes(None)
    assert model.columnCount() == rank + 1
    model.set_rank_changes(window.comparison)
    assert model.column_of(RANK_CHANGE) == rank + 1
    model.setData(model.index(3, model.column_of(TALLY, 3)), "5+1*")


def test_a_unit_renamed_or_moved_keeps_its_identity(window, ui, earlier) -> None:
    _compare(window, ui, earlier)
    period = window.session.document.period
    renamed, moved = unit_id(window, "市发改委"), unit_id(window, "市统计局")
    other_group = period.groups[1].id
    units = tuple(
        replace(u, name="市发展和改革委员会") if u.id == renamed else replace(u, group_id=other_group) if u.id == moved else u
        for u in period.units.values()
    )
    window.session.apply(SetUnits(units), "单位管理")  # 单位管理 keeps the old name in the file's history
    assert _change(window, "市发展和改革委员会") != "新"
    assert _change(window, "市统计局") == "转组"
    tooltip = cell(window, "市统计局", RANK_CHANGE, None, Qt.ItemDataRole.ToolTipRole)
    assert "本期转入" in tooltip and "不同分组的名次不能直接比较" in tooltip
