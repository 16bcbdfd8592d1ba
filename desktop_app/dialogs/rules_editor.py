"""The rule pages of the 计分办法 editor: 扣分/加分事项, 类别与定额, 录用率/上下限/达标.

Plain tables and fields, no JSON: each page shows a scheme's rules as text and reads them back
into domain values, naming the row and the field of every bad entry. Whether the rules can be
evaluated together (a quota without a class, a cap below a floor, a limit naming a missing
column) is decided by the domain (scoring.scheme_rules.rule_problems), not here.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import overload

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.row_table import RowTable
from scoring.cells import CellError, format_points, parse_items, parse_points
from scoring.model import Channel, Event, Scheme
from scoring.names import free_name
from scoring.rules import (
    FIXED_PART_LABELS,
    FIXED_PARTS,
    Limit,
    QuotaRule,
    RateRule,
    Rules,
    UnitClass,
    channel_part,
    event_part,
)

PART_ROLE = Qt.ItemDataRole.UserRole


def _text(value: Decimal | int | None) -> str:
    return "" if value is None else (format_points(value) if isinstance(value, Decimal) else str(value))


def _event_id(data: object) -> int:
    """The event id a row of the events table carries (set_events and _new store an int)."""
    if not isinstance(data, int):
        raise TypeError(f"event row data {data!r}")
    return data


class _Reader:
    """Turns typed text into values, collecting one problem per bad field."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    @overload
    def points(self, text: str, where: str) -> Decimal: ...
    @overload
    def points(self, text: str, where: str, *, optional: bool) -> Decimal | None: ...

    def points(self, text: str, where: str, *, optional: bool = False) -> Decimal | None:
        if optional and not text:
            return None
        try:
            return parse_points(text)
        except CellError as error:
            self.problems.append(f"{where}：{error}")
            return Decimal(0)

    def count(self, text: str, where: str) -> int | None:
        if not text:
            return None
        try:
            return parse_items(text)
        except CellError as error:
            self.problems.append(f"{where}：{error}")
            return None


