"""The grid: a table view that edits like Excel/WPS.

Typing overwrites the cell, F2 or a double-click edits in place, Enter commits and moves down,
Tab moves right, Delete/Backspace clears the selection to 0, Ctrl+C/Ctrl+V copy and paste
rectangular ranges. Refused input is explained next to the cell; the cell keeps its value.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from desktop_app.clipboard import MAX_PASTE_CELLS, from_tsv, to_tsv
from desktop_app.table_model import (
    ADJUSTMENT,
    COLUMN_KIND_ROLE,
    LEDGER_ROLE,
    RANK_SORT_ROLE,
    TALLY,
    UNIT_ID_ROLE,
    WARNING_ROLE,
    GroupTableModel,
)
from scoring.cells import ZERO, Count
from scoring.edits import EditError, SetTally, is_count_field, parse_cells
from scoring.storage import PeriodFileError


class CellDelegate(QStyledItemDelegate):
    """Draws a small orange corner marker on cells with a warning (like an Excel comment)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(WARNING_ROLE):
            rect = option.rect
            size = 7
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(Qt.GlobalColor.darkYellow)
            corner = rect.topRight()
            painter.drawPolygon(
                QPolygon([corner, QPoint(corner.x() - size, corner.y()), QPoint(corner.x(), corner.y() + size)])
            )
            painter.restore()


