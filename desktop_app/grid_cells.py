"""The grid's cells: the delegate (warning marker, Enter commits at once), the note that explains
a refused entry next to the cell, and the proxy that shows rows in rank order."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.table_model import RANK_SORT_ROLE, WARNING_ROLE

NOTE_STYLE = "background:#fff4c2; color:#5c3b00; border:1px solid #d9a400; border-radius:3px; padding:4px 8px;"


class CellDelegate(QStyledItemDelegate):
    """Draws a small orange corner marker on cells with a warning (like an Excel comment).

    Enter in a cell editor commits at once, while the key is handled. Qt's own delegate only
    queues the commit for later, so keys typed meanwhile (a fast typist, or a slow commit on
    a shared folder) went into the old cell's editor: ``11⏎12⏎`` stored 111 and 2.
    """

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(editor, QWidget)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)

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


class CellNote(QLabel):
    """A balloon under (or above) a cell saying why what was typed there was not accepted.

    It stays while the editor is open with the refused text, and goes when the entry is
    corrected, abandoned (Esc) or after a while once the editor has closed."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("cellNote")
        self.setStyleSheet(NOTE_STYLE)
        self.setWordWrap(True)
        self.setMaximumWidth(420)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_at(self, cell: QRect, text: str, hide_after_ms: int | None = None) -> None:
        self.setText(text)
        self.adjustSize()
        area = self.parentWidget().rect()
        x = max(0, min(cell.left(), area.width() - self.width()))
        y = cell.bottom() + 2
        if y + self.height() > area.height():  # no room below: above the cell
            y = max(0, cell.top() - self.height() - 2)
        self.move(x, y)
        self.show()
        self.raise_()
        if hide_after_ms:
            self._timer.start(hide_after_ms)
        else:
            self._timer.stop()
