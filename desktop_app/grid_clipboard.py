"""Copy, paste and clear in the grid: rectangular ranges as Excel and WPS exchange them, a single
value filling the selection, rows pasted by unit name, Delete clearing to 0. Where the cells go and
what changes is planned in the domain (scoring.block_edits, scoring.named_paste), the same path a
typed cell takes; every paste is checked whole first and is one undo step — one bad cell and
nothing changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from desktop_app.clipboard import from_tsv, to_tsv
from desktop_app.table_model import UNIT_ID_ROLE
from scoring.block_edits import place_paste, plan_block, plan_clear, plan_tallies
from scoring.errors import UserError
from scoring.named_paste import has_unit_names, plan_named_paste

if TYPE_CHECKING:
    from desktop_app.grid_cells import RankSortProxy
    from desktop_app.table_model import GroupTableModel

    _GridBase = QTableView
else:
    _GridBase = object


class ClipboardActions(_GridBase):
    """Mixed into :class:`desktop_app.grid_view.GridView` (a QTableView with ``source`` and ``proxy``)."""

    if TYPE_CHECKING:  # what GridView provides
        source: GroupTableModel
        proxy: RankSortProxy
        message = Signal(str)
        paste_refused = Signal(list)

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

    def paste(self) -> None:
        if self.source.session.read_only:
            self.paste_refused.emit([f"文件是只读的：{self.source.session.why_read_only}"])
            return
        rows = from_tsv(QGuiApplication.clipboard().text())
        block = self.selected_block()
        if not block:
            return
        if has_unit_names(self.source.session.document.period, rows):
            self._paste_by_name(rows, block[0][0].column())
            return
        top, left = block[0][0].row(), block[0][0].column()
        placement = place_paste(rows, (top, left, len(block), len(block[0])), (self.proxy.rowCount(), self.proxy.columnCount()))
        if placement.problems:
            self.paste_refused.emit(placement.problems)
            return
        targets = [(self.proxy.index(row, column), text) for row, column, text in placement.cells]
        cells = [(index.data(UNIT_ID_ROLE), self.source.columns[index.column()], text) for index, text in targets]
        plan = plan_block(self.source.session.document.period, cells)
        if plan.problems:
            self.paste_refused.emit(plan.problems)
            return
        self._commit(plan.operations, f"粘贴 {len(targets)} 个单元格")
        self._select(targets[0][0], targets[-1][0])

    def clear_selection_to_zero(self) -> None:
        if self.source.session.read_only:
            self.message.emit(f"文件是只读的：{self.source.session.why_read_only}")
            return
        selected = [
            (index.data(UNIT_ID_ROLE), self.source.columns[index.column()])
            for line in self.selected_block()
            for index in line
            if self.selectionModel().isSelected(index) or index == self.currentIndex()
        ]
        plan = plan_clear(self.source.session.document.period, selected)
        if plan.problems:
            self.paste_refused.emit(plan.problems)
            return
        self._commit(plan.operations, f"清除 {len(plan.operations)} 个单元格")

    def _paste_by_name(self, rows: list[list[str]], left: int) -> None:
        """Rows carrying unit names go to those units, in any order; all or nothing."""
        period = self.source.session.document.period
        plan = plan_named_paste(period, rows, self.source.columns, left)
        block = plan_tallies(period, plan.cells)
        problems = plan.problems + block.problems
        if problems:
            self.paste_refused.emit(problems)
            return
        changed = block.operations
        note = f"（{'、'.join(plan.skipped)}按计分办法计算，没有粘贴）" if plan.skipped else ""
        if not changed:
            self.message.emit(f"按单位名称粘贴：{len(plan.units)} 个单位的数据与表中相同，没有修改{note}")
            return
        self._commit(changed, f"按单位名称粘贴 {len(plan.units)} 个单位", note)

    def _commit(self, operations: list, label: str, note: str = "") -> None:
        if not operations:
            return
        try:
            self.source.session.apply(operations, label)
        except UserError as error:
            self.paste_refused.emit(error.problems)
            return
        self.message.emit(f"已{label.split(' ')[0]}：{len(operations)} 个单元格已更新并保存{note}")

    def _select(self, first: QModelIndex, last: QModelIndex) -> None:
        self.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
