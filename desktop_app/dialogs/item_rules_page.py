"""按条目计分 page of the 计分办法 editor: the item rules (:class:`scoring.items.ItemRules`) without JSON.

就高不就低, points per 批示 level (each level once per item), how a 合报 shares its points,
multipliers by flag, and which counted events a 约稿 answer becomes. Unchecked: no item rules
(a ledger-mode period then counts adoptions per channel).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.row_table import RowTable
from scoring.cells import CellError, format_points, parse_points
from scoring.items import InstructionLevel, ItemRules, JointMode, Multiplier, TaskEvents

JOINT_LABELS = {JointMode.SPLIT: "合报的分数由各单位均分（四舍五入到分）", JointMode.FIXED: "合报的每个单位得固定分值"}


class ItemRulesPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.box = QGroupBox("按条目计分（台账模式下，由信息条目台账逐条计分）")
        self.box.setCheckable(True)
        self.highest = QCheckBox("就高不就低：同一条被几个渠道采用（或同一渠道采用几次），只计分值最高的一次")
        self.levels = RowTable(("批示级别", "得分"), lambda: (None, ["新批示级别", "10"]), "同一条目同级多次批示只计一次")
        self.joint = QComboBox()
        for mode, label in JOINT_LABELS.items():
            self.joint.addItem(label, str(mode))
        self.joint_points = QLineEdit()
        self.joint_points.setPlaceholderText("每个单位的分值")
        self.multipliers = RowTable(("标记", "倍数"), lambda: (None, ["经转报", "2"]), "条目带此标记时，采用得分乘以倍数")
        self.done, self.late, self.missing = QLineEdit(), QLineEdit(), QLineEdit()
        self.adopted_only = QCheckBox("只有被采用才算约稿完成")
        joint = QHBoxLayout()
        joint.addWidget(self.joint, 1)
        joint.addWidget(self.joint_points)
        tasks = QFormLayout()
        tasks.addRow("按时报送计为事项：", self.done)
        tasks.addRow("迟报计为事项：", self.late)
        tasks.addRow("未报送计为事项：", self.missing)
        tasks.addRow("", self.adopted_only)
        inner = QVBoxLayout(self.box)
        inner.addWidget(self.highest)
        inner.addWidget(QLabel("领导批示（加在条目得分上，是否采用都计）："))
        inner.addWidget(self.levels, 1)
        inner.addLayout(joint)
        inner.addWidget(QLabel("加倍标记（如 经转报 ×2、头版头条 ×2）："))
        inner.addWidget(self.multipliers, 1)
        inner.addWidget(QLabel("约稿任务的完成情况计为哪些扣分/加分事项（填事项名称，留空不计）："))
        inner.addLayout(tasks)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)

    def set_rules(self, rules: ItemRules | None) -> None:
        self.box.setChecked(rules is not None)
        rules = rules or ItemRules()
        self.highest.setChecked(rules.highest_only)
        self.levels.set_rows([(None, [level.name, format_points(level.points)]) for level in rules.instructions])
        self.joint.setCurrentIndex(self.joint.findData(str(rules.joint)))
        self.joint_points.setText(format_points(rules.joint_points) if rules.joint is JointMode.FIXED else "")
        self.multipliers.set_rows([(None, [m.flag, format_points(m.factor)]) for m in rules.multipliers])
        self.done.setText(rules.tasks.done)
        self.late.setText(rules.tasks.late)
        self.missing.setText(rules.tasks.missing)
        self.adopted_only.setChecked(rules.tasks.adopted_only)

    def read(self, problems: list[str]) -> ItemRules | None:
        """The rules as entered (None when unchecked); a bad number adds a problem naming the field."""
        if not self.box.isChecked():
            return None

        def points(text: str, where: str) -> Decimal:
            try:
                return parse_points(text)
            except CellError as error:
                problems.append(f"按条目计分：{where}：{error}")
                return Decimal(0)

        levels = tuple(
            InstructionLevel(name.strip(), points(value, f"批示「{name}」的得分")) for _, (name, value) in self.levels.rows()
        )
        multipliers = tuple(
            Multiplier(flag.strip(), points(value, f"标记「{flag}」的倍数")) for _, (flag, value) in self.multipliers.rows()
        )
        joint = JointMode(self.joint.currentData())
        joint_points = points(self.joint_points.text(), "合报每个单位的分值") if joint is JointMode.FIXED else Decimal(0)
        tasks = TaskEvents(self.done.text().strip(), self.late.text().strip(), self.missing.text().strip(), self.adopted_only.isChecked())
        return ItemRules(self.highest.isChecked(), levels, joint, joint_points, multipliers, tasks)
