"""The 加减分 editor: a unit's list of point adjustments, each with its reason."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.buttons import dialog_buttons
from desktop_app.dialogs.table_items import table_item
from desktop_app.dialogs.ui import ui
from scoring.cells import CellError, format_points, parse_points
from scoring.model import Adjustment
from scoring.validation import adjustment_problems


class AdjustmentsDialog(QDialog):
    """Edit the adjustments of one unit; ``result_items`` holds them after OK."""

    def __init__(self, unit_name: str, items: tuple[Adjustment, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"加减分 — {unit_name}")
        self.result_items: tuple[Adjustment, ...] = items
        self.original = items
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"「{unit_name}」的加分或扣分（扣分填负数，如 -10）。每一项都要写明理由。"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["分值", "理由"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 90)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton("添加一项")
        remove = QPushButton("删除选中项")
        for button in (add, remove):  # Enter confirms the dialog; it never adds or deletes a row
            button.setAutoDefault(False)
            button.setDefault(False)
        add.clicked.connect(self._add_and_edit)
        remove.clicked.connect(self._remove_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        self.total = QLabel()
        buttons.addWidget(self.total)
        layout.addLayout(buttons)
        layout.addWidget(dialog_buttons(self))
        for item in items:
            self.add_row(item.points, item.reason)
        self.table.itemChanged.connect(self._update_total)
        self._update_total()
        self.resize(560, 320)

    def add_row(self, points: Decimal, reason: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(format_points(points)))
        self.table.setItem(row, 1, QTableWidgetItem(reason))
        self.table.setCurrentCell(row, 1 if points else 0)

    def _add_and_edit(self) -> None:
        """添加一项: a new row whose 分值 is open for typing, so the clerk can type at once."""
        self.add_row(Decimal(0), "")
        row = self.table.rowCount() - 1
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(table_item(self.table, row, 0))

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self._update_total()

    def entries(self) -> tuple[list[Adjustment], list[str]]:
        """The entries typed so far and the problems with them (row-numbered)."""
        items, problems, rows = [], [], []
        for row in range(self.table.rowCount()):
            points_text = (self.table.item(row, 0) or QTableWidgetItem()).text()
            reason = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            if not points_text.strip() and not reason:
                continue
            try:
                points = parse_points(points_text)
            except CellError as error:
                problems.append(f"第 {row + 1} 条加减分的分值：{error}")
                continue
            items.append(Adjustment(points, reason))
            rows.append(row + 1)
        accepted = [item.reason for item in self.original]  # as SetAdjustments checks them
        return items, problems + adjustment_problems(items, accepted=accepted, numbers=rows)

    def _update_total(self) -> None:
        items, _ = self.entries()
        total = Adjustment.total(items)
        self.total.setText(f"合计：{format_points(total)} 分")

    def accept(self) -> None:
        items, problems = self.entries()
        if problems:
            ui.warning(self, "加减分有误", "\n".join(problems))
            return
        self.result_items = tuple(items)
        super().accept()


def edit_adjustments(parent: QWidget, unit_name: str, items: tuple[Adjustment, ...]) -> tuple[Adjustment, ...] | None:
    """Show the editor; the new entries, or None if the user cancelled."""
    dialog = AdjustmentsDialog(unit_name, items, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_items
    return None
