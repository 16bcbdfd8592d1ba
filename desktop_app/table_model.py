"""The table model: one group's units × channels over the scoring domain.

Reads come straight from the session's period and standings. An edit is parsed by the domain
and committed through the session; when the session announces a change, the model signals
``dataChanged`` for exactly the cells that changed (the edited rows, the scores and ranks
that moved, the rows whose commendation/criticism tint changed).

Compared with an earlier period (视图 → 对比上期…), a 排名变化 column follows 排名; its texts
come from a :class:`RankChangeSource` the window holds, and repaint together with the ranks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app import palette
from desktop_app.row_runs import row_runs
from desktop_app.session import Session
from scoring.block_edits import plan_block
from scoring.cells import format_points
from scoring.checks import unit_warnings
from scoring.document import Applied
from scoring.edits import format_value, is_count_field
from scoring.errors import UserError
from scoring.explain import explain
from scoring.item_outputs import behind_text
from scoring.item_rules import is_derived
from scoring.model import LIST_LABELS, FieldKey, ListKind
from scoring.periods import RANK_DOWN, RANK_NEW, RANK_UP
from scoring.report import PASS_TEXT, RANK_CHANGE_HEADER, grid_columns

UNIT, TALLY, ADJUSTMENT, SCORE, RANK, RANK_CHANGE = "unit", "tally", "adjustment", "score", "rank", "rank_change"
PERIOD_SCORE, PASS = "period_score", "pass"
COMPUTED_KINDS = (ADJUSTMENT, PERIOD_SCORE, SCORE, RANK, RANK_CHANGE, PASS)
RANK_SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # an int ordering rows by rank, ties by position
WARNING_ROLE = Qt.ItemDataRole.UserRole + 2  # non-empty: draw a marker in the cell corner
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMN_KIND_ROLE = Qt.ItemDataRole.UserRole + 4
LEDGER_ROLE = Qt.ItemDataRole.UserRole + 5

COMMEND_TINT = QColor(palette.COMMEND)
CRITICISE_TINT = QColor(palette.CRITICISE)
COMPUTED_TINT = QColor(palette.COMPUTED)
COMPUTED_TEXT = QColor(palette.COMPUTED_TEXT)
INACTIVE_TEXT = QColor(palette.INACTIVE_TEXT)
RANK_CHANGE_TEXT = {RANK_UP: QColor(palette.RANK_UP_TEXT), RANK_DOWN: QColor(palette.RANK_DOWN_TEXT),
                    RANK_NEW: QColor(palette.RANK_NEW_TEXT)}
RANK_SAME_TEXT = QColor(palette.INACTIVE_TEXT)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    kind: str
    header: str
    key: FieldKey | None = None

    @property
    def field(self) -> FieldKey:
        """The tally field of a TALLY column (every TALLY column has one)."""
        if self.key is None:
            raise ValueError(f"column {self.header} is not a tally field")
        return self.key


class RankChangeSource(Protocol):
    """The active comparison with an earlier period (see desktop_app.comparison)."""

    name: str  # the earlier period's file name

    def text(self, unit_id: int) -> str: ...  # ↑3, ↓2, —, 新

    def tooltip(self, unit_id: int) -> str: ...


def columns_for(session: Session, *, rank_change: bool = False) -> list[Column]:
    """The domain's grid columns (scoring.report.grid_columns: 单位, channels, 报送条目, 采用条目, events,
    加减分, 得分, 排名, 达标), with 排名变化 right after 排名 when comparing."""
    columns = []
    for kind, header, key in grid_columns(session.document.period):
        columns.append(Column(kind, header, key))
        if kind == RANK and rank_change:
            columns.append(Column(RANK_CHANGE, RANK_CHANGE_HEADER))
    return columns


class GroupTableModel(QAbstractTableModel):
    """Rows: the active units of one group in their order. Columns: see :func:`columns_for`."""

    problem = Signal(QModelIndex, str)  # an edit was refused; the message says why and where

    def __init__(self, session: Session, group_id: int, parent=None, rank_changes: RankChangeSource | None = None):
        super().__init__(parent)
        self.session = session
        self.group_id = group_id
        self.rank_changes = rank_changes
        self._load()
        session.changed.connect(self._on_changed)

    def _load(self) -> None:
        period = self.session.document.period
        self._load_columns()
        self.unit_ids = [u.id for u in period.units_in(self.group_id) if u.active]
        self._row_of = {unit_id: row for row, unit_id in enumerate(self.unit_ids)}

    def _load_columns(self) -> None:
        self.columns = columns_for(self.session, rank_change=self.rank_changes is not None)
        self._column_of = {(c.kind, c.key): i for i, c in enumerate(self.columns)}

    def set_rank_changes(self, source: RankChangeSource | None) -> None:
        """Show the 排名变化 column after 排名 from ``source``, or remove it (None)."""
        if (source is None) == (self.rank_changes is None):
            self.rank_changes = source
            if source is not None and self.unit_ids:
                column = self.column_of(RANK_CHANGE)
                self.dataChanged.emit(self.index(0, column), self.index(len(self.unit_ids) - 1, column))
            return
        column = self.column_of(RANK) + 1
        if source is None:
            self.beginRemoveColumns(QModelIndex(), column, column)
        else:
            self.beginInsertColumns(QModelIndex(), column, column)
        self.rank_changes = source
        self._load_columns()
        (self.endRemoveColumns if source is None else self.endInsertColumns)()

    # -- shape ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.unit_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def column_of(self, kind: str, key: FieldKey | None = None) -> int:
        return self._column_of[(kind, key)]

    def find_column(self, kind: str, key: FieldKey | None = None) -> int | None:
        return self._column_of.get((kind, key))

    def row_of(self, unit_id: int) -> int | None:
        return self._row_of.get(unit_id)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return wrap_header(column.header)
            if role == Qt.ItemDataRole.ToolTipRole:
                if column.kind == RANK_CHANGE and self.rank_changes is not None:
                    return f"与「{self.rank_changes.name}」相比的排名变化：↑ 上升，↓ 下降，— 不变，新 表示上期没有排名，转组 表示换了分组（鼠标停留可看原分组和名次）"
                return _header_tip(column)
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.unit_ids):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        period = self.session.document.period  # an accumulated period's tallies are sums, not edited
        column = self.columns[index.column()]
        if column.kind == TALLY and not self.session.read_only and not period.accumulated and not is_derived(period, column.key):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- reading -------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.unit_ids):
            return None
        unit_id = self.unit_ids[index.row()]
        column = self.columns[index.column()]
        document = self.session.document
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(unit_id, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == UNIT:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(unit_id, column)
        if role == Qt.ItemDataRole.ForegroundRole and column.kind in (SCORE, RANK):
            return QBrush(COMPUTED_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == RANK_CHANGE:
            return QBrush(RANK_CHANGE_TEXT.get(self._text(unit_id, column)[:1], RANK_SAME_TEXT))
        if role == Qt.ItemDataRole.FontRole and column.kind == SCORE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(unit_id, column)
        if role == WARNING_ROLE and column.kind == TALLY:
            return unit_warnings(document.period, unit_id).get(column.field)
        if role == RANK_SORT_ROLE:
            return (document.standings.rank(unit_id) or 10**7) * 10**7 + index.row()
        if role == UNIT_ID_ROLE:
            return unit_id
        if role == LEDGER_ROLE:  # a cell computed from the item ledger: (unit, channel or None)
            if column.kind == TALLY and is_derived(document.period, column.key):
                return (unit_id, column.key if isinstance(column.key, int) else None)
            return None
        if role == COLUMN_KIND_ROLE:
            return column.kind
        return None

    def _text(self, unit_id: int, column: Column) -> str:
        document = self.session.document
        if column.kind == UNIT:
            return document.period.units[unit_id].name
        if column.kind == TALLY:
            return format_value(document.period.tallies[unit_id].get(column.field))
        if column.kind == ADJUSTMENT:
            total = document.period.adjustment_total(unit_id)
            if not document.period.adjustments.get(unit_id):
                return ""
            return ("+" if total > 0 else "") + format_points(total)
        if column.kind == SCORE:
            return format_points(document.standings.score(unit_id))
        if column.kind == RANK_CHANGE:
            return self.rank_changes.text(unit_id) if self.rank_changes is not None else ""
        if column.kind == PASS:
            return PASS_TEXT[document.standings.passed(unit_id)]
        if column.kind == PERIOD_SCORE:
            score = document.standings.period_score(unit_id)
            return "" if score is None else format_points(score)
        rank = document.standings.rank(unit_id)
        return "" if rank is None else str(rank)

    def _background(self, unit_id: int, column: Column) -> QBrush | None:
        standings = self.session.document.standings
        tint = None
        if standings.is_listed(unit_id, ListKind.COMMEND):
            tint = COMMEND_TINT
        elif standings.is_listed(unit_id, ListKind.CRITICISE):
            tint = CRITICISE_TINT
        if column.kind in COMPUTED_KINDS or (column.kind == TALLY and is_derived(self.session.document.period, column.key)):
            return QBrush(tint.darker(108) if tint else COMPUTED_TINT)
        return QBrush(tint) if tint else None

    def _tooltip(self, unit_id: int, column: Column) -> str | None:
        period = self.session.document.period
        if column.kind == TALLY:
            if is_derived(period, column.key):  # the items behind a computed cell
                return behind_text(period, unit_id, column.field)
            return unit_warnings(period, unit_id).get(column.field)
        if column.kind == ADJUSTMENT:
            items = period.adjustments.get(unit_id, ())
            lines = [f"{format_points(a.points)} 分：{a.reason}" for a in items]
            return "\n".join(lines + ["双击或按 F2 编辑加减分"])
        if column.kind in (SCORE, PASS):  # every score explained, in the domain's words
            return "得分明细：" + explain(period, unit_id).text
        if column.kind == UNIT:
            return _list_tip(self.session, unit_id)
        if column.kind == RANK_CHANGE and self.rank_changes is not None:
            return self.rank_changes.tooltip(unit_id)
        return None

    # -- editing -------------------------------------------------------------------------
    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.kind != TALLY:
            return False
        unit_id = self.unit_ids[index.row()]
        document = self.session.document
        plan = plan_block(document.period, [(unit_id, column, "" if value is None else str(value))])
        problem = "\n".join(plan.problems)
        if plan.operations:  # the same path as a paste: one cell, committed before it shows
            try:
                self.session.apply(plan.operations, f"修改 {document.period.units[unit_id].name}「{column.header}」")
            except UserError as error:
                problem = str(error)
        if problem:
            self.problem.emit(self.index(index.row(), index.column()), problem)
            return False
        return True

    # -- following changes -----------------------------------------------------------------
    def _on_changed(self, applied: Applied) -> None:
        delta = applied.delta
        if delta.structure:
            self.beginResetModel()
            self._load()
            self.endResetModel()
            return
        last = len(self.columns) - 1
        for rows in row_runs(self._rows(applied.touched | delta.lists)):
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], last))
        score_columns = [self.column_of(SCORE)] + ([self.column_of(PASS)] if (PASS, None) in self._column_of else [])
        for rows in row_runs(self._rows(delta.scores - applied.touched)):
            for column in score_columns:  # 达标 follows the score
                self.dataChanged.emit(self.index(rows[0], column), self.index(rows[-1], column))
        ranked = self._rows(delta.ranks)
        if ranked:  # 排名变化, when shown, is the column right after 排名 and moves with it
            rank_column = self.column_of(RANK)
            last_column = rank_column + (1 if self.rank_changes is not None else 0)
            self.dataChanged.emit(self.index(ranked[0], rank_column), self.index(ranked[-1], last_column))

    def _rows(self, unit_ids) -> list[int]:
        return sorted(row for unit_id in unit_ids if (row := self._row_of.get(unit_id)) is not None)


def wrap_header(text: str, width: int = 5) -> str:
    """Long headers on two balanced lines: 潜江政务信息采用 → 潜江政务 / 信息采用."""
    if len(text) <= width or "\n" in text:
        return text
    middle = (len(text) + 1) // 2
    return f"{text[:middle]}\n{text[middle:]}"


def _header_tip(column: Column) -> str:
    return {
        UNIT: "单位名称",
        TALLY: "填写采用数：5 表示专报 5 条，1* 表示综合 1 条，5+1* 表示两者都有",
        ADJUSTMENT: "加分或扣分，每一项都要写明理由（双击编辑）",
        SCORE: "按计分办法自动计算，不能直接修改；指向得分可看得分明细",
        PERIOD_SCORE: "累计期间中最后一期的得分",
        PASS: "得分达到计分办法规定的分数线为“是”，否则为“否”（不达标的单位列入建议通报批评）",
        RANK: "在本组内按得分排名，得分相同按同分规则",
        RANK_CHANGE: "与上期相比的排名变化：↑ 上升，↓ 下降，— 不变，新 表示上期没有排名，转组 表示换了分组（鼠标停留可看原分组和名次）",
    }[column.kind] if column.kind != TALLY or not is_count_field(column.field) else "整数（条目数或次数）"


def _list_tip(session: Session, unit_id: int) -> str | None:
    standings = session.document.standings
    period = session.document.period
    lines = []
    for kind in ListKind:
        override = period.overrides.get((unit_id, kind))
        if standings.is_listed(unit_id, kind):
            lines.append(f"列入{LIST_LABELS[kind]}" + (f"（{override.reason}）" if override else "（按排名建议）"))
        elif override is not None:
            lines.append(f"不列入{LIST_LABELS[kind]}（{override.reason}）")
    return "\n".join(lines) or None