class RankSortProxy(QSortFilterProxyModel):
    """Shows the rows in rank order (when sorted) or in the group's own order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(RANK_SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_rank_order(self, enabled: bool) -> None:
        if enabled:
            self.sort(0, Qt.SortOrder.AscendingOrder)
        else:
            self.sort(-1)


class GridView(QTableView):
    """A group's table, edited like a spreadsheet."""

    message = Signal(str)  # something to show in the status bar
    adjustments_requested = Signal(int)  # unit id whose 加减分 should be edited
    paste_refused = Signal(list)  # problems of a refused paste, each naming unit and column
    ledger_requested = Signal(int, object)  # unit id, channel id or None: open the item ledger filtered

    def __init__(self, model: GroupTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = RankSortProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setHighlightSections(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._refused = False
        model.problem.connect(self._on_problem)
        model.modelReset.connect(self.fit_columns)
        model.columnsInserted.connect(lambda *_: self.fit_columns())  # 排名变化 shown
        self.doubleClicked.connect(self._on_double_click)
        self.fit_columns()

    # -- layout ----------------------------------------------------------------------------
    def fit_columns(self) -> None:
        """Unit column wide enough for the longest name; numbers as wide as their headers need."""
        metrics = self.fontMetrics()
        model = self.source
        names = [model.data(model.index(r, 0)) or "" for r in range(min(model.rowCount(), 5000))]
        widest = max([metrics.horizontalAdvance(n) for n in names] + [metrics.horizontalAdvance("单位名称")])
        self.setColumnWidth(0, widest + 28)
        for column in range(1, model.columnCount()):
            header = model.headerData(column, Qt.Orientation.Horizontal) or ""
            widest_line = max(metrics.horizontalAdvance(line) for line in header.split("\n"))
            self.setColumnWidth(column, max(widest_line, metrics.horizontalAdvance("8888+88*")) + 18)
        headers = [model.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(model.columnCount())]
        lines = max(header.count("\n") + 1 for header in headers)
        self.horizontalHeader().setMinimumHeight(metrics.height() * lines + 12)

    # -- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection_to_zero()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move(1, 0)
                return
            if key == Qt.Key.Key_F2 and self._kind(self.currentIndex()) == ADJUSTMENT:
                self._on_double_click(self.currentIndex())
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        refused, self._refused = self._refused, False
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if refused:
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move(1, 0)
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            self._move(0, 1)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self._move(0, -1)

    def _move(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), self.proxy.rowCount() - 1)
        column = min(max(current.column() + columns, 0), self.proxy.columnCount() - 1)
        self.setCurrentIndex(self.proxy.index(row, column))

    def _kind(self, index: QModelIndex) -> str | None:
        return index.data(COLUMN_KIND_ROLE) if index.isValid() else None

    def _on_double_click(self, index: QModelIndex) -> None:
        if self._kind(index) == ADJUSTMENT:
            self.adjustments_requested.emit(index.data(UNIT_ID_ROLE))
        elif (cell := index.data(LEDGER_ROLE)) is not None:  # computed from the ledger: show its items
            self.ledger_requested.emit(*cell)

    def _on_problem(self, source_index: QModelIndex, text: str) -> None:
        self._refused = True
        index = self.proxy.mapFromSource(source_index)
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), text, self.viewport(), rect, 8000)
        self.message.emit(text)

    # -- selection, copy, paste, clear ------------------------------------------------------
    def selected_block(self) -> list[list[QModelIndex]]:
        """The selected cells as rows of proxy indexes (the bounding rectangle of the selection)."""
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return []
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        column_range = range(columns[0], columns[-1] + 1)
        return [[self.proxy.index(r, c) for c in column_range] for r in range(rows[0], rows[-1] + 1)]

    def copy_selection(self) -> None:
        block = self.selected_block()
        if block:
            QGuiApplication.clipboard().setText(to_tsv([[i.data() or "" for i in row] for row in block]))
            self.message.emit(f"已复制 {len(block)} 行 × {len(block[0])} 列")

    def _tally_target(self, index: QModelIndex, problems: list[str]):
        """(unit id, field) of an editable cell, or None with a problem recorded."""
        column = self.source.columns[index.column()]
        unit_id = index.data(UNIT_ID_ROLE)
        if column.kind == TALLY:
            return unit_id, column.key
        name = self.source.session.document.period.units[unit_id].name
        why = {
            ADJUSTMENT: "需要写明理由，请双击单元格编辑",
        }.get(column.kind, "是计算结果或名称，不能粘贴修改" if column.kind != "unit" else "请在“单位管理”中修改")
        problems.append(f"{name}「{column.header}」{why}")
        return None

    def paste(self) -> None:
        if self.source.session.read_only:
            self.paste_refused.emit([f"文件是只读的：{self.source.session.why_read_only}"])
            return
        rows = from_tsv(QGuiApplication.clipboard().text())
        block = self.selected_block()
        if not block:
            return
        if len(rows) == 1 and len(rows[0]) == 1 and (len(block) > 1 or len(block[0]) > 1):
            targets = [(index, rows[0][0]) for line in block for index in line]  # fill the selection
        else:
            top, left = block[0][0].row(), block[0][0].column()
            height, width = len(rows), max(len(r) for r in rows)
            if height * width > MAX_PASTE_CELLS:
                self.paste_refused.emit([f"粘贴的内容太多（{height} 行 × {width} 列）"])
                return
            if top + height > self.proxy.rowCount() or left + width > self.proxy.columnCount():
                self.paste_refused.emit(
                    [f"粘贴区域超出表格：需要 {height} 行 × {width} 列，从当前单元格起只有 "
                     f"{self.proxy.rowCount() - top} 行 × {self.proxy.columnCount() - left} 列"]
                )
                return
            targets = [
                (self.proxy.index(top + r, left + c), text)
                for r, line in enumerate(rows)
                for c, text in enumerate(line + [""] * (width - len(line)))
            ]
        problems: list[str] = []
        cells = []
        for index, text in targets:
            target = self._tally_target(index, problems)
            if target is not None:
                cells.append((*target, text))
        period = self.source.session.document.period
        try:
            operations = parse_cells(period, cells)
        except EditError as error:
            problems.extend(error.problems)
        if problems:
            self.paste_refused.emit(problems)
            return
        changed = [op for op in operations if period.tallies[op.unit_id].get(op.key) != op.value]
        self._commit(changed, f"粘贴 {len(targets)} 个单元格")
        self._select(targets[0][0], targets[-1][0])

    def clear_selection_to_zero(self) -> None:
        if self.source.session.read_only:
            self.message.emit(f"文件是只读的：{self.source.session.why_read_only}")
            return
        period = self.source.session.document.period
        operations = []
        for line in self.selected_block():
            for index in line:
                if not self.selectionModel().isSelected(index) and index != self.currentIndex():
                    continue
                column = self.source.columns[index.column()]
                if column.kind != TALLY:
                    continue
                unit_id = index.data(UNIT_ID_ROLE)
                zero: Count | int = 0 if is_count_field(column.key) else ZERO  # events count like items
                if period.tallies[unit_id].get(column.key) != zero:
                    operations.append(SetTally(unit_id, column.key, zero))
        self._commit(operations, f"清除 {len(operations)} 个单元格")

    def _commit(self, operations: list, label: str) -> None:
        if not operations:
            return
        try:
            self.source.session.apply(operations, label)
        except (EditError, PeriodFileError) as error:
            self.paste_refused.emit(str(error).splitlines())
            return
        self.message.emit(f"已{label.split(' ')[0]}：{len(operations)} 个单元格已更新并保存")

    def _select(self, first: QModelIndex, last: QModelIndex) -> None:
        from PySide6.QtCore import QItemSelection

        self.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
