"""Matching names by hand in the import and 累计 previews.

One row per name no rule matched (or a person already matched): its texts, then a combo box
offering the unmatched units of the other side. The first entry leaves the name unmatched.
A choice only says what the person decided (``choice_changed``); the dialog plans again with
it, so the choice is part of the plan that OK applies, all or nothing.

Rows offering the same candidates share one list model, so a table of thousands of unmatched
names against thousands of units builds each list once; at most ``MAX_ROWS`` rows are shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

NOT_MATCHED = "（不对应）"
MAX_ROWS = 300  # more unmatched names than this is not a table of renamed units: match it by name first
VALUE_ROLE = Qt.ItemDataRole.UserRole
COMBO_CHARACTERS = 16


@dataclass(frozen=True, slots=True)
class HandRow:
    key: int | tuple[int, str]  # what the dialog's plan knows the name by: a table line, or a period and name
    texts: tuple[str, ...]
    candidates: tuple[tuple[str, object], ...]  # (what the combo box shows, the value chosen)
    chosen: object | None = None


class HandMatchTable(QTableWidget):
    """Rows of names, each with a combo box of units to match it to."""

    choice_changed = Signal(object, object)  # key, chosen value (None: not matched)

    def __init__(self, headers: Sequence[str], rows: Sequence[HandRow], unmatched_text: str = NOT_MATCHED,
                 parent: QWidget | None = None) -> None:
        self.rows = list(rows)[:MAX_ROWS]
        self.left_out = len(rows) - len(self.rows)
        super().__init__(len(self.rows), len(headers) + 1, parent)
        self.setHorizontalHeaderLabels([*headers, "对应到"])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.combos: list[QComboBox] = []
        models: dict[tuple[tuple[str, object], ...], QStandardItemModel] = {}
        for row, hand in enumerate(self.rows):
            for column, text in enumerate(hand.texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
            combo = QComboBox()
            if hand.candidates not in models:
                models[hand.candidates] = _list_model(unmatched_text, hand.candidates, self)
            combo.setModel(models[hand.candidates])
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_CHARACTERS)  # not measured over thousands of names
            if hand.chosen is not None:
                combo.setCurrentIndex(max(combo.findData(hand.chosen), 0))
            combo.setToolTip("如果这是另一边的某个单位（如改了名），请在这里选择；选择后会重新核对")
            combo.currentIndexChanged.connect(lambda _i, r=row: self._chosen(r))
            self.setCellWidget(row, len(hand.texts), combo)
            self.combos.append(combo)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def combo_for(self, key: Hashable) -> QComboBox:
        return self.combos[next(i for i, row in enumerate(self.rows) if row.key == key)]

    def _chosen(self, row: int) -> None:
        self.choice_changed.emit(self.rows[row].key, self.combos[row].currentData())


def _list_model(first: str, candidates: Sequence[tuple[str, object]], parent: QWidget) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for label, value in ((first, None), *candidates):
        item = QStandardItem(label)
        item.setData(value, VALUE_ROLE)
        model.appendRow(item)
    return model
