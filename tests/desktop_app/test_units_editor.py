"""期间 → 单位管理…: units and groups, each OK one undo step, the grid following."""

from __future__ import annotations

from desktop_app.actions import Action
from desktop_app.dialogs.units_editor import FORMER, NAME, STATUS, UnitsDialog
from desktop_app.table_model import COMMEND_TINT
from tests.desktop_app.editor_helpers import find_row, grid_units, open_editor, rank, tab_names, tint

DEPARTMENTS, TOWNS = "一、市政府各部门", "二、区、镇、街道办事处"


def _open(window) -> UnitsDialog:
    return open_editor(window, Action.UNITS, UnitsDialog)


def _select_group(dialog: UnitsDialog, name: str) -> None:
    row = next(i for i in range(dialog.group_list.count()) if dialog.group_list.item(i).text() == name)
    dialog.group_list.setCurrentRow(row)


def _select_unit(dialog: UnitsDialog, name: str) -> int:
    table = dialog.unit_table
    row = next(r for r in range(table.rowCount()) if table.item(r, NAME).text() == name)
    table.selectRow(row)
    return row


def _ok(window, dialog: UnitsDialog) -> None:
    before = window.session.undo_stack.count()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert window.session.undo_stack.count() == before + 1


def test_deactivating_takes_a_unit_out_of_grid_and_ranking_and_back(window) -> None:
    assert rank(window, "市住建局") == "4"
    dialog = _open(window)
    row = _select_unit(dialog, "市发改委")
    assert dialog.active_button.text() == "停用"
    dialog.active_button.click()
    assert dialog.unit_table.item(row, STATUS).text().startswith("停用")
    _ok(window, dialog)
    assert "市发改委" not in grid_units(window)
    assert rank(window, "市住建局") == "3"
    period = window.session.document.period
    unit = next(u for u in period.units.values() if u.name == "市发改委")
    assert window.session.document.standings.rank(unit.id) is None
    assert period.tallies[unit.id].submitted == 15  # its data stays

    dialog = _open(window)
    _select_unit(dialog, "市发改委")
    assert dialog.active_button.text() == "启用"
    dialog.active_button.click()
    _ok(window, dialog)
    assert grid_units(window)[0] == "市发改委" and rank(window, "市发改委") == "1"
    assert [row[2] for row in window.session.document.file.audit_log()[-2:]] == ["unit.deactivate", "unit.activate"]


def test_renaming_shows_the_new_name_and_keeps_the_old_one(window) -> None:
    dialog = _open(window)
    row = _select_unit(dialog, "市农业农村局")
    dialog.unit_table.item(row, NAME).setText(" 市农业农村和水产局 ")
    assert "市农业农村局" in dialog.unit_table.item(row, FORMER).text()  # shown before OK
    _ok(window, dialog)
    assert "市农业农村和水产局" in grid_units(window) and "市农业农村局" not in grid_units(window)
    assert window.session.document.file.audit_log()[-1][2:] == ("unit.rename", "市农业农村局", "市农业农村局", "市农业农村和水产局")

    dialog = _open(window)
    row = _select_unit(dialog, "市农业农村和水产局")
    assert "市农业农村局" in dialog.unit_table.item(row, FORMER).text()
    dialog.unit_table.item(row, NAME).setText("市农业局")
    _ok(window, dialog)
    dialog = _open(window)
    row = _select_unit(dialog, "市农业局")
    former = dialog.unit_table.item(row, FORMER).text()
    assert former.index("市农业农村和水产局") < former.index("市农业农村局")  # most recent first
    dialog.reject()


def test_reordering_units_within_a_group(window) -> None:
    dialog = _open(window)
    _select_unit(dialog, "市经信局")
    dialog.unit_up_button.click()
    _ok(window, dialog)
    assert grid_units(window)[:2] == ["市经信局", "市发改委"]
    assert rank(window, "市发改委") == "1"  # order is display only
    window.action(Action.UNDO).trigger()
    assert grid_units(window)[:2] == ["市发改委", "市经信局"]


def test_moving_a_unit_to_another_group(window) -> None:
    assert rank(window, "老新镇") == "4"
    dialog = _open(window)
    _select_unit(dialog, "市住建局")
    dialog.move_combo.setCurrentIndex(dialog.move_combo.findText(TOWNS))
    dialog.move_button.click()
    _select_group(dialog, TOWNS)
    assert dialog.unit_table.item(dialog.unit_table.rowCount() - 1, NAME).text() == "市住建局"
    _ok(window, dialog)
    assert find_row(window, "市住建局")[0] is window.views[1]
    assert rank(window, "市住建局") == "4"  # 80 points: after 175, 110 and 100 among the towns
    assert rank(window, "老新镇") == "5"
    window.action(Action.UNDO).trigger()
    assert find_row(window, "市住建局")[0] is window.views[0]
    assert rank(window, "老新镇") == "4"


