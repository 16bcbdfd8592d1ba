"""The grid: a table view that edits like Excel/WPS.

Typing overwrites the cell, F2 or a double-click edits in place, Enter commits and moves down,
Tab moves right, Delete/Backspace clears the selection to 0, Ctrl+C/Ctrl+V copy and paste
rectangular ranges. A wrong entry keeps the editor open with the text, and a note at the cell
says why; the cell keeps its value until the entry is corrected (or abandoned with Esc).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop_app.frozen_column import FrozenColumn
from desktop_app.grid_cells import CellDelegate, CellNote, RankSortProxy
from desktop_app.grid_clipboard import ClipboardActions
from desktop_app.table_model import ADJUSTMENT, COLUMN_KIND_ROLE, LEDGER_ROLE, UNIT_ID_ROLE, GroupTableModel

CONTROL = Qt.KeyboardModifier.ControlModifier


class GridView(ClipboardActions, QTableView):
    """A group's table, edited like a spreadsheet."""

    message = Signal(str)  # something to show in the status bar
    adjustments_requested = Signal(int)  # unit id whose 加减分 should be edited
    paste_refused = Signal(list)  # problems of a refused paste, each naming unit and column
    zoom_requested = Signal(int)  # Ctrl+wheel: zoom every grid of the window in (+1) or out (-1)
    ledger_requested = Signal(int, object)  # unit id, channel id or None: open the item ledger filtered

    def __init__(self, model: GroupTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_start: int | None = None  # the column where a run of Tabs started
        self._tabbing = False
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
        self._origin: tuple[int, int] | None = None
        self._place: tuple = (None, [])
        self.note = CellNote(self)
        model.problem.connect(self._on_problem)
        model.modelAboutToBeReset.connect(self._remember_place)
        model.modelReset.connect(self.fit_columns)
        model.modelReset.connect(self._restore_place)
        model.columnsInserted.connect(lambda *_: self.fit_columns())  # 排名变化 shown
        self.doubleClicked.connect(self._on_double_click)
        self.zoom = 100
        self._base_font = QFont(self.font())
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.fit_columns()
        self.frozen = FrozenColumn(self)  # the unit column stays while the grid scrolls sideways

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

    def _remember_place(self) -> None:
        """Before the model resets (units or channels changed): the current and selected cells by unit and column."""
        def place(index: QModelIndex):
            column = self.source.columns[index.column()]
            return index.data(UNIT_ID_ROLE), column.kind, column.key

        current = self.currentIndex()
        self._place = (
            place(current) if current.isValid() else None,
            [place(index) for index in self.selectedIndexes()],
        )

    def _restore_place(self) -> None:
        current, selected = self._place
        self._place = (None, [])

        def index_of(place) -> QModelIndex:
            unit_id, kind, key = place
            row = self.source.row_of(unit_id)
            column = self.source.find_column(kind, key)
            if row is None or column is None:
                return QModelIndex()
            return self.proxy.mapFromSource(self.source.index(row, column))

        if current is not None and (index := index_of(current)).isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        if not self.note.cell.isValid():
            self.note.hide()
        selection = QItemSelection()
        for place in selected:
            if (index := index_of(place)).isValid():
                selection.select(index, index)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def set_zoom(self, percent: int) -> None:
        """Show the grid larger or smaller (the window's 放大/缩小); columns and rows follow the font."""
        self.zoom = percent
        font = QFont(self._base_font)
        if self._base_font.pointSizeF() > 0:
            font.setPointSizeF(self._base_font.pointSizeF() * percent / 100)
        else:
            font.setPixelSize(max(6, round(self._base_font.pixelSize() * percent / 100)))
        for widget in (self, self.horizontalHeader(), self.verticalHeader()):
            widget.setFont(font)
        self.verticalHeader().setDefaultSectionSize(QFontMetrics(font).height() + 10)
        self.fit_columns()
        self.frozen.follow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.frozen.follow()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self.frozen.follow()
            self.note.follow()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.note.follow()

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Also bring a cell out from under the frozen unit column."""
        super().scrollTo(index, hint)
        if index.isValid() and index.column() > 0:
            hidden = self.columnWidth(0) - self.visualRect(index).left()
            if hidden > 0:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - hidden)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & CONTROL:
            if event.angleDelta().y():
                self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def context_menu(self) -> QMenu:
        """The right-click menu: copy, paste, clear, undo, redo (and 加减分 on that column)."""
        menu = QMenu(self)
        writable = not self.source.session.read_only

        def add(text: str, slot, enabled: bool = True) -> None:
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False: slot())
            action.setEnabled(enabled)

        add("复制\tCtrl+C", self.copy_selection)
        add("粘贴\tCtrl+V", self.paste, writable)
        add("清除（清为 0）\tDelete", self.clear_selection_to_zero, writable)
        menu.addSeparator()
        stack = self.source.session.undo_stack
        menu.addAction(stack.createUndoAction(menu, "撤销"))
        menu.addAction(stack.createRedoAction(menu, "重做"))
        if self._kind(self.currentIndex()) == ADJUSTMENT:
            menu.addSeparator()
            add("编辑加减分…\tF2", lambda: self._on_double_click(self.currentIndex()), writable)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_menu().exec(event.globalPos())

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
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & CONTROL:
                self._move(0, -1 if key == Qt.Key.Key_Backtab else 1)
                return
            if key == Qt.Key.Key_F2 and self._kind(self.currentIndex()) == ADJUSTMENT:
                self._on_double_click(self.currentIndex())
                return
        super().keyPressEvent(event)

    def commitData(self, editor: QWidget) -> None:
        # Where the cursor is now: with rank order the edited unit may be re-sorted elsewhere
        # by the commit, but Enter/Tab move on from where the clerk was typing.
        current = self.currentIndex()
        self._origin = (current.row(), current.column()) if current.isValid() else None
        self._refused = False
        super().commitData(editor)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        Hint = QAbstractItemDelegate.EndEditHint
        refused, self._refused = self._refused, False
        origin, self._origin = self._origin, None
        delegate = self.itemDelegate()
        if refused and isinstance(delegate, CellDelegate) and delegate.keyed:
            # Enter or Tab on a wrong entry: the editor stays open with the text, the note says why.
            editor.setFocus()
            if hasattr(editor, "selectAll"):
                editor.selectAll()
            return
        super().closeEditor(editor, Hint.NoHint)
        if refused:  # the editor lost the focus: the cell keeps its value, the note stays a while
            self.note.keep_for(8000)
            return
        self.note.hide()
        if hint == Hint.SubmitModelCache:
            self._move(1, 0, origin)
        elif hint == Hint.EditNextItem:
            self._move(0, 1, origin)
        elif hint == Hint.EditPreviousItem:
            self._move(0, -1, origin)

    def _move(self, rows: int, columns: int, origin: tuple[int, int] | None = None) -> None:
        """Move the cursor from ``origin`` (default: the current cell). As in Excel, Enter after a
        run of Tabs goes to the next row in the column where the run started."""
        if origin is None:
            current = self.currentIndex()
            if not current.isValid():
                return
            origin = (current.row(), current.column())
        start = self._tab_start
        if columns and start is None:
            start = origin[1]
        row = min(max(origin[0] + rows, 0), self.proxy.rowCount() - 1)
        column = self._tab_start if rows and self._tab_start is not None else origin[1] + columns
        column = min(max(column, 0), self.proxy.columnCount() - 1)
        self._tabbing = bool(columns)
        try:
            self.setCurrentIndex(self.proxy.index(row, column))
        finally:
            self._tabbing = False
        self._tab_start = start if columns else None

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex, previous: QModelIndex | QPersistentModelIndex) -> None:
        super().currentChanged(current, previous)
        if not self._tabbing:  # a click or an arrow key ends a run of Tabs
            self._tab_start = None

    def _kind(self, index: QModelIndex) -> str | None:
        return index.data(COLUMN_KIND_ROLE) if index.isValid() else None

    def _on_double_click(self, index: QModelIndex) -> None:
        if self._kind(index) == ADJUSTMENT:
            self.adjustments_requested.emit(index.data(UNIT_ID_ROLE))
        elif (cell := index.data(LEDGER_ROLE)) is not None:  # computed from the ledger: show its items
            self.ledger_requested.emit(*cell)

    def _on_problem(self, source_index: QModelIndex, text: str) -> None:
        self._refused = True
        self.note.show_for(self.proxy.mapFromSource(source_index), text)
        self.message.emit(text)
