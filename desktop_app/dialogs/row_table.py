"""A small editable table with 添加 / 上移 / 下移 / 删除 buttons, each row carrying a value of its own.

The rule pages of the 计分办法 editor (events, classes, rate rules, limits) are all lists of a
few typed fields; this widget holds them as text, the page turns the text into domain values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.table_items import table_item

DATA_ROLE = Qt.ItemDataRole.UserRole



def lay_out_with_buttons(
    owner: QWidget,
    table: QTableWidget,
    names: tuple[str, str],
    add: Callable[[], object],
    move: Callable[[int], object],
    remove: Callable[[], object],
) -> tuple[QPushButton, QPushButton, QPushButton, QPushButton]:
    """``table`` with 添加 / 上移 / 下移 / 删除 beside it (``names``: the add and remove labels), the
    way every list editor of the program looks; returns the four buttons."""
    buttons = (QPushButton(names[0]), QPushButton("上移"), QPushButton("下移"), QPushButton(names[1]))
    buttons[0].clicked.connect(lambda: add())
    buttons[1].clicked.connect(lambda: move(-1))
    buttons[2].clicked.connect(lambda: move(1))
    buttons[3].clicked.connect(lambda: remove())
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch()
    layout = QHBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addLayout(column)
    return buttons


def move_row(table: QTableWidget, row: int | None, step: int) -> None:
    """Move ``row`` of ``table`` up (-1) or down (+1) with its items, and select it there."""
    if row is None or row < 0 or not 0 <= row + step < table.rowCount():
        return
    taken = [table.takeItem(row, column) for column in range(table.columnCount())]
    table.removeRow(row)
    table.insertRow(row + step)
    for column, item in enumerate(taken):
        table.setItem(row + step, column, item)
    table.selectRow(row + step)

class RowTable(QWidget):
    """Rows of texts under ``headers``; ``new_row()`` gives (data, texts) for 添加."""

    current_changed = Signal(int)

    def __init__(self, headers: Sequence[str], new_row: Callable[[], tuple[object, list[str]]], tip: str = "") -> None:
        super().__init__()
        self.headers = list(headers)
        self.new_row = new_row
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip(tip)
        self.table.currentCellChanged.connect(lambda row, *_: self.current_changed.emit(row))
        self.add_button, self.up_button, self.down_button, self.remove_button = lay_out_with_buttons(
            self, self.table, ("添加", "删除"), self.add, self.move_current, self.remove
        )

    def set_rows(self, rows: Sequence[tuple[object, Sequence[str]]]) -> None:
        self.table.setRowCount(0)
        for data, texts in rows:
            self.append(data, texts)

    def append(self, data: object, texts: Sequence[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, item)
        table_item(self.table, row, 0).setData(DATA_ROLE, data)
        return row

    def rows(self) -> list[tuple[object, list[str]]]:
        return [
            (self.data(row), [table_item(self.table, row, c).text().strip() for c in range(len(self.headers))])
            for row in range(self.table.rowCount())
        ]

    def data(self, row: int) -> object:
        return table_item(self.table, row, 0).data(DATA_ROLE)

    def set_data(self, row: int, data: object) -> None:
        table_item(self.table, row, 0).setData(DATA_ROLE, data)

    def current_row(self) -> int:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return min(rows) if rows else -1

    def add(self) -> None:
        data, texts = self.new_row()
        row = self.append(data, texts)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(table_item(self.table, row, 0))

    def move_current(self, step: int) -> None:
        move_row(self.table, self.current_row(), step)

    def remove(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.table.removeRow(row)