class EventsPage(QWidget):
    """扣分/加分事项: counted in the grid like a channel, each occurrence worth its points (negative: deducted)."""

    def __init__(self, first_free_id: Callable[[], int]) -> None:
        super().__init__()
        self.first_free_id = first_free_id
        self.rows = RowTable(("事项（表格中的列名）", "每次得分（扣分填负数）"), self._new, "如：报送不及时 −1，被上级通报 −2，约稿完成 +2")
        layout = QVBoxLayout(self)
        hint = QLabel("每个事项在表格中是一列，填次数（整数）。得分 = 次数 × 每次得分；扣分填负数，加分填正数。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.rows, 1)

    def _new(self) -> tuple[object, list[str]]:
        used = {data for data, _ in self.rows.rows()}
        event_id = max([self.first_free_id(), *(_event_id(d) + 1 for d in used)])
        return event_id, [free_name("新事项", (texts[0] for _, texts in self.rows.rows())), "-1"]

    def set_events(self, events: tuple[Event, ...]) -> None:
        self.rows.set_rows([(e.id, [e.name, format_points(e.points)]) for e in events])

    def events(self, read: _Reader) -> tuple[Event, ...]:
        events = []
        for number, (event_id, (name, points)) in enumerate(self.rows.rows(), start=1):
            label = f"扣分/加分事项「{name}」" if name else f"第 {number} 个扣分/加分事项"
            events.append(Event(_event_id(event_id), name, read.points(points, f"{label}的「每次得分」")))
        return tuple(events)


class ClassesPage(QWidget):
    """类别与定额: unit classes with their quotas per period, and how meeting the quota scores."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = RowTable(("类别", "每期报送定额（条）", "每期采用定额（条，可空）"), self._new, "单位的类别在“单位管理”中选择")
        self.quota_box = QGroupBox("按定额计分")
        self.quota_box.setCheckable(True)
        self.quota_name, self.met_edit = QLineEdit(), QLineEdit()
        self.missing_edit, self.extra_edit = QLineEdit(), QLineEdit()
        form = QFormLayout(self.quota_box)
        form.addRow("达到定额的得分名称：", self.quota_name)
        form.addRow("达到定额得分：", self.met_edit)
        form.addRow("每少 1 条得分（扣分填负数）：", self.missing_edit)
        form.addRow("每多 1 条得分：", self.extra_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.quota_box)

    def _new(self) -> tuple[object, list[str]]:
        return None, [free_name("新类别", (texts[0] for _, texts in self.rows.rows())), "0", ""]

    def set_rules(self, rules: Rules) -> None:
        self.rows.set_rows([(None, [c.name, _text(c.submitted_quota), _text(c.adopted_quota)]) for c in rules.classes])
        quota = rules.quota or QuotaRule()
        self.quota_box.setChecked(rules.quota is not None)
        self.quota_name.setText(quota.name)
        for edit, value in ((self.met_edit, quota.met_points), (self.missing_edit, quota.missing_points), (self.extra_edit, quota.extra_points)):
            edit.setText(format_points(value))

    def read(self, read: _Reader) -> tuple[tuple[UnitClass, ...], QuotaRule | None]:
        classes = []
        for number, (_, (name, submitted, adopted)) in enumerate(self.rows.rows(), start=1):
            label = f"类别「{name}」" if name else f"第 {number} 个类别"
            classes.append(UnitClass(name, read.count(submitted, f"{label}的报送定额"), read.count(adopted, f"{label}的采用定额")))
        quota = None
        if self.quota_box.isChecked():
            quota = QuotaRule(
                read.points(self.met_edit.text(), "「达到定额得分」"),
                read.points(self.missing_edit.text(), "「每少 1 条得分」"),
                read.points(self.extra_edit.text(), "「每多 1 条得分」"),
                self.quota_name.text().strip() or "定额分",
            )
        return tuple(classes), quota


class LimitsPage(QWidget):
    """录用率 rules, limits (a base, a floor, a cap over chosen components) and the 达标 mark."""

    def __init__(self, components: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__()
        self.components = components  # (component key, name) of the scheme as edited now
        self.rates = RowTable(("规则名称", "采用条目/报送条目低于（%）", "得分"), lambda: (None, ["录用率", "30", "-1"]))
        self.limits = RowTable(("名称", "基础分", "下限（可空）", "上限（可空）"), lambda: ((), ["新上下限", "0", "", ""]))
        self.limits.current_changed.connect(self._show_parts)
        self.parts = QListWidget()
        self.parts.itemChanged.connect(self._part_toggled)
        self.pass_edit = QLineEdit()
        self.pass_edit.setPlaceholderText("空白表示不判断达标")
        rates_box = QGroupBox("录用率（只在报送条目大于 0 时计）")
        QVBoxLayout(rates_box).addWidget(self.rates)
        limits_box = QGroupBox("上下限：基础分加上勾选的计分项，不低于下限、不高于上限（如基础分 6 扣完为止；报送分最高 5）")
        row = QHBoxLayout(limits_box)
        row.addWidget(self.limits, 3)
        parts_column = QVBoxLayout()
        parts_column.addWidget(QLabel("选中一行后勾选它包含的计分项："))
        parts_column.addWidget(self.parts, 1)
        row.addLayout(parts_column, 2)
        pass_form = QFormLayout()
        pass_form.addRow("达标分数线（低于为不达标）：", self.pass_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(rates_box, 2)
        layout.addWidget(limits_box, 3)
        layout.addLayout(pass_form)

    def set_rules(self, rules: Rules) -> None:
        self.rates.set_rows([(None, [r.name, format_points(r.below_percent), format_points(r.points)]) for r in rules.rates])
        self.limits.set_rows(
            [(limit.parts, [limit.name, format_points(limit.base), _text(limit.floor), _text(limit.cap)]) for limit in rules.limits]
        )
        self.pass_edit.setText(_text(rules.pass_mark))
        self._show_parts(self.limits.current_row())

    def _show_parts(self, row: int) -> None:
        with QSignalBlocker(self.parts):
            self.parts.clear()
            if row < 0 or row >= self.limits.table.rowCount():
                return
            parts = self.limits.data(row)  # the limit's parts: a tuple of part keys
            chosen = set(parts) if isinstance(parts, tuple) else set()
            for key, name in self.components():
                item = QListWidgetItem(name)
                item.setData(PART_ROLE, key)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
                self.parts.addItem(item)

    def _part_toggled(self, _item: QListWidgetItem) -> None:
        row = self.limits.current_row()
        if row >= 0:
            items = [self.parts.item(i) for i in range(self.parts.count())]
            self.limits.set_data(row, tuple(i.data(PART_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked))

    def read(self, read: _Reader) -> tuple[tuple[RateRule, ...], tuple[Limit, ...], Decimal | None]:
        rates = []
        for _, (name, below, points) in self.rates.rows():
            label = f"录用率规则「{name or '录用率'}」"
            rates.append(RateRule(read.points(below, f"{label}的比例"), read.points(points, f"{label}的得分"), name or "录用率"))
        limits = []
        for parts, (name, base, floor, cap) in self.limits.rows():
            label = f"上下限规则「{name}」"
            limits.append(
                Limit(
                    name,
                    parts if isinstance(parts, tuple) else (),
                    read.points(base, f"{label}的基础分"),
                    read.points(floor, f"{label}的下限", optional=True),
                    read.points(cap, f"{label}的上限", optional=True),
                )
            )
        return tuple(rates), tuple(limits), read.points(self.pass_edit.text().strip(), "达标分数线", optional=True)


class RulesPages:
    """The three pages together: show a scheme's events and rules, read them back."""

    def __init__(self, channels: Callable[[], tuple[Channel, ...]], first_free_event_id: Callable[[], int]) -> None:
        self.channels = channels
        self.events_page = EventsPage(first_free_event_id)
        self.classes_page = ClassesPage()
        self.limits_page = LimitsPage(self._components)

    def _components(self) -> list[tuple[str, str]]:
        fixed = [(part, FIXED_PART_LABELS[part]) for part in FIXED_PARTS]
        channels = [(channel_part(c.id), c.name) for c in self.channels()]
        events = [(event_part(_event_id(d)), texts[0]) for d, texts in self.events_page.rows.rows()]
        return events + fixed + channels

    def set_scheme(self, scheme: Scheme) -> None:
        self.events_page.set_events(scheme.events)
        self.classes_page.set_rules(scheme.rules)
        self.limits_page.set_rules(scheme.rules)

    def read(self) -> tuple[tuple[Event, ...], Rules, list[str]]:
        read = _Reader()
        events = self.events_page.events(read)
        classes, quota = self.classes_page.read(read)
        rates, limits, pass_mark = self.limits_page.read(read)
        return events, Rules(classes, quota, rates, limits, pass_mark), read.problems