def test_adding_a_group_and_moving_units_into_it_is_one_step(window) -> None:
    dialog = _open(window)
    dialog.add_group_button.click()
    dialog.group_list.currentItem().setText("三、市直事业单位")
    _select_group(dialog, DEPARTMENTS)
    for name in ("市小龙虾产业发展促进中心", "市公共检验检测中心"):
        _select_unit(dialog, name)
        dialog.move_combo.setCurrentIndex(dialog.move_combo.findText("三、市直事业单位"))
        dialog.move_button.click()
    _ok(window, dialog)
    assert tab_names(window) == [DEPARTMENTS, TOWNS, "三、市直事业单位"]
    assert grid_units(window, 2) == ["市小龙虾产业发展促进中心", "市公共检验检测中心"]
    assert rank(window, "市住建局") == "3"
    window.action(Action.UNDO).trigger()
    assert tab_names(window) == [DEPARTMENTS, TOWNS]
    assert rank(window, "市小龙虾产业发展促进中心") == "3"


def test_emptying_a_group_and_removing_it_in_one_step(window, messages) -> None:
    dialog = _open(window)
    dialog.add_group_button.click()
    dialog.group_list.currentItem().setText("三、其他")
    _select_group(dialog, TOWNS)
    dialog.remove_group_button.click()
    assert "还有 23 个单位" in messages[-1][1]
    while dialog.unit_table.rowCount():
        dialog.unit_table.selectRow(0)
        dialog.move_combo.setCurrentIndex(dialog.move_combo.findText("三、其他"))
        dialog.move_button.click()
    dialog.remove_group_button.click()
    _ok(window, dialog)
    assert tab_names(window) == [DEPARTMENTS, "三、其他"]
    assert len(grid_units(window, 1)) == 23
    window.action(Action.UNDO).trigger()
    assert tab_names(window) == [DEPARTMENTS, TOWNS]


def test_renaming_and_reordering_groups(window) -> None:
    dialog = _open(window)
    _select_group(dialog, TOWNS)
    dialog.group_up_button.click()
    dialog.group_list.item(0).setText("一、区、镇、街道办事处")
    dialog.group_list.item(1).setText("二、市政府各部门")
    _ok(window, dialog)
    assert tab_names(window) == ["一、区、镇、街道办事处", "二、市政府各部门"]
    assert grid_units(window, 1)[0] == "市发改委"


def test_per_group_list_sizes_change_the_tinted_rows(window) -> None:
    green = COMMEND_TINT.name()
    assert tint(window, "市经信局") == green
    dialog = _open(window)
    _select_group(dialog, DEPARTMENTS)
    dialog.commend_spin.setValue(1)
    _select_group(dialog, TOWNS)
    assert dialog.commend_spin.value() == 3
    dialog.commend_spin.setValue(dialog.commend_spin.minimum())  # back to the scheme's default
    assert dialog.commend_spin.text().startswith("按计分办法")
    _ok(window, dialog)
    groups = window.session.document.period.groups
    assert (groups[0].commend_count, groups[1].commend_count) == (1, None)
    assert tint(window, "市发改委") == green and tint(window, "市经信局") is None


def test_duplicate_and_empty_names_are_refused_naming_them(window, messages) -> None:
    dialog = _open(window)
    dialog.unit_table.item(_select_unit(dialog, "市经信局"), NAME).setText("市发改委")
    dialog.unit_table.item(_select_unit(dialog, "市住建局"), NAME).setText("  ")
    dialog.group_list.item(1).setText(DEPARTMENTS)
    dialog.ok_button.click()
    problems = messages[-1][1]
    assert any("单位「市发改委」重名" in p for p in problems)
    assert any(f"分组「{DEPARTMENTS}」第 4 个单位没有填写名称" in p for p in problems)
    assert any(f"分组「{DEPARTMENTS}」重名" in p for p in problems)
    assert dialog.isVisible() and window.session.undo_stack.count() == 0
    dialog.reject()
    assert "市经信局" in grid_units(window)


def test_only_units_added_in_this_dialog_can_be_deleted(window) -> None:
    dialog = _open(window)
    _select_unit(dialog, "市发改委")
    assert not dialog.delete_unit_button.isEnabled()
    dialog.add_unit_button.click()
    assert dialog.delete_unit_button.isEnabled()
    dialog.delete_unit_button.click()
    dialog.add_unit_button.click()
    row = dialog.unit_table.currentRow()
    dialog.unit_table.item(row, NAME).setText("市数据局")
    _ok(window, dialog)
    assert grid_units(window)[-1] == "市数据局"
    assert window.session.document.file.audit_log()[-1][2:4] == ("unit.add", "市数据局")
    window.action(Action.UNDO).trigger()
    assert "市数据局" not in grid_units(window)


def test_nothing_changed_adds_no_undo_step(window) -> None:
    dialog = _open(window)
    _select_group(dialog, TOWNS)
    dialog.ok_button.click()
    assert window.session.undo_stack.count() == 0


def test_units_and_lists_only_show_on_a_read_only_file(window, qtbot, sample_copy, messages) -> None:
    from desktop_app.dialogs.lists_editor import ListsDialog
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(sample_copy) and other.session.read_only
    assert other.action(Action.UNITS).isEnabled() and other.action(Action.LISTS).isEnabled()
    units = open_editor(other, Action.UNITS, UnitsDialog)
    assert not units.ok_button.isVisible() and not units.add_unit_button.isEnabled()
    units.unit_table.selectRow(0)
    assert not units.active_button.isEnabled()
    units.reject()
    lists = open_editor(other, Action.LISTS, ListsDialog)
    lists.tables[0].selectRow(0)
    assert not lists.ok_button.isVisible() and not lists.clear_button.isEnabled()
    assert not any(button.isEnabled() for button in lists.buttons_by_action.values())
    lists.reject()
    other.close()
