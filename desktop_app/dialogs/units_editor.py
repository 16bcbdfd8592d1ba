"""单位管理: groups (add, rename, reorder, list sizes, remove an empty one) and their units
(add, rename, reorder, move to another group, deactivate / reactivate, class 类别).

The dialog edits its own copy; OK has scoring.structure_plan check it and turn it into SetGroups /
SetUnits in the right order, applied as one undo step.
Existing units are never deleted (their history stays): they are deactivated, which takes them
out of the grid and the ranking. A unit's former names come from the audit log."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app import palette
from desktop_app.dialogs import table_items
from desktop_app.dialogs.editor_base import (
    DEFAULT_COUNT,
    EditorDialog,
    button_row,
    default_count_spin,
    open_dialog,
    read_only_notice,
)
from desktop_app.dialogs.ui import ui
from scoring.edits import Operation
from scoring.errors import EditError
from scoring.model import Group, Unit
from scoring.names import free_name
from scoring.structure_edits import next_id
from scoring.structure_plan import group_removal_problem, plan_structure, structure_problems
from scoring.unit_history import describe_former_names, former_names

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

NAME, STATUS, FORMER, CLASS = range(4)
NO_CLASS = "（无）"  # no 类别: no quota applies
INACTIVE_TEXT = QColor(palette.INACTIVE_TEXT)


class UnitsDialog(EditorDialog):
    undo_label = "修改单位和分组"
    failure_title = "单位和分组没有保存"

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, "单位管理")
        period = self.period = self.session.document.period
        self.groups: list[Group] = list(period.groups)
        self.units: dict[int, Unit] = dict(period.units)
        self.members: dict[int, list[int]] = {g.id: [u.id for u in period.units_in(g.id)] for g in period.groups}
        self.added_units: set[int] = set()
        log = self.session.document.file.audit_log()
        self.former = {uid: describe_former_names(former_names(log, u.name)) for uid, u in period.units.items()}

        group_box, unit_box = self._group_box(), self._unit_box()

        layout = QVBoxLayout(self)
        if self.read_only:
            layout.addWidget(read_only_notice(self.session.why_read_only))
        panes = QHBoxLayout()
        panes.addWidget(group_box, 2)
        panes.addWidget(unit_box, 5)
        layout.addLayout(panes, 1)
        layout.addWidget(self.buttons)
        self._fill_groups(0)
        self.finish_read_only()
        self.resize(920, 600)

    def _group_box(self) -> QGroupBox:
        self.group_list = QListWidget()
        self.group_list.currentRowChanged.connect(self._show_group)
        self.group_list.itemChanged.connect(self._group_renamed)
        self.add_group_button, self.group_up_button = QPushButton("添加分组"), QPushButton("上移")
        self.group_down_button, self.remove_group_button = QPushButton("下移"), QPushButton("删除分组")
        self.add_group_button.clicked.connect(self.add_group)
        self.group_up_button.clicked.connect(lambda: self.move_group(-1))
        self.group_down_button.clicked.connect(lambda: self.move_group(1))
        self.remove_group_button.clicked.connect(self.remove_group)
        period = self.period
        self.commend_spin = default_count_spin(period.scheme.commend_count)
        self.criticise_spin = default_count_spin(period.scheme.criticise_count)
        self.commend_spin.valueChanged.connect(lambda _v: self._counts_changed())
        self.criticise_spin.valueChanged.connect(lambda _v: self._counts_changed())
        group_box = QGroupBox("分组（每组单独排名；双击改名）")
        group_column = QVBoxLayout(group_box)
        group_column.addWidget(self.group_list, 1)
        group_column.addLayout(button_row(self.add_group_button, self.group_up_button, self.group_down_button,
                                          self.remove_group_button))
        counts = QFormLayout()
        counts.addRow("本组建议表扬名额：", self.commend_spin)
        counts.addRow("本组建议批评名额：", self.criticise_spin)
        group_column.addLayout(counts)
        return group_box

    def _unit_box(self) -> QGroupBox:
        self.unit_heading = QLabel()
        self.unit_table = QTableWidget(0, 4)
        self.unit_table.setHorizontalHeaderLabels(["单位名称", "状态", "曾用名", "类别"])
        self.unit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unit_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.unit_table.verticalHeader().setVisible(False)
        self.unit_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.unit_table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, mode in ((STATUS, QHeaderView.ResizeMode.ResizeToContents), (FORMER, QHeaderView.ResizeMode.Stretch),
                             (CLASS, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.classes = [c.name for c in self.period.scheme.rules.classes]
        self.unit_table.itemChanged.connect(self._unit_renamed)
        self.unit_table.itemSelectionChanged.connect(self._update_unit_buttons)
        self.add_unit_button, self.unit_up_button = QPushButton("添加单位"), QPushButton("上移")
        self.unit_down_button, self.active_button = QPushButton("下移"), QPushButton("停用")
        self.delete_unit_button = QPushButton("删除")
        self.delete_unit_button.setToolTip("只能删除本次新添加的单位；已有的单位请“停用”，历史数据会保留")
        self.active_button.setToolTip("停用的单位不显示在表格中，也不参加排名，已填的数据保留，可随时启用")
        self.move_combo, self.move_button = QComboBox(), QPushButton("移到该分组")
        self.add_unit_button.clicked.connect(self.add_unit)
        self.unit_up_button.clicked.connect(lambda: self.move_unit(-1))
        self.unit_down_button.clicked.connect(lambda: self.move_unit(1))
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_unit_button.clicked.connect(self.delete_unit)
        self.move_button.clicked.connect(self.move_to_group)
        unit_box = QGroupBox("单位（双击单位名称改名）")
        unit_column = QVBoxLayout(unit_box)
        unit_column.addWidget(self.unit_heading)
        unit_column.addWidget(self.unit_table, 1)
        unit_column.addLayout(button_row(self.add_unit_button, self.unit_up_button, self.unit_down_button,
                                         self.active_button, self.delete_unit_button, stretch=True))
        move_row = QHBoxLayout()
        move_row.addWidget(QLabel("把选中的单位移到分组："))
        move_row.addWidget(self.move_combo, 1)
        move_row.addWidget(self.move_button)
        unit_column.addLayout(move_row)
        return unit_box

    # -- groups ----------------------------------------------------------------------------
    def current_group(self) -> Group | None:
        row = self.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def _fill_groups(self, select: int) -> None:
        with QSignalBlocker(self.group_list):
            self.group_list.clear()
            for group in self.groups:
                item = QListWidgetItem(group.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.group_list.addItem(item)
        self.group_list.setCurrentRow(select)
        self._show_group(select)

    def _show_group(self, row: int) -> None:
        group = self.current_group()
        with QSignalBlocker(self.commend_spin), QSignalBlocker(self.criticise_spin):
            for spin, value in ((self.commend_spin, None if group is None else group.commend_count),
                                (self.criticise_spin, None if group is None else group.criticise_count)):
                spin.setValue(DEFAULT_COUNT if value is None else value)
        self._fill_units(None)

    def _group_renamed(self, item: QListWidgetItem) -> None:
        row = self.group_list.row(item)
        self.groups[row] = replace(self.groups[row], name=item.text())
        self._fill_move_combo()
        self._update_heading()

    def _counts_changed(self) -> None:
        row = self.group_list.currentRow()
        if row < 0:
            return
        values = [None if s.value() == DEFAULT_COUNT else s.value() for s in (self.commend_spin, self.criticise_spin)]
        self.groups[row] = replace(self.groups[row], commend_count=values[0], criticise_count=values[1])

    def add_group(self) -> None:
        group_id = next_id([*self.period.groups, *self.groups])
        names = {g.name for g in self.groups}
        name = free_name("新分组", names)
        self.groups.append(Group(group_id, name))
        self.members[group_id] = []
        self._fill_groups(len(self.groups) - 1)
        self.group_list.editItem(self.group_list.currentItem())

    def move_group(self, step: int) -> None:
        row = self.group_list.currentRow()
        if row < 0 or not 0 <= row + step < len(self.groups):
            return
        self.groups[row], self.groups[row + step] = self.groups[row + step], self.groups[row]
        self._fill_groups(row + step)

    def remove_group(self) -> None:
        group = self.current_group()
        if group is None:
            return
        if why := group_removal_problem(group, len(self.members[group.id]), len(self.groups)):
            ui.error(self, "不能删除分组", why)
            return
        row = self.group_list.currentRow()
        del self.groups[row]
        del self.members[group.id]
        self._fill_groups(min(row, len(self.groups) - 1))

    # -- units of the current group ------------------------------------------------------------
    def current_unit(self) -> Unit | None:
        row = self.unit_table.currentRow()
        group = self.current_group()
        if group is None or not 0 <= row < len(self.members[group.id]) or not self.unit_table.selectedItems():
            return None
        return self.units[self.members[group.id][row]]

    def _fill_units(self, select_id: int | None) -> None:
        group = self.current_group()
        ids = self.members[group.id] if group else []
        with QSignalBlocker(self.unit_table):
            self.unit_table.setRowCount(len(ids))
            for row, unit_id in enumerate(ids):
                unit = self.units[unit_id]
                name = QTableWidgetItem(unit.name)
                status = QTableWidgetItem("在用" if unit.active else "停用（不排名）")
                former_item = QTableWidgetItem(self._former_text(unit_id))
                former_item.setToolTip(former_item.text())
                for item in (status, former_item):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                for column, item in enumerate((name, status, former_item)):
                    if not unit.active:
                        item.setForeground(QBrush(INACTIVE_TEXT))
                    self.unit_table.setItem(row, column, item)
                self.unit_table.setCellWidget(row, CLASS, self._class_combo(unit))
        self._update_heading()
        if select_id is not None and select_id in ids:
            self.unit_table.selectRow(ids.index(select_id))
        self._fill_move_combo()
        self._update_unit_buttons()

    def _class_combo(self, unit: Unit) -> QComboBox:  # 类别: none, or a scheme class (it sets the quota)
        combo = QComboBox()
        combo.addItem(NO_CLASS, "")
        for name in self.classes + ([unit.category] if unit.category and unit.category not in self.classes else []):
            combo.addItem(name if name in self.classes else f"{name}（计分办法中没有）", name)
        combo.setCurrentIndex(combo.findData(unit.category))
        combo.setToolTip("类别决定单位每期的报送定额；类别在“计分办法”中设置")
        combo.setEnabled(not self.read_only)
        combo.currentIndexChanged.connect(
            lambda _i, uid=unit.id, c=combo: self.units.__setitem__(uid, replace(self.units[uid], category=c.currentData()))
        )
        return combo

    def _update_heading(self) -> None:
        group = self.current_group()
        ids = self.members[group.id] if group else []
        inactive = sum(1 for uid in ids if not self.units[uid].active)
        self.unit_heading.setText(f"「{group.name if group else ''}」共 {len(ids)} 个单位，其中停用 {inactive} 个")

    def _former_text(self, unit_id: int) -> str:
        """Former names from the log, and the name a rename in this dialog is about to replace."""
        original = self.period.units.get(unit_id)
        if original is None:
            return "（新添加）"
        pending = f"{original.name}（确定后改名）" if original.name != self.units[unit_id].name else ""
        return "、".join(filter(None, [pending, self.former.get(unit_id, "")]))

    def _fill_move_combo(self) -> None:
        current = self.current_group()
        self.move_combo.clear()
        for group in self.groups:
            if current is None or group.id != current.id:
                self.move_combo.addItem(group.name, group.id)

    def _update_unit_buttons(self) -> None:
        if self.read_only:
            return
        unit = self.current_unit()
        for button in (self.unit_up_button, self.unit_down_button, self.active_button, self.move_button):
            button.setEnabled(unit is not None)
        self.move_button.setEnabled(unit is not None and self.move_combo.count() > 0)
        self.active_button.setText("启用" if unit is not None and not unit.active else "停用")
        self.delete_unit_button.setEnabled(unit is not None and unit.id in self.added_units)

    def _unit_renamed(self, item: QTableWidgetItem) -> None:
        group = self.current_group()
        if group is None or item.column() != NAME:
            return
        unit_id = self.members[group.id][item.row()]
        self.units[unit_id] = replace(self.units[unit_id], name=item.text())
        former = table_items.table_item(self.unit_table, item.row(), FORMER)
        with QSignalBlocker(self.unit_table):
            former.setText(self._former_text(unit_id))
            former.setToolTip(former.text())

    def add_unit(self) -> None:
        group = self.current_group()
        if group is None:
            return
        unit_id = next_id([*self.period.units.values(), *self.units.values()])
        names = {u.name for u in self.units.values()}
        name = free_name("新单位", names)
        self.units[unit_id] = Unit(unit_id, name, group.id)
        self.members[group.id].append(unit_id)
        self.added_units.add(unit_id)
        self._fill_units(unit_id)
        self.unit_table.editItem(table_items.table_item(self.unit_table, self.unit_table.currentRow(), NAME))

    def move_unit(self, step: int) -> None:
        unit, group = self.current_unit(), self.current_group()
        if unit is None or group is None:
            return
        ids = self.members[group.id]
        row = ids.index(unit.id)
        if 0 <= row + step < len(ids):
            ids[row], ids[row + step] = ids[row + step], ids[row]
            self._fill_units(unit.id)

    def toggle_active(self) -> None:
        unit = self.current_unit()
        if unit is not None:
            self.units[unit.id] = replace(unit, active=not unit.active)
            self._fill_units(unit.id)

    def delete_unit(self) -> None:
        unit, group = self.current_unit(), self.current_group()
        if unit is None or group is None or unit.id not in self.added_units:
            return
        self.members[group.id].remove(unit.id)
        del self.units[unit.id]
        self.added_units.discard(unit.id)
        self._fill_units(None)

    def move_to_group(self) -> None:
        unit, group = self.current_unit(), self.current_group()
        target = self.move_combo.currentData()
        if unit is None or group is None or target is None:
            return
        self.members[group.id].remove(unit.id)
        self.members[target].append(unit.id)
        self.units[unit.id] = replace(unit, group_id=target)
        self._fill_units(None)

    # -- OK -------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Empty and duplicate names, each naming the group and the unit (scoring.structure_plan)."""
        return structure_problems(self.groups, self.members, self.units)

    def operations(self) -> list[Operation] | None:
        try:
            return plan_structure(self.period, self.groups, self.members, self.units)
        except EditError as error:
            ui.problems(self, "单位或分组有误", error.problems)
            return None


def open_units_editor(window: MainWindow) -> UnitsDialog:
    return open_dialog(UnitsDialog(window))
