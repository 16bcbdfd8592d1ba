"""文件 → 导入表格…: an Excel/CSV table previewed, then imported into a new or the open period."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.actions import Action
from desktop_app.dialogs.import_preview import ImportPreviewDialog
from desktop_app.dialogs.preview_models import CHANGED_TINT
from desktop_app.table_model import TALLY
from scoring.document import PeriodDocument
from scoring.model import SUBMITTED
from tests.desktop_app.editor_helpers import all_scores, cell, grid_units, rank, tally
from tests.scoring.exchange.workbooks import seed_rows, seed_workbook

COLUMNS = ("分组", "单位", "潜江政务信息采用", "湖北政务信息采用", "湖北快报采用", "政务要情采用", "国办采用",
           "国务院省领导批示", "报送条目", "采用条目")


def _choose(ui, table: Path, save_as: Path | None = None) -> None:
    ui.open_answers.append(table)
    if save_as is not None:
        ui.save_answers.append(save_as)  # then cancelled: a refused choice is not repeated forever


def _preview(window) -> ImportPreviewDialog:
    window.action(Action.IMPORT).trigger()
    dialogs = [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _texts(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _tab_titles(tabs) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def _edited_seed(target: Path, edits: dict[tuple[str, str], str], renames: dict[str, str] = None) -> Path:
    """The seed table as CSV without 得分/排名, with some cells changed and units renamed."""
    _, rows = seed_rows()
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            values = {column: row[column] for column in COLUMNS}
            for (unit, column), text in edits.items():
                if row["单位"] == unit:
                    values[column] = text
            values["单位"] = (renames or {}).get(row["单位"], row["单位"])
            writer.writerow([values[column] for column in COLUMNS])
    return target


def test_the_seed_workbook_becomes_a_new_period_with_the_published_scores(window, tmp_path, ui) -> None:
    _choose(ui, seed_workbook(tmp_path / "附件.xlsx"), tmp_path / "导入")
    dialog = _preview(window)
    assert dialog.into_button.isEnabled()
    assert not dialog.import_button.isEnabled()  # same figures as the open sample: nothing to import into it
    dialog.new_button.click()
    assert dialog.title_edit.text() == "2023年上半年"
    assert "57 个单位，2 个分组，6 个采用渠道" in dialog.status.text()
    assert _tab_titles(dialog.new_tabs)[:2] == ["单位（57）", "采用渠道和分值（6）"]
    dialog.title_edit.setText("2023年上半年（导入）")
    dialog.import_button.click()
    assert not dialog.isVisible()
    document = window.session.document
    assert document.path == tmp_path / "导入.zwxx" and document.period.info.title == "2023年上半年（导入）"
    assert len(grid_units(window, 0)) + len(grid_units(window, 1)) == 57
    _, published = seed_rows()
    scores = all_scores(window)
    assert all(scores[row["单位"]] == row["得分"] and rank(window, row["单位"]) == row["排名"] for row in published)


def test_with_no_period_open_a_table_can_only_become_a_new_period(qtbot, tmp_path, ui, messages) -> None:
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    _choose(ui, seed_workbook(tmp_path / "附件.xlsx"), tmp_path / "新期间.zwxx")
    button = next(b for b in window.welcome.findChildren(QPushButton) if b.text() == "导入表格…")
    button.click()  # on the welcome page
    dialog = next(d for d in window.findChildren(ImportPreviewDialog) if d.isVisible())
    assert dialog.new_button.isChecked() and not dialog.into_button.isEnabled()
    dialog.import_button.click()
    assert window.session.document.path == tmp_path / "新期间.zwxx"
    window.close()


def test_doubtful_names_must_be_ticked_and_the_import_is_one_undo_step(window, qtbot, tmp_path, ui, sample_copy) -> None:
    table = _edited_seed(
        tmp_path / "表.csv",
        {("市住建局", "报送条目"): "45", ("市发改委", "湖北快报采用"): "6+1*", ("杨市街道", "国办采用"): "5"},
        {"市住建局": "住建局"},
    )
    _choose(ui, table)
    dialog = _preview(window)
    assert dialog.into_button.isChecked()
    assert "名称待确认（1）" in _tab_titles(dialog.into_tabs)
    assert _texts(dialog.doubtful_model) == [["不导入", "5", "住建局", "市住建局", "1 个单元格"]]
    changes = dialog.changes_model
    shown = {row[1]: row for row in _texts(changes)}
    assert shown["市住建局（表中：住建局）"][changes.headers.index("报送条目")] == "40 → 45"
    assert shown["市发改委"][changes.headers.index("湖北快报采用")] == "5+1* → 6+1*"
    assert shown["杨市街道"][changes.headers.index("国办采用")] == "3 → 5"
    row = next(r for r in range(changes.rowCount()) if changes.index(r, 1).data() == "市发改委")
    column = changes.headers.index("湖北快报采用")
    assert changes.index(row, column).data(Qt.ItemDataRole.BackgroundRole).color() == CHANGED_TINT
    assert changes.index(row, changes.headers.index("报送条目")).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "还有 1 个名称未确认" in dialog.status.text() and dialog.import_button.isEnabled()

    view = dialog.doubtful_view
    view.setFocus()
    view.setCurrentIndex(dialog.doubtful_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.confirmed_lines() == {5}
    assert changes.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "将修改 3 个单位（3 个单元格）" in dialog.status.text()
    before = window.session.undo_stack.count()
    dialog.import_button.click()
    assert not dialog.isVisible()
    assert window.session.undo_stack.count() == before + 1
    assert window.session.undo_stack.undoText() == "导入表格「表.csv」"
    assert cell(window, "市住建局", TALLY, SUBMITTED) == "45"
    kuaibao = window.session.document.period.scheme.channel_named("湖北快报采用").id
    assert tally(window, "市发改委", kuaibao) == "6+1*"
    stored = PeriodDocument.open(sample_copy, read_only=True)
    assert stored.period.tallies[next(u for u, x in stored.period.units.items() if x.name == "市住建局")].submitted == 45
    stored.close()

    window.action(Action.UNDO).trigger()
    assert cell(window, "市住建局", TALLY, SUBMITTED) == "40"
    assert tally(window, "市发改委", kuaibao) == "5+1*"


def test_an_unticked_doubtful_name_is_left_out(window, tmp_path, ui) -> None:
    _choose(ui, _edited_seed(tmp_path / "表.csv", {("市住建局", "报送条目"): "45"}, {"市住建局": "住建局"}))
    dialog = _preview(window)
    assert not dialog.import_button.isEnabled()  # the only change is in the unticked row
    dialog.doubtful_model.set_all(True)
    assert dialog.import_button.isEnabled()
    dialog.doubtful_model.set_all(False)
    assert "没有需要导入的改动" in dialog.status.text()
    dialog.reject()
    assert cell(window, "市住建局", TALLY, SUBMITTED) == "40"


def test_a_bad_cell_disables_import_and_lists_the_problem(window, tmp_path, ui) -> None:
    table = _edited_seed(tmp_path / "表.csv", {("市审计局", "国办采用"): "两条", ("市发改委", "报送条目"): "99"})
    _choose(ui, table)
    dialog = _preview(window)
    assert not dialog.import_button.isEnabled()
    assert "1 个问题" in dialog.status.text()
    assert dialog.into_tabs.currentIndex() == dialog.problem_tab
    problems = _texts(dialog.into_tabs.widget(dialog.problem_tab).model())
    assert len(problems) == 1 and problems[0][1:3] == ["市审计局", "国办采用"] and problems[0][0].isdigit()
    dialog.accept()  # Enter on a disabled 导入 changes nothing either
    assert dialog.isVisible()
    dialog.new_button.click()
    assert not dialog.import_button.isEnabled()
    assert any("市审计局" in p and "国办采用" in p for p in dialog.new_problems)
    dialog.reject()
    assert cell(window, "市发改委", TALLY, SUBMITTED) == "15"
    assert window.session.undo_stack.count() == 0


def test_an_unreadable_file_is_explained_and_nothing_opens(window, tmp_path, ui, messages) -> None:
    old = tmp_path / "旧表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    _choose(ui, old)
    window.action(Action.IMPORT).trigger()
    title, problems = messages[-1]
    assert "旧表.xls" in title and "另存为" in problems[0]
    assert not [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]


def test_a_new_period_never_overwrites_the_open_file(window, tmp_path, ui, messages, sample_copy) -> None:
    _choose(ui, seed_workbook(tmp_path / "附件.xlsx"), sample_copy)
    dialog = _preview(window)
    dialog.new_button.click()
    dialog.import_button.click()
    assert dialog.isVisible() and "不能被覆盖" in messages[-1][1]
    assert window.session.document.path == sample_copy


def test_a_read_only_period_cannot_be_imported_into(qtbot, window, tmp_path, ui, sample_copy) -> None:
    from desktop_app.main_window import MainWindow

    second = MainWindow()
    qtbot.addWidget(second)
    second.open_path(sample_copy)  # the first window holds the lock
    assert second.session.read_only
    _choose(ui, seed_workbook(tmp_path / "附件.xlsx"))
    dialog = _preview(second)
    assert not dialog.into_button.isEnabled() and "只读" in dialog.into_button.toolTip()
    assert dialog.new_button.isChecked()
    dialog.reject()
    second.close()


def test_a_new_period_from_a_table_is_scored_with_the_open_periods_scheme(window, tmp_path, ui) -> None:
    from dataclasses import replace
    from decimal import Decimal

    from scoring.structure_edits import SetScheme

    scheme = window.session.document.period.scheme
    doubled = replace(scheme, name="本单位办法", channels=tuple(
        replace(c, dedicated_points=c.dedicated_points * 2, combined_points=c.combined_points * 2) for c in scheme.channels
    ))
    window.session.apply(SetScheme(doubled), "计分办法")
    _choose(ui, seed_workbook(tmp_path / "附件.xlsx"), tmp_path / "导入")
    dialog = _preview(window)
    dialog.new_button.click()
    assert any("沿用当前期间「2023年上半年」的计分办法" in label.text() for label in dialog.findChildren(QLabel))
    channel = scheme.channels[0]
    assert dialog.new_result.period.scheme.channel_named(channel.name).dedicated_points == channel.dedicated_points * 2
    assert dialog.new_result.period.scheme.channel_named(channel.name).dedicated_points != Decimal(0)
    dialog.reject()


def test_a_renamed_unit_is_matched_through_its_history_or_by_hand(window, tmp_path, ui) -> None:
    from dataclasses import replace

    from scoring.structure_edits import SetUnits

    period = window.session.document.period
    units = tuple(replace(u, name="市审计署") if u.name == "市审计局" else u for u in period.units.values())
    window.session.apply(SetUnits(units), "单位管理")  # 曾用名 市审计局 kept in the file's history
    table = _edited_seed(tmp_path / "表.csv", {("市审计局", "报送条目"): "77", ("市统计局", "报送条目"): "66"},
                         {"市统计局": "市统计和调查局"})
    _choose(ui, table)
    dialog = _preview(window)
    shown = {row[1]: row for row in _texts(dialog.changes_model)}
    assert shown["市审计署（表中：市审计局）"][dialog.changes_model.headers.index("报送条目")].endswith("→ 77")
    assert "表中多出的单位（1）" in _tab_titles(dialog.into_tabs)
    hand = dialog.hand_table
    assert [hand.item(0, c).text() for c in range(2)][1] == "市统计和调查局"
    line = hand.rows[0].key
    combo = hand.combo_for(line)
    assert [combo.itemText(i) for i in range(combo.count())][0] == "（本期间没有，不导入）"
    combo.setCurrentIndex(combo.findText("市统计局", Qt.MatchFlag.MatchStartsWith))
    hand = dialog.hand_table  # planned again with the choice
    assert hand.combo_for(line).currentText().startswith("市统计局")
    assert "1 个单位按人工对应导入" in dialog.summary.text()
    shown = {row[1]: row for row in _texts(dialog.changes_model)}
    assert shown["市统计局（表中：市统计和调查局）"][dialog.changes_model.headers.index("报送条目")].endswith("→ 66")
    assert "表中多出的单位（0）" in _tab_titles(dialog.into_tabs)  # still there, to change the choice
    dialog.import_button.click()
    assert not dialog.isVisible()
    assert cell(window, "市统计局", TALLY, SUBMITTED) == "66" and cell(window, "市审计署", TALLY, SUBMITTED) == "77"
