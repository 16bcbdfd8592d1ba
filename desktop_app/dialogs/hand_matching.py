"""Matching names by hand in the import and 累计 previews.

One row per name no rule matched (or a person already matched): its texts, then a combo box
offering the unmatched units of the other side. The first entry leaves the name unmatched.
A choice only says what the person decided (``choice_changed``); the dialog plans again with
it, so the choice is part of the plan that OK applies, all or nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

NOT_MATCHED = "（不对应）"


@dataclass(frozen=True, slots=True)
class HandRow:
    key: Hashable  # what the dialog's plan knows the name by (a table line, a period and name)
    texts: tuple[str, ...]
    candidates: tuple[tuple[str, object], ...]  # (what the combo box shows, the value chosen)
    chosen: object | None = None


class HandMatchTable(QTableWidget):
    """Rows of names, each with a combo box of units to match it to."""

    choice_changed = Signal(object, object)  # key, chosen value (None: not matched)

    def __init__(self, headers: Sequence[str], rows: Sequence[HandRow], unmatched_text: str = NOT_MATCHED,
                 parent: QWidget | None = None) -> None:
        super().__init__(len(rows), len(headers) + 1, parent)
        self.rows = list(rows)
        self.setHorizontalHeaderLabels([*headers, "对应到"])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.combos: list[QComboBox] = []
        for row, hand in enumerate(self.rows):
            for column, text in enumerate(hand.texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(unmatched_text, None)
            for label, value in hand.candidates:
                combo.addItem(label, value)
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
