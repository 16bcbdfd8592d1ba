"""The grid's cells: the delegate (warning marker, Enter commits at once), the note that explains
a refused entry next to the cell, and the proxy that shows rows in rank order."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app import palette
from desktop_app.table_model import RANK_SORT_ROLE, WARNING_ROLE

NOTE_STYLE = palette.CELL_NOTE_STYLE


Hint = QAbstractItemDelegate.EndEditHint
KEY_HINTS: dict[int, Hint] = {  # by Qt.Key, an int as QKeyEvent.key() returns it
    Qt.Key.Key_Return: Hint.SubmitModelCache,
    Qt.Key.Key_Enter: Hint.SubmitModelCache,
    Qt.Key.Key_Tab: Hint.EditNextItem,
    Qt.Key.Key_Backtab: Hint.EditPreviousItem,
}


class CellDelegate(QStyledItemDelegate):
    """Draws a small orange corner marker on cells with a warning (like an Excel comment).

    Enter (and Tab) in a cell editor commits at once, while the key is handled. Qt's own delegate
    only queues the commit on Enter for later, so keys typed meanwhile (a fast typist, or a slow
    commit on a shared folder) went into the old cell's editor: ``11⏎12⏎`` stored 111 and 2.
    """

    keyed = False  # True while Enter or Tab commits: a refused entry then keeps its editor open

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        hint = None
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(editor, QWidget):
            hint = KEY_HINTS.get(event.key())
            if event.key() == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                hint = None  # Ctrl+Tab switches groups
        if hint is None:
            return super().eventFilter(editor, event)
        self.keyed = True
        try:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, hint)
        finally:
            self.keyed = False
        return True

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
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


class CellNote(QLabel):
    """A balloon under (or above) a cell saying why what was typed there was not accepted.

    It stays while the editor is open with the refused text, follows the cell when the grid
    scrolls or zooms, and goes when the entry is corrected, abandoned (Esc) or, once the editor
    has closed, after a while."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.cell = QPersistentModelIndex()
        self.setObjectName("cellNote")
        self.setStyleSheet(NOTE_STYLE)
        self.setWordWrap(True)
        self.setMaximumWidth(420)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_for(self, index: QModelIndex, text: str) -> None:
        """Show ``text`` at the cell of ``index`` (of the view's model) until told otherwise."""
        self.cell = QPersistentModelIndex(index)
        self.setText(text)
        self.adjustSize()
        self._timer.stop()
        self.show()
        self.follow()

    def keep_for(self, milliseconds: int) -> None:
        """The editor closed: let the note be read, then go."""
        if self.isVisible():
            self.follow()
            self._timer.start(milliseconds)

    def follow(self) -> None:
        if not self.isVisible() or not self.cell.isValid():
            return
        parent = self.parentWidget()
        if parent is None:
            return
        cell = self.view.visualRect(self.cell)
        area = parent.rect()
        x = max(0, min(cell.left(), area.width() - self.width()))
        y = cell.bottom() + 2
        if y + self.height() > area.height():  # no room below: above the cell
            y = max(0, cell.top() - self.height() - 2)
        self.move(x, y)
        self.raise_()
