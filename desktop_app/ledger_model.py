"""The item ledger as a Qt table: one row per item, edited like a spreadsheet, filtered by a proxy.

Every edit becomes a :class:`scoring.item_edits.SetItems` through the session (committed, then
shown; one undo step). After a change the model compares its rows with the period's items and
announces only what differs: rows removed, rows inserted, ``dataChanged`` for edited rows.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal

from desktop_app.row_runs import row_runs
from desktop_app.session import Session
from scoring.cells import format_points
from scoring.document import Applied
from scoring.errors import UserError
from scoring.item_edits import SetItems
from scoring.item_rules import item_value
from scoring.item_text import ADOPTIONS, DATE, FLAGS, INSTRUCTIONS, TITLE, UNITS, field_text, with_field
from scoring.items import Item

Index = QModelIndex | QPersistentModelIndex
POINTS = "points"
COLUMNS = (UNITS, TITLE, DATE, ADOPTIONS, INSTRUCTIONS, FLAGS, POINTS)
HEADERS = ("单位", "标题", "报送日期", "采用", "批示", "标记", "条目得分")
TIPS = {
    UNITS: "合报的几个单位用、分开，如 甲局、乙局",
    ADOPTIONS: "渠道名加 专报 或 综合，几次采用用、分开，如 市级采用专报、省级采用综合",
    INSTRUCTIONS: "批示级别，几次用、分开；同级多次批示只计一次",
    FLAGS: "计分办法中的加倍标记，如 经转报",
    POINTS: "整条的得分（合报时各单位均分）；由计分办法计算",
}
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 11


class LedgerModel(QAbstractTableModel):
    problem = Signal(str)  # an edit that was refused, in words

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.ids: list[int] = []
        self._shown: dict[int, Item] = {}  # the item each row showed, to find what changed

    def set_session(self, session: Session | None) -> None:
        self.beginResetModel()
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        self._load()
        if session is not None:
            session.changed.connect(self._on_changed)
        self.endResetModel()

    def _load(self) -> None:
        items = self.session.document.period.items if self.session is not None else {}
        self.ids = sorted(items)
        self._shown = dict(items)

    def item(self, row: int) -> Item:
        assert self.session is not None  # rows exist only while a period is open
        return self.session.document.period.items[self.ids[row]]

    def row_of(self, item_id: int) -> int | None:
        from bisect import bisect_left

        at = bisect_left(self.ids, item_id)
        return at if at < len(self.ids) and self.ids[at] == item_id else None

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return TIPS.get(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()] != POINTS and self.session is not None and not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.session is None or not 0 <= index.row() < len(self.ids):
            return None
        item = self.item(index.row())
        name = COLUMNS[index.column()]
        period = self.session.document.period
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if name == POINTS:
                return format_points(item_value(period.scheme, item)) if period.scheme.items is not None else ""
            return field_text(period, item, name)
        if role == Qt.ItemDataRole.ToolTipRole and name == ADOPTIONS and item.adoptions:
            issues = [a.issue for a in item.adoptions if a.issue]
            return "、".join(issues) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and name in (DATE, POINTS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ITEM_ID_ROLE:
            return item.id
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.session is None:
            return False
        name = COLUMNS[index.column()]
        item = self.item(index.row())
        period = self.session.document.period
        try:
            changed = with_field(period, item, name, "" if value is None else str(value))
            if changed == item:
                return True
            self.session.apply(SetItems(((item.id, changed),)), f"修改条目《{item.title}》")
        except UserError as error:
            self.problem.emit(str(error))
            return False
        return True

    # -- following changes -----------------------------------------------------------------
    def _on_changed(self, applied: Applied) -> None:
        if self.session is None:
            return
        items = self.session.document.period.items
        if applied.delta.structure and set(items) == set(self.ids):  # scheme or units: every row may read differently
            self._shown = dict(items)
            if self.ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))
            return
        removed = [row for row, item_id in enumerate(self.ids) if item_id not in items]
        for run in reversed(row_runs(removed)):
            self.beginRemoveRows(QModelIndex(), run[0], run[-1])
            del self.ids[run[0] : run[-1] + 1]
            self.endRemoveRows()
        known = set(self.ids)
        for item_id in sorted(i for i in items if i not in known):
            from bisect import bisect_left

            at = bisect_left(self.ids, item_id)
            self.beginInsertRows(QModelIndex(), at, at)
            self.ids.insert(at, item_id)
            self.endInsertRows()
        edited = [row for row, item_id in enumerate(self.ids) if item_id in self._shown and self._shown[item_id] is not items[item_id]]
        self._shown = dict(items)
        for run in row_runs(edited):
            self.dataChanged.emit(self.index(run[0], 0), self.index(run[-1], len(COLUMNS) - 1))


class LedgerFilter(QSortFilterProxyModel):
    """Rows of the ledger by unit, channel, date range and text (in 标题, 单位, 采用, 批示, 标记)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.unit_id: int | None = None
        self.channel_id: int | None = None
        self.start: date | None = None
        self.end: date | None = None
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.DisplayRole)

    def set_filter(self, *, unit_id=..., channel_id=..., start=..., end=..., text=...) -> None:
        self.beginFilterChange()
        for name, value in (("unit_id", unit_id), ("channel_id", channel_id), ("start", start), ("end", end), ("text", text)):
            if value is not ...:
                setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, LedgerModel) or model.session is None:
            return True
        item = model.item(source_row)
        if self.unit_id is not None and self.unit_id not in item.unit_ids:
            return False
        if self.channel_id is not None and all(a.channel_id != self.channel_id for a in item.adoptions):
            return False
        if self.start is not None and item.submitted_on < self.start:
            return False
        if self.end is not None and item.submitted_on > self.end:
            return False
        if self.text:
            period = model.session.document.period
            texts = [item.title, *(field_text(period, item, name) for name in (UNITS, ADOPTIONS, INSTRUCTIONS, FLAGS))]
            texts += [a.issue for a in item.adoptions]
            return any(self.text in text for text in texts)
        return True
