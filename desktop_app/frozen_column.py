"""The unit column stays put while the grid scrolls sideways (Excel's 冻结首列).

Qt's "frozen column" pattern: a second table view laid over the grid's left edge, showing only
the 单位 column of the same model with the same selection model, its rows scrolled together with
the grid's. It takes no focus; clicks on it select the unit's row cells as in the grid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QHeaderView, QTableView

if TYPE_CHECKING:
    from desktop_app.grid_view import GridView


class FrozenColumn(QTableView):
    def __init__(self, grid: GridView) -> None:
        super().__init__(grid)
        self.grid = grid
        self.setObjectName("frozenUnitColumn")
        self.setModel(grid.model())
        self.setSelectionModel(grid.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(grid.selectionMode())
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultAlignment(grid.horizontalHeader().defaultAlignment())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(grid.verticalScrollMode())
        self.setFrameShape(QFrame.Shape.NoFrame)
        grid.viewport().stackUnder(self)
        grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(grid.verticalScrollBar().setValue)
        grid.horizontalHeader().sectionResized.connect(self._on_column_resized)
        grid.verticalHeader().sectionResized.connect(lambda row, _old, size: self.setRowHeight(row, size))
        model = grid.model()
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved, model.layoutChanged):
            signal.connect(lambda *_: self.follow())
        self.doubleClicked.connect(grid.doubleClicked)
        self.follow()

    def follow(self) -> None:
        """Show only the unit column, as wide and as high as the grid's, where the grid has it."""
        grid = self.grid
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column != 0)
        self.setColumnWidth(0, grid.columnWidth(0))
        self.setFont(grid.font())
        self.horizontalHeader().setFont(grid.horizontalHeader().font())
        self.verticalHeader().setDefaultSectionSize(grid.verticalHeader().defaultSectionSize())
        self.horizontalHeader().setFixedHeight(grid.horizontalHeader().height())
        frame = grid.frameWidth()
        self.setGeometry(
            grid.verticalHeader().width() + frame,
            frame,
            grid.columnWidth(0),
            grid.viewport().height() + grid.horizontalHeader().height(),
        )
        self.verticalScrollBar().setValue(grid.verticalScrollBar().value())
        self.raise_()

    def _on_column_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.setColumnWidth(0, size)
            self.follow()

    def wheelEvent(self, event: QWheelEvent) -> None:  # scrolling or zooming over the names: the grid's
        QApplication.sendEvent(self.grid.viewport(), event)

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        pass  # the grid scrolls; this view follows its rows
