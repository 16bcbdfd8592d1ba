"""The 信息条目台账 dock beside the group tabs: the items of the period, edited like a spreadsheet.

Add, edit in place, delete, paste rows copied from Excel/WPS (the item-table columns, with or
without their header), import an item table, filter by unit, channel, dates and text, and
switch the period to ledger mode (tallies computed from the items). Every change is one step on
the session's undo stack.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.ui import ui
from desktop_app.ledger_model import ITEM_ID_ROLE, LedgerFilter, LedgerModel
from desktop_app.session import Session
from scoring.errors import EditError, UserError
from scoring.exchange.item_table import find_item_header, plan_item_import
from scoring.item_edits import SetItems, SetLedgerMode, next_item_id
from scoring.item_rules import switch_summary
from scoring.items import Item

PASTE_HEADER = ["单位", "标题", "报送日期", "采用渠道", "采用类型", "批示"]
NO_DATE = QDate(2000, 1, 1)


class LedgerTable(QTableView):
    """The ledger's table: Ctrl+V and Delete act on the ledger while it has the focus (before the
    window's 粘贴 and 清除, which act on the grid)."""

    pasted = Signal()
    deleted = Signal()
    KEYS = (QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Delete)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState:
            if isinstance(event, QKeyEvent) and any(event.matches(key) for key in self.KEYS):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.pasted.emit()
                return
            if event.matches(QKeySequence.StandardKey.Delete):
                self.deleted.emit()
                return
        super().keyPressEvent(event)


