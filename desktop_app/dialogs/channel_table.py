"""The channel list of the 计分办法 editor: add, rename, reorder and remove adoption channels.

Each row keeps its channel's id (new rows get a fresh one), so a renamed or moved channel
keeps its tallies. Removing a channel that units have counts in asks first.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.dialogs.row_table import lay_out_with_buttons, move_row
from desktop_app.dialogs.table_items import table_item
from desktop_app.dialogs.ui import ui
from scoring.cells import CellError, format_points, parse_points
from scoring.model import Channel, Period
from scoring.names import free_name
from scoring.scheme_changes import units_with_data
from scoring.structure_edits import next_id
from scoring.validation import channel_name_problems

NAME, DEDICATED, COMBINED, ACCEPTS = range(4)
HEADERS = ("采用渠道", "专报每条得分", "综合每条得分", "计综合（带*）")
ID_ROLE = Qt.ItemDataRole.UserRole


class ChannelTable(QWidget):
    """Rows of (name, 专报 points, 综合 points, 计综合) with the buttons that edit them."""

    def __init__(self, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = period
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (DEDICATED, COMBINED, ACCEPTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip("双击单元格修改名称或分值；“计综合”不勾选时，该渠道不能填带*的采用数")

        self.add_button, self.up_button, self.down_button, self.remove_button = lay_out_with_buttons(
            self, self.table, ("添加渠道", "删除渠道…"), self.add_channel, self.move_selected, self.remove_selected
        )

    # -- filling ---------------------------------------------------------------------------
    def set_channels(self, channels: tuple[Channel, ...]) -> None:
        self.table.setRowCount(0)
        for channel in channels:
            self._append(channel.id, channel.name, channel.dedicated_points, channel.combined_points, channel.accepts_combined)

    def _append(self, channel_id: int, name: str, dedicated: Decimal, combined: Decimal, accepts: bool) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(ID_ROLE, channel_id)
        self.table.setItem(row, NAME, name_item)
        for column, value in ((DEDICATED, dedicated), (COMBINED, combined)):
            item = QTableWidgetItem(format_points(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, item)
        accepts_item = QTableWidgetItem()
        accepts_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        accepts_item.setCheckState(Qt.CheckState.Checked if accepts else Qt.CheckState.Unchecked)
        self.table.setItem(row, ACCEPTS, accepts_item)
        return row

    def set_read_only(self) -> None:
        for row in range(self.table.rowCount()):
            table_item(self.table, row, ACCEPTS).setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)

    # -- the buttons -------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return [table_item(self.table, row, NAME).data(ID_ROLE) for row in range(self.table.rowCount())]

    def add_channel(self) -> None:
        """A new row with a fresh id (never one of the period's channels), its name ready to type."""
        channel_id = max(next_id(self.period.scheme.channels), max(self.ids(), default=0) + 1)
        names = {table_item(self.table, row, NAME).text() for row in range(self.table.rowCount())}
        name = free_name("新渠道", names)
        row = self._append(channel_id, name, Decimal(0), Decimal(0), True)
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(table_item(self.table, row, NAME))

    def selected_row(self) -> int | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return min(rows) if rows else None

    def move_selected(self, step: int) -> None:
        move_row(self.table, self.selected_row(), step)

    def remove_selected(self) -> None:
        """Remove the selected channel; if units have counts in it, ask first, saying how many."""
        row = self.selected_row()
        if row is None:
            return
        name = table_item(self.table, row, NAME).text()
        used = units_with_data(self.period, table_item(self.table, row, NAME).data(ID_ROLE))
        if used and not ui.confirm(
            self,
            "删除采用渠道",
            f"「{name}」中有 {used} 个单位填了采用数。删除这个渠道会同时删除这些采用数，"
            "各单位得分随之改变（可以撤销）。\n\n确定删除吗？",
        ):
            return
        self.table.removeRow(row)

    # -- reading back ------------------------------------------------------------------------
    def channels(self) -> tuple[tuple[Channel, ...], list[str]]:
        """The channels as typed, and every problem, each naming the channel and the column."""
        channels, problems = [], []
        for row in range(self.table.rowCount()):
            name = table_item(self.table, row, NAME).text().strip()
            label = f"采用渠道「{name}」" if name else f"第 {row + 1} 个采用渠道"
            points = []
            for column in (DEDICATED, COMBINED):
                try:
                    points.append(parse_points(table_item(self.table, row, column).text(), allow_negative=False))
                except CellError as error:
                    problems.append(f"{label}的「{HEADERS[column]}」：{error}")
                    points.append(Decimal(0))
            accepts = table_item(self.table, row, ACCEPTS).checkState() == Qt.CheckState.Checked
            channels.append(Channel(table_item(self.table, row, NAME).data(ID_ROLE), name, points[0], points[1], accepts))
        existing = [channel.name for channel in self.period.scheme.channels]
        names = channel_name_problems([channel.name for channel in channels], existing)  # the domain's words
        return tuple(channels), names + problems
