"""Read-only table models behind the import preview: a table of 10,000 rows costs no widgets.

``ChangesModel`` shows each unit the import changes with ``old → new`` in every changed cell;
``DoubtfulModel`` holds a checkbox per doubtful name match (发改委 ↔ 市发改委) that the user
must tick for that row to be imported; ``TextTableModel`` shows any other list of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app import palette
from desktop_app.table_model import wrap_header
from scoring.cells import format_points
from scoring.edits import describe_adjustments, field_label, format_value
from scoring.exchange.merge import AdjustmentChange, CellChange, ImportPlan, UnitMatch
from scoring.model import ADOPTED, SUBMITTED, EventKey, FieldKey, Period

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
CHANGED_TINT = QColor(palette.CHANGED)
UNCONFIRMED_TEXT = QColor(palette.UNCONFIRMED_TEXT)
ARROW = " → "
ADJUSTMENT_COLUMN = "加减分"


class TextTableModel(QAbstractTableModel):
    """Rows of texts under headers; a cell's full text is also its tooltip; ``centred`` columns
    (figures) are centred."""

    def __init__(self, headers: Sequence[str], rows: Iterable[Sequence[str]], centred: Iterable[int] = (), parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows = [list(row) for row in rows]
        self.centred = set(centred)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if role != Role.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return wrap_header(self.headers[section]) if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Role.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Role.DisplayRole, Role.ToolTipRole):
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Role.TextAlignmentRole and index.column() in self.centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ChangesModel(QAbstractTableModel):
    """One row per table row that changes the period: 行, 单位, then the changed columns."""

    def __init__(self, plan: ImportPlan, period: Period, parent=None) -> None:
        super().__init__(parent)
        self.period = period
        self.matches: dict[int, UnitMatch] = {m.line: m for m in plan.matches}
        self.cells: dict[int, dict[FieldKey, CellChange]] = {}
        for change in plan.changes:
            self.cells.setdefault(change.line, {})[change.key] = change
        self.adjustments: dict[int, AdjustmentChange] = {a.line: a for a in plan.adjustments}
        self.lines = sorted(set(self.cells) | set(self.adjustments))
        self._row_of = {line: row for row, line in enumerate(self.lines)}
        changed_keys = {change.key for change in plan.changes}
        order: list[FieldKey] = [*(c.id for c in period.scheme.channels), SUBMITTED, ADOPTED]
        order += [EventKey(e.id) for e in period.scheme.events]  # counted events (扣分/加分事项)
        self.keys = [key for key in order if key in changed_keys]
        self.headers = ["行", "单位"] + [self._label(key) for key in self.keys]
        if self.adjustments:
            self.headers.append(ADJUSTMENT_COLUMN)
        self.doubtful = {m.line for m in plan.doubtful}
        self.confirmed: set[int] = set()

    def _label(self, key: FieldKey) -> str:
        return field_label(self.period, key)

    def set_confirmed(self, lines: set[int]) -> None:
        """Doubtful rows not in ``lines`` are shown greyed: they will not be imported."""
        flipped = (lines ^ self.confirmed) & self.doubtful
        self.confirmed = set(lines)
        rows = sorted(row for line in flipped if (row := self._row_of.get(line)) is not None)
        if rows:  # one signal, even when 全部勾选 flips 10,000 rows
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(self.headers) - 1))

    def will_apply(self, line: int) -> bool:
        return line not in self.doubtful or line in self.confirmed

    def row_of_line(self, line: int) -> int | None:
        return self._row_of.get(line)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return wrap_header(self.headers[section]) if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Role.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Role.DisplayRole:
            return self._text(line, column)
        if role == Role.BackgroundRole and self._changed(line, column) and self.will_apply(line):
            return QBrush(CHANGED_TINT)
        if role == Role.ForegroundRole and not self.will_apply(line):
            return QBrush(UNCONFIRMED_TEXT)
        if role == Role.ToolTipRole:
            return self._tooltip(line, column)
        if role == Role.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def is_changed(self, row: int, column: int) -> bool:
        return self._changed(self.lines[row], column)

    def _changed(self, line: int, column: int) -> bool:
        if column < 2:
            return False
        if column - 2 < len(self.keys):
            return self.keys[column - 2] in self.cells.get(line, {})
        return line in self.adjustments

    def _text(self, line: int, column: int) -> str:
        match = self.matches[line]
        if column == 0:
            return str(line)
        if column == 1:
            return match.unit_name if match.table_name == match.unit_name else f"{match.unit_name}（表中：{match.table_name}）"
        if column - 2 < len(self.keys):
            key = self.keys[column - 2]
            change = self.cells.get(line, {}).get(key)
            if change is not None:
                return f"{change.old}{ARROW}{change.new}"
            return format_value(self.period.tallies[match.unit_id].get(key))
        adjustment = self.adjustments.get(line)
        if adjustment is not None:
            return f"{format_points(adjustment.old_total)}{ARROW}{format_points(adjustment.new_total)}"
        return format_points(self.period.adjustment_total(match.unit_id))

    def _tooltip(self, line: int, column: int) -> str | None:
        if not self.will_apply(line):
            return "名称与本期间的单位不完全相同，在“名称待确认”页勾选后才会导入"
        adjustment = self.adjustments.get(line)
        if column == len(self.headers) - 1 and adjustment is not None and self.headers[-1] == ADJUSTMENT_COLUMN:
            lines = [f"原加减分：{describe_adjustments(adjustment.old)}", f"导入后：{describe_adjustments(adjustment.new)}"]
            if adjustment.published_score is not None:
                lines.append(f"表中得分 {format_points(adjustment.published_score)}：按公布得分校准")
            return "\n".join(lines)
        return self._text(line, column)


class DoubtfulModel(QAbstractTableModel):
    """Doubtful name matches, each with a checkbox: ticked means 'the same unit, import it'."""

    confirmed_changed = Signal()
    HEADERS = ("确认是同一单位", "行", "表中名称", "本期间的单位", "将修改")

    def __init__(self, plan: ImportPlan, parent=None) -> None:
        super().__init__(parent)
        self.matches = plan.doubtful
        counts: dict[int, int] = {}
        for change in plan.changes:
            counts[change.line] = counts.get(change.line, 0) + 1
        adjusted = {a.line for a in plan.adjustments}
        self.effects = [
            f"{counts.get(m.line, 0)} 个单元格" + ("和加减分" if m.line in adjusted else "") for m in self.matches
        ]
        self.checked = [False] * len(self.matches)

    def confirmed_lines(self) -> set[int]:
        return {m.line for m, ticked in zip(self.matches, self.checked, strict=True) if ticked}

    def set_all(self, ticked: bool) -> None:
        self.checked = [ticked] * len(self.matches)
        if self.matches:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.matches) - 1, 0))
        self.confirmed_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Role.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.matches):
            return None
        match, column = self.matches[index.row()], index.column()
        if role == Role.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == Role.DisplayRole:
            ticked = self.checked[index.row()]
            return ("导入" if ticked else "不导入", str(match.line), match.table_name, match.unit_name,
                    self.effects[index.row()])[column]
        if role == Role.ToolTipRole:
            return f"表中的「{match.table_name}」去掉“市”字后与本期间的「{match.unit_name}」相同。勾选表示是同一单位，导入这一行"
        return None

    def setData(self, index: Index, value, role: int = Role.EditRole) -> bool:
        if role != Role.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self.checked[index.row()] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index)
        self.confirmed_changed.emit()
        return True
