"""The small dialog asked before printing: which groups, and the full or the compact table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import palette
from desktop_app.dialogs.buttons import dialog_buttons
from scoring.model import Period

FULL_TEXT = "完整附件表（各渠道采用、报送条目、采用条目、得分、排名）"
COMPACT_TEXT = "简明排名表（排名、单位、得分）"


@dataclass(frozen=True, slots=True)
class PrintOptions:
    group_ids: tuple[int, ...]
    compact: bool = False


class PrintOptionsDialog(QDialog):
    def __init__(self, period: Period, action: str, previous: PrintOptions | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{action}设置")
        chosen = set(previous.group_ids) if previous is not None else {g.id for g in period.groups}
        layout = QVBoxLayout(self)

        groups = QGroupBox("要包括的分组")
        group_layout = QVBoxLayout(groups)
        self.group_boxes: dict[int, QCheckBox] = {}
        for group in period.groups:
            units = sum(1 for u in period.units_in(group.id) if u.active)
            box = QCheckBox(f"{group.name}（{units} 个单位）")
            box.setChecked(group.id in chosen or not chosen & {g.id for g in period.groups})
            box.toggled.connect(self._update_ok)
            group_layout.addWidget(box)
            self.group_boxes[group.id] = box
        layout.addWidget(groups)

        kinds = QGroupBox("表格样式")
        kind_layout = QVBoxLayout(kinds)
        self.full = QRadioButton(FULL_TEXT)
        self.compact = QRadioButton(COMPACT_TEXT)
        (self.compact if previous is not None and previous.compact else self.full).setChecked(True)
        self._kinds = QButtonGroup(self)
        for button in (self.full, self.compact):
            self._kinds.addButton(button)
            kind_layout.addWidget(button)
        layout.addWidget(kinds)

        self.hint = QLabel("")
        self.hint.setStyleSheet(palette.PROBLEM_STYLE)
        layout.addWidget(self.hint)
        self.buttons = dialog_buttons(self)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        some = any(box.isChecked() for box in self.group_boxes.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(some)
        self.hint.setText("" if some else "请至少选择一个分组")

    def options(self) -> PrintOptions:
        chosen = tuple(group_id for group_id, box in self.group_boxes.items() if box.isChecked())
        return PrintOptions(chosen, self.compact.isChecked())
