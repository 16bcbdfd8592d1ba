"""Copy, paste and clear in the grid: rectangular ranges as Excel and WPS exchange them, a single
value filling the selection, rows pasted by unit name, Delete clearing to 0. Every paste is
checked whole first and is one undo step; one bad cell and nothing changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from desktop_app.clipboard import MAX_PASTE_CELLS, from_tsv, has_unit_names, plan_named_paste, to_tsv
from desktop_app.table_model import UNIT_ID_ROLE
from scoring.block_edits import plan_block, plan_clear, plan_tallies
from scoring.errors import UserError

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