class LedgerDock(QDockWidget):
    status = Signal(str)  # a passing message for the window's status bar
    exported = Signal(object, str)  # (the file written, what to say): the window offers to open it

    def __init__(self, parent=None) -> None:
        super().__init__("信息条目台账", parent)
        self.setObjectName("ledger")
        self.session: Session | None = None
        self.model = LedgerModel(self)
        self.proxy = LedgerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.model.problem.connect(self._refused)
        self._make_buttons()
        self._make_filters()
        self._lay_out()
        self.table.pasted.connect(self.paste)
        self.table.deleted.connect(self.delete_selected)
        self.proxy.rowsInserted.connect(lambda *_: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def _make_table(self) -> LedgerTable:
        table = LedgerTable()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        width = table.fontMetrics().horizontalAdvance("市")
        for column, chars in ((0, 14), (2, 8), (3, 18), (4, 10), (5, 8), (6, 6)):
            table.setColumnWidth(column, width * chars)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        return table

    def _make_buttons(self) -> None:
        self.mode = QCheckBox("按台账计算报送、采用数（台账模式）")
        self.mode.setToolTip("勾选后，表格中的报送条目、采用条目和各渠道采用数由本台账计算；原来填写的数保留，取消勾选即恢复")
        self.mode.clicked.connect(self._toggle_mode)
        self.add_button = QPushButton("添加条目")
        self.add_button.clicked.connect(self.add_item)
        self.delete_button = QPushButton("删除条目")
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton("导入条目表…")
        self.import_button.clicked.connect(self.import_table)
        self.export_button = QPushButton("导出…")
        self.export_button.setToolTip("导出条目表（可再导入），或各单位采用条目清单（通报附件）")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("导出条目表…", lambda: self.export(listing=False))
        export_menu.addAction("导出各单位采用条目清单（通报附件）…", lambda: self.export(listing=True))
        self.export_button.setMenu(export_menu)
        self.tasks_button = QPushButton("约稿任务…")
        self.tasks_button.setToolTip("约稿任务和各单位完成情况（台账模式下计为约稿完成、迟报、未完成等事项）")
        self.tasks_button.clicked.connect(self.edit_tasks)

    def _make_filters(self) -> None:
        self.unit_filter = QComboBox()
        self.channel_filter = QComboBox()
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找标题、单位、期号…")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.unit_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.channel_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.start.dateChanged.connect(lambda _d: self._filter())
        self.end.dateChanged.connect(lambda _d: self._filter())
        self.search.textChanged.connect(lambda _t: self._filter())

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        widget: QWidget
        for widget in (self.mode, self.add_button, self.delete_button, self.import_button, self.export_button, self.tasks_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.count)
        filters = QHBoxLayout()
        for label, widget in (("单位", self.unit_filter), ("渠道", self.channel_filter), ("报送日期", self.start), ("至", self.end)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(6, 4, 6, 4)
        box.addLayout(actions)
        box.addLayout(filters)
        box.addWidget(self.table)
        self.setWidget(body)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("不限")
        edit.setDate(NO_DATE)
        return edit

    # -- session -----------------------------------------------------------------------------
    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        self.model.set_session(session)
        if session is not None:
            session.changed.connect(self._on_changed)
        self._fill_filters()
        self._update_controls()

    def _on_changed(self, applied) -> None:
        if applied.delta.structure:
            self._fill_filters()
        self._update_controls()

    def _fill_filters(self) -> None:
        period = self.session.document.period if self.session is not None else None
        for combo, entries in (
            (self.unit_filter, [(u.name, u.id) for u in period.units.values()] if period else []),
            (self.channel_filter, [(c.name, c.id) for c in period.scheme.channels] if period else []),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("全部", None)
            for name, key in entries:
                combo.addItem(name, key)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)
        self._filter()

    def _update_controls(self) -> None:
        session = self.session
        writable = session is not None and not session.read_only
        period = session.document.period if session is not None else None
        self.mode.setChecked(bool(period and period.ledger))
        self.mode.setEnabled(writable and not (period and period.accumulated))
        for button in (self.add_button, self.delete_button, self.import_button, self.tasks_button):
            button.setEnabled(writable)
        self.export_button.setEnabled(session is not None)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.count.setText(f"共 {total} 条" if shown == total else f"显示 {shown} / 共 {total} 条")

    # -- filtering -----------------------------------------------------------------------------
    def _filter(self) -> None:
        def day(edit: QDateEdit) -> date | None:
            value = edit.date()
            return None if value == NO_DATE else date(value.year(), value.month(), value.day())

        self.proxy.set_filter(
            unit_id=self.unit_filter.currentData(),
            channel_id=self.channel_filter.currentData(),
            start=day(self.start),
            end=day(self.end),
            text=self.search.text().strip(),
        )
        self._update_count()

    def show_for(self, unit_id: int | None, channel_id: int | None = None) -> None:
        """Open the ledger filtered to a unit (and a channel): double-click on a computed cell."""
        self.search.clear()
        self.start.setDate(NO_DATE)
        self.end.setDate(NO_DATE)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(unit_id)) if unit_id is not None else 0)
        self.channel_filter.setCurrentIndex(max(0, self.channel_filter.findData(channel_id)) if channel_id is not None else 0)
        self.show()
        self.raise_()
        self.table.setFocus()

    # -- editing -------------------------------------------------------------------------------
    def _apply(self, operation, label: str) -> bool:
        assert self.session is not None
        try:
            self.session.apply(operation, label)
        except UserError as error:
            ui.problems(self, "台账没有修改", error.problems)
            return False
        return True

    def _refused(self, text: str) -> None:
        ui.problems(self, "台账没有修改", text.split("\n"))

    def add_item(self) -> None:
        if self.session is None or self.session.read_only:
            return
        period = self.session.document.period
        unit_id = self.unit_filter.currentData() or next(iter(period.units), None)
        if unit_id is None:
            return
        on = period.info.start if period.info.start and period.info.start > date.today() else date.today()
        if period.info.end and on > period.info.end:
            on = period.info.end
        item = Item(next_item_id(period), (unit_id,), "（请填写标题）", on)
        if self._apply(SetItems.adding([item]), "添加条目"):
            row = self.model.row_of(item.id)
            index = self.proxy.mapFromSource(self.model.index(row, 1)) if row is not None else None
            if index is not None and index.isValid():
                self.table.setCurrentIndex(index)
                self.table.edit(index)

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        return sorted(self.proxy.index(row, 0).data(ITEM_ID_ROLE) for row in rows)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if self.session is None or self.session.read_only or not ids:
            return
        if len(ids) > 1 and not ui.confirm(self, "删除条目", f"删除选中的 {len(ids)} 条信息条目吗？（可以撤销）"):
            return
        self._apply(SetItems.deleting(ids), f"删除 {len(ids)} 条条目")

    def paste(self) -> None:
        from PySide6.QtWidgets import QApplication

        text = QApplication.clipboard().text()
        if self.session is None or self.session.read_only or not text.strip():
            return
        from scoring.exchange.csv_table import csv_rows

        self.paste_rows([row for row in csv_rows(text) if any(cell.strip() for cell in row)])

    def paste_rows(self, rows: list[list[str]]) -> None:
        """Rows copied from Excel: with the item-table header, or in its column order without it."""
        assert self.session is not None
        if find_item_header(rows[:1]) is None:
            rows = [PASTE_HEADER, *rows]
        try:
            plan = plan_item_import(rows, self.session.document.period, "粘贴内容")
        except EditError as error:
            ui.problems(self, "没有粘贴", error.problems)
            return
        if plan.problems:
            ui.problems(self, "没有粘贴", plan.problems)
            return
        if plan.items:
            self._apply(plan.operation, f"粘贴 {len(plan.items)} 条条目")
        if plan.duplicates:
            self.status.emit(f"{len(plan.duplicates)} 条已在台账中，没有重复添加")

    def import_table(self) -> None:
        from scoring.exchange.item_table import read_item_table

        if self.session is None:
            return
        path = ui.ask_open_path(self, "导入条目表", str(self.session.document.path.parent), "条目表 (*.xlsx *.csv)")
        if not path:
            return
        try:
            plan = read_item_table(path, self.session.document.period)
        except EditError as error:
            ui.problems(self, "条目表不能导入", error.problems)
            return
        if plan.problems:
            ui.problems(self, "条目表不能导入", plan.problems)
            return
        lines = [plan.summary(), *plan.duplicates[:10]]
        if not plan.items or not ui.confirm(self, "导入条目表", "\n".join(lines) + "\n\n导入这些新条目吗？（可以一次撤销）"):
            return
        self._apply(plan.operation, f"导入 {len(plan.items)} 条条目")

    def export(self, listing: bool) -> None:

        if self.session is None:
            return
        period = self.session.document.period
        folder = self.session.document.path.parent
        if listing:
            path = ui.ask_save_path(self, "导出采用条目清单", str(folder / f"{period.info.title}采用条目清单.xlsx"), "Excel 工作簿 (*.xlsx)")
        else:
            path = ui.ask_save_path(self, "导出条目表", str(folder / f"{period.info.title}信息条目.xlsx"), "条目表 (*.xlsx *.csv)")
        if not path:
            return
        try:
            if listing:
                from scoring.item_outputs import write_adopted_items

                write_adopted_items(period, path)
            else:
                from scoring.exchange.item_table import write_item_table

                write_item_table(period, path)
        except UserError as error:
            ui.error(self, "导出失败", str(error))
            return
        self.exported.emit(Path(path), f"已导出「{Path(path).name}」")

    def edit_tasks(self) -> None:
        from desktop_app.dialogs.tasks import edit_tasks

        if self.session is not None and not self.session.read_only:
            edit_tasks(self, self.session)

    def _toggle_mode(self, checked: bool) -> None:
        if self.session is None:
            return
        period = self.session.document.period
        if checked:
            replaced = switch_summary(period)
            if replaced:
                shown = replaced[:12] + ([f"……共 {len(replaced)} 个单位"] if len(replaced) > 12 else [])
                question = ("切换为台账模式后，以下单位的报送、采用数将改为由台账计算：\n" + "\n".join(shown)
                            + "\n\n原来填写的数会保留，取消台账模式即恢复。确定切换吗？")
                if not ui.confirm(self, "切换为台账模式", question):
                    self.mode.setChecked(False)
                    return
        label = "切换为台账模式" if checked else "切换为手工填写"
        if not self._apply(SetLedgerMode(checked), label):
            self.mode.setChecked(period.ledger)
