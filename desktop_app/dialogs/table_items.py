"""The item or widget of a QTableWidget cell that the dialog filled itself (Qt's getters may return None)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

_Widget = TypeVar("_Widget", bound=QWidget)


def table_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item at (row, column) of a table whose rows are added with an item in every cell."""
    item = table.item(row, column)
    if item is None:  # a programming error: the row was added without this cell
        raise LookupError(f"{table.objectName() or 'table'}: no item at row {row}, column {column}")
    return item


def cell_widget(table: QTableWidget, row: int, column: int, kind: type[_Widget]) -> _Widget:
    """The widget of kind ``kind`` the dialog put in the cell (setCellWidget)."""
    widget = table.cellWidget(row, column)
    if not isinstance(widget, kind):  # a programming error: another widget, or none
        raise LookupError(f"{table.objectName() or 'table'}: no {kind.__name__} at row {row}, column {column}")
    return widget
