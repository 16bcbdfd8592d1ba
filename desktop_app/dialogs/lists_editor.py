"""表扬与批评: per group, the suggested and the final commendation and criticism lists.

Every active unit is shown in rank order with its score, whether the rules suggest it and
whether it is on the final list. A person may include or exclude any unit, always with a
reason (e.g. the sample's rank-3 unit: 报送有效信息条目偏少), or go back to the suggestion.
The dialog previews the lists with its pending decisions; OK applies them as one undo step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.editor_base import HINT_STYLE, EditorDialog, open_dialog, read_only_notice
from desktop_app.table_model import COMMEND_TINT, CRITICISE_TINT
from scoring.cells import format_points
from scoring.edits import Operation, SetOverride
from scoring.model import LIST_LABELS, ListKind, Override, Period
from scoring.standings import Standings
from scoring.validation import missing_override_reason

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

HEADERS = ("排名", "单位", "得分", "建议表扬", "通报表扬", "建议批评", "通报批评", "不建议的原因", "人工调整的理由")
RANK, NAME, SCORE, NOTE, REASONS = 0, 1, 2, 7, 8
NAMES_SHOWN = 5  # in the summary, then 「等 N 个单位」
MARK_COLUMNS = {(ListKind.COMMEND, False): 3, (ListKind.COMMEND, True): 4,
                (ListKind.CRITICISE, False): 5, (ListKind.CRITICISE, True): 6}
SUGGESTED_LABELS = {ListKind.COMMEND: "建议表扬", ListKind.CRITICISE: "建议批评"}
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole
Overrides = dict[tuple[int, ListKind], Override]


class ListsDialog(EditorDialog):
    undo_label = "调整表扬与批评名单"
    failure_title = "名单调整没有保存"

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, "表扬与批评")
        self.period = self.session.document.period
        self.overrides: Overrides = dict(self.period.overrides)
        layout = QVBoxLayout(self)
        if self.read_only:
            layout.addWidget(read_only_notice(self.session.why_read_only))
        intro = QLabel("按排名建议的名单（名额在“计分办法”和“单位管理”中设置）可以由人工调整：选中一个或几个单位"
                       "（按住 Ctrl 或 Shift 多选），写明理由，再点“列入”或“不列入”。调整后的名单决定表格底色和导出的通报。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        self.tables: list[QTableWidget] = []
        self.summaries: list[QLabel] = []
        for group in self.period.groups:
            page = QWidget()
            box = QVBoxLayout(page)
            summary = QLabel()
            summary.setWordWrap(True)
            summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            table = _table(self)
            table.itemSelectionChanged.connect(self._update_buttons)
            box.addWidget(summary)
            box.addWidget(table, 1)
            self.tabs.addTab(page, group.name)
            self.tables.append(table)
            self.summaries.append(summary)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        layout.addWidget(self.tabs, 1)

        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("如：报送有效信息条目偏少")
        self.reason_edit.installEventFilter(self)
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        self.buttons_by_action: dict[tuple[ListKind, bool], QPushButton] = {}
        actions = QGridLayout()
        actions.addWidget(QLabel("理由："), 0, 0)
        actions.addWidget(self.reason_edit, 0, 1, 1, 5)
        for column, (kind, include) in enumerate(
            [(ListKind.COMMEND, True), (ListKind.COMMEND, False), (ListKind.CRITICISE, True), (ListKind.CRITICISE, False)]
        ):
            button = QPushButton(f"{'列入' if include else '不列入'}{LIST_LABELS[kind]}")
            button.clicked.connect(lambda _c=False, k=kind, i=include: self.decide(k, i))
            self.buttons_by_action[(kind, include)] = button
            actions.addWidget(button, 1, column + 1)
        self.clear_button = QPushButton("恢复按排名建议")
        self.clear_button.setToolTip("去掉这个单位的人工调整（表扬和批评两项）")
        self.clear_button.clicked.connect(self.clear_decisions)
        actions.addWidget(self.clear_button, 1, 5)
        actions.addWidget(self.hint, 2, 1, 1, 5)
        for column in range(1, 6):
            actions.setColumnStretch(column, 1)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.refresh()
        self.finish_read_only()
        self.resize(860, 640)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in 理由 would press 确定 and drop the reason: say which buttons to press instead."""
        if (
            watched is self.reason_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.hint.setText("写好理由后，请点下面的“列入…”或“不列入…”按钮。")
            return True
        return super().eventFilter(watched, event)

    # -- showing ------------------------------------------------------------------------------
    def preview(self) -> Standings:
        """Standings as they will be with the dialog's pending decisions."""
        return Standings(replace(self.period, overrides=dict(self.overrides)))

    def refresh(self) -> None:
        standings = self.preview()
        for group, table, summary in zip(self.period.groups, self.tables, self.summaries, strict=True):
            selected = set(self.selected_units(table))
            ranked = standings.in_rank_order(group.id)
            table.clearSelection()
            table.setRowCount(len(ranked))
            for row, unit_id in enumerate(ranked):
                self._fill_row(table, row, unit_id, standings)
                if unit_id in selected:
                    table.selectionModel().select(
                        table.model().index(row, 0),
                        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                    )
            summary.setText(_summary(self.period, standings, ranked))
        self._update_buttons()

    def _fill_row(self, table: QTableWidget, row: int, unit_id: int, standings: Standings) -> None:
        reasons = [
            f"{'列入' if o.include else '不列入'}{LIST_LABELS[kind]}：{o.reason}"
            for kind in ListKind
            if (o := self.overrides.get((unit_id, kind))) is not None
        ]
        texts = {RANK: str(standings.rank(unit_id)), NAME: self.period.units[unit_id].name,
                 SCORE: format_points(standings.score(unit_id)), NOTE: standings.not_suggested_because(unit_id),
                 REASONS: "；".join(reasons)}
        for (kind, final), column in MARK_COLUMNS.items():
            listed = standings.listed(kind) if final else standings.suggested(kind)
            texts[column] = "✓" if unit_id in listed else ""
        tint = None
        if standings.is_listed(unit_id, ListKind.COMMEND):
            tint = QBrush(COMMEND_TINT)
        elif standings.is_listed(unit_id, ListKind.CRITICISE):
            tint = QBrush(CRITICISE_TINT)
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setData(UNIT_ID_ROLE, unit_id)
            if column not in (NAME, NOTE, REASONS):
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == REASONS:
                item.setToolTip(text)
            if tint is not None:
                item.setBackground(tint)
            table.setItem(row, column, item)

    def current_table(self) -> QTableWidget:
        return self.tables[self.tabs.currentIndex()]

    @staticmethod
    def selected_units(table: QTableWidget) -> list[int]:
        """The selected units in rank order (several may be selected with Ctrl or Shift)."""
        rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
        items = (table.item(row, RANK) for row in rows)
        return [item.data(UNIT_ID_ROLE) for item in items if item is not None]

    def _update_buttons(self) -> None:
        if self.read_only or not self.tables:
            return
        unit_ids = self.selected_units(self.current_table())
        for button in self.buttons_by_action.values():
            button.setEnabled(bool(unit_ids))
        self.clear_button.setEnabled(any((u, kind) in self.overrides for u in unit_ids for kind in ListKind))

    def _names(self, unit_ids: list[int]) -> str:
        names = "、".join(f"「{self.period.units[u].name}」" for u in unit_ids[:3])
        return names if len(unit_ids) <= 3 else f"{names}等 {len(unit_ids)} 个单位"

    # -- deciding -----------------------------------------------------------------------------
    def decide(self, kind: ListKind, include: bool) -> None:
        """Include or exclude the selected units, all with one reason; a reason is required."""
        unit_ids = self.selected_units(self.current_table())
        if not unit_ids:
            return
        reason = self.reason_edit.text().strip()
        action = f"{'列入' if include else '不列入'}{LIST_LABELS[kind]}"
        if not reason:
            why = missing_override_reason(self._names(unit_ids), kind)  # the domain's words for the rule
            self.hint.setText(f"{why}：请先在“理由”中写明为什么{action}。")
            self.reason_edit.setFocus()
            return
        for unit_id in unit_ids:
            self.overrides[(unit_id, kind)] = Override(include, reason)
        self.hint.setText("")
        self.reason_edit.clear()
        self.refresh()

    def clear_decisions(self) -> None:
        for unit_id in self.selected_units(self.current_table()):
            for kind in ListKind:
                self.overrides.pop((unit_id, kind), None)
        self.hint.setText("")
        self.refresh()

    def operations(self) -> list[Operation] | None:
        keys = sorted(set(self.overrides) | set(self.period.overrides))
        return [
            SetOverride(unit_id, kind, self.overrides.get((unit_id, kind)))
            for unit_id, kind in keys
            if self.overrides.get((unit_id, kind)) != self.period.overrides.get((unit_id, kind))
        ]


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(HEADERS), parent)
    table.setHorizontalHeaderLabels(list(HEADERS))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(REASONS, QHeaderView.ResizeMode.Stretch)
    return table


def _summary(period: Period, standings: Standings, ranked: list[int]) -> str:
    """建议表扬：A、B、C → 通报表扬：A、B (in rank order), and the same for criticism."""
    lines = []
    for kind in ListKind:
        suggested = [period.units[u].name for u in ranked if u in standings.suggested(kind)]
        final = [period.units[u].name for u in ranked if u in standings.listed(kind)]
        lines.append(f"{SUGGESTED_LABELS[kind]}：{'、'.join(suggested) or '无'}")
        lines.append(f"{LIST_LABELS[kind]}：{'、'.join(final) or '无'}")
    notes: dict[str, list[str]] = {}
    for unit_id in ranked:
        if note := standings.not_suggested_because(unit_id):
            notes.setdefault(note, []).append(period.units[unit_id].name)
    for note, names in notes.items():  # e.g. 未填数据，不参加建议：A、B、C等 31 个单位
        shown = "、".join(names[:NAMES_SHOWN])
        lines.append(f"{note}：{shown}" + (f"等 {len(names)} 个单位" if len(names) > NAMES_SHOWN else ""))
    return "\n".join(lines)


def open_lists_editor(window: MainWindow) -> ListsDialog:
    return open_dialog(ListsDialog(window))
