"""计分办法: channels and their points, item points, tie-breaks, ranking method, list sizes, and on
their own tabs the rules: 扣分/加分事项, 类别与定额, 录用率, 上下限 and 达标 (rules_editor).

The scheme can be saved to a file and loaded from one (or from the shipped example or a preset,
方法甲/方法乙); a loaded scheme keeps this period's channels and events whose names match, so
their tallies stay, and the dialog says what loading changes before anything is applied.
预览排名变化 lists the units whose rank the scheme as entered would change. A scheme the domain
cannot evaluate is refused with the rule named. OK is one undo step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.channel_table import ChannelTable
from desktop_app.dialogs.editor_base import EditorDialog, open_dialog, read_only_notice
from desktop_app.dialogs.file_choosers import choose_output
from desktop_app.dialogs.item_rules_page import ItemRulesPage
from desktop_app.dialogs.rules_editor import RulesPages
from desktop_app.dialogs.ui import ui
from scoring.cells import CellError, format_points, parse_points
from scoring.edits import Operation
from scoring.errors import EditError, OutputError
from scoring.model import RANKING_LABELS, TIE_BREAK_LABELS, RankingMethod, Scheme, TieBreak
from scoring.scheme_changes import compare_schemes, match_channels, rank_preview
from scoring.scheme_file import default_scheme, load_scheme, preset_schemes, save_scheme
from scoring.scheme_rules import rule_problems
from scoring.structure_edits import SetScheme, next_id
from scoring.validation import tie_break_problems

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

SCHEME_FILTER = "计分办法文件 (*.json)"
NO_TIE_BREAK = "不再比较"
MAX_LIST_SIZE = 1000
UNSAFE_IN_FILE_NAMES = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


class SchemeDialog(EditorDialog):
    undo_label = "修改计分办法"
    failure_title = "计分办法没有保存"

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, "计分办法")
        self.period = self.session.document.period
        layout = QVBoxLayout(self)
        if self.read_only:
            layout.addWidget(read_only_notice(self.session.why_read_only))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("如：潜江市政务信息工作考核办法（2022年）")
        name_row = QFormLayout()
        name_row.addRow("计分办法名称：", self.name_edit)
        layout.addLayout(name_row)

        if self.period.accumulated:
            note = QLabel("这是累计期间：得分是各期按各自文件的计分办法所得之和，这里修改分值和规则不改变得分，"
                          "只影响同分规则、并列名次和建议名单。")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.tabs = QTabWidget()
        main_page = QWidget()
        main_layout = QVBoxLayout(main_page)
        channels_box = QGroupBox("采用渠道（每采用一条的得分；“综合”指带*的综合采用）")
        self.channel_table = ChannelTable(self.period, self)
        QVBoxLayout(channels_box).addWidget(self.channel_table)
        main_layout.addWidget(channels_box, 1)
        self.rules = RulesPages(lambda: self.channel_table.channels()[0], lambda: next_id(self.period.scheme.events))
        self.tabs.addTab(main_page, "采用渠道与排名")
        self.tabs.addTab(self.rules.events_page, "扣分/加分事项")
        self.tabs.addTab(self.rules.classes_page, "类别与定额")
        self.tabs.addTab(self.rules.limits_page, "录用率、上下限与达标")
        self.item_page = ItemRulesPage()
        self.tabs.addTab(self.item_page, "按条目计分")
        layout.addWidget(self.tabs, 1)

        main_layout.addLayout(self._number_boxes())
        layout.addLayout(self._file_buttons())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.hide()
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.set_scheme(self.period.scheme)
        self.finish_read_only()
        if self.read_only:
            self.channel_table.set_read_only()
            self.save_button.setEnabled(True)  # saving a copy of the scheme changes nothing here
            self.preview_button.setEnabled(False)
        self.resize(900, 640)

    def _number_boxes(self) -> QHBoxLayout:
        """报送与采用条目, 排名 and 建议名单, side by side under the channels."""
        self.submitted_edit, self.adopted_edit = QLineEdit(), QLineEdit()
        items_box = QGroupBox("报送与采用条目")
        items_form = QFormLayout(items_box)
        items_form.addRow("每报送 1 条得分：", self.submitted_edit)
        items_form.addRow("每采用 1 条得分：", self.adopted_edit)

        self.tie_first, self.tie_second = _tie_break_combo(), _tie_break_combo()
        self.ranking_combo = QComboBox()
        for method, label in RANKING_LABELS.items():
            self.ranking_combo.addItem(label, str(method))
        rank_box = QGroupBox("排名")
        rank_form = QFormLayout(rank_box)
        rank_form.addRow("得分相同时先看：", self.tie_first)
        rank_form.addRow("仍相同时再看：", self.tie_second)
        rank_form.addRow("并列的名次：", self.ranking_combo)

        self.commend_spin, self.criticise_spin = _count_spin("前 ", " 名"), _count_spin("后 ", " 名")
        lists_box = QGroupBox("建议名单（各分组可在“单位管理”中另设）")
        lists_form = QFormLayout(lists_box)
        lists_form.addRow("建议通报表扬：", self.commend_spin)
        lists_form.addRow("建议通报批评：", self.criticise_spin)
        lower = QHBoxLayout()
        for box in (items_box, rank_box, lists_box):
            lower.addWidget(box)
        return lower

    def _file_buttons(self) -> QHBoxLayout:
        self.load_button = QPushButton("从文件载入…")
        self.example_button = QPushButton("载入示例计分办法")
        self.preset_button = QPushButton("载入预设")
        presets = QMenu(self.preset_button)
        for title, path in _presets():
            presets.addAction(title).triggered.connect(lambda _checked=False, p=path: self.load_preset(p))
        self.preset_button.setMenu(presets)
        self.preview_button = QPushButton("预览排名变化")
        self.preview_button.setToolTip("按对话框中的计分办法重新计分，列出排名会变化的单位（点“确定”前不改变任何数据）")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton("保存为文件…")
        self.load_button.clicked.connect(self.load_file)
        self.example_button.clicked.connect(self.load_example)
        self.save_button.clicked.connect(self.save_file)
        self.save_button.setToolTip("把对话框中的计分办法保存为文件，发给同事或明年再用")
        files = QHBoxLayout()
        for button in (self.load_button, self.example_button, self.preset_button, self.save_button, self.preview_button):
            files.addWidget(button)
        files.addStretch()
        return files

    # -- showing a scheme ----------------------------------------------------------------
    def set_scheme(self, scheme: Scheme) -> None:
        self.name_edit.setText(scheme.name)
        self.channel_table.set_channels(scheme.channels)
        self.submitted_edit.setText(format_points(scheme.submitted_points))
        self.adopted_edit.setText(format_points(scheme.adopted_points))
        ties = [str(t) for t in scheme.tie_breaks] + ["", ""]
        self.tie_first.setCurrentIndex(self.tie_first.findData(ties[0]))
        self.tie_second.setCurrentIndex(self.tie_second.findData(ties[1]))
        self.ranking_combo.setCurrentIndex(self.ranking_combo.findData(str(scheme.ranking)))
        self.commend_spin.setValue(scheme.commend_count)
        self.criticise_spin.setValue(scheme.criticise_count)
        self.rules.set_scheme(scheme)
        self.item_page.set_rules(scheme.items)

    def scheme(self) -> Scheme | None:
        """The scheme as entered; None after showing every problem (naming channel and column)."""
        channels, problems = self.channel_table.channels()
        points = {}
        for label, edit in (("每报送 1 条得分", self.submitted_edit), ("每采用 1 条得分", self.adopted_edit)):
            try:
                points[label] = parse_points(edit.text(), allow_negative=False)
            except CellError as error:
                problems.append(f"「{label}」：{error}")
        ties = [TieBreak(data) for combo in (self.tie_first, self.tie_second) if (data := combo.currentData())]
        problems += tie_break_problems(ties)
        events, rules, rule_entry_problems = self.rules.read()
        problems += rule_entry_problems
        item_rules = self.item_page.read(problems)
        if problems:
            ui.problems(self, "计分办法有误", problems)
            return None
        scheme = Scheme(
            channels=channels,
            submitted_points=points["每报送 1 条得分"],
            adopted_points=points["每采用 1 条得分"],
            tie_breaks=tuple(ties),
            ranking=RankingMethod(self.ranking_combo.currentData()),
            commend_count=self.commend_spin.value(),
            criticise_count=self.criticise_spin.value(),
            name=self.name_edit.text().strip(),
            events=events,
            rules=rules,
            items=item_rules,
        )
        problems = rule_problems(scheme)  # the domain decides whether the rules can be evaluated
        if problems:
            ui.problems(self, "计分办法有误", problems)
            return None
        return scheme

    def preview(self) -> list[str] | None:
        """Show which units' ranks the scheme as entered would change; nothing is applied."""
        scheme = self.scheme()
        if scheme is None:
            return None
        lines = rank_preview(self.period, scheme)
        shown = lines[:30] + ([f"……共 {len(lines)} 个单位"] if len(lines) > 30 else [])
        self.summary.setText(
            ("按对话框中的计分办法，排名变化的单位：\n" + "\n".join(f"· {line}" for line in shown))
            if lines
            else "按对话框中的计分办法，各单位排名都不变。"
        )
        self.summary.show()
        return lines

    def operations(self) -> list[Operation] | None:
        scheme = self.scheme()
        if scheme is None:
            return None
        return [] if scheme == self.period.scheme else [SetScheme(scheme)]

    # -- files -----------------------------------------------------------------------------
    def load_file(self) -> None:
        path = ui.ask_open_path(self, "载入计分办法", str(self.session.document.path.parent), SCHEME_FILTER)
        if not path:
            return
        try:
            loaded = load_scheme(path)
        except EditError as error:
            ui.problems(self, "无法载入计分办法", error.problems)
            return
        self.load(loaded, f"「{Path(path).name}」")

    def load_preset(self, path: Path) -> None:
        try:
            loaded = load_scheme(path)
        except EditError as error:
            ui.problems(self, "无法载入预设", error.problems)
            return
        self.load(loaded, f"预设「{loaded.name or path.stem}」")

    def load_example(self) -> None:
        try:
            loaded = default_scheme()
        except EditError as error:
            ui.problems(self, "无法载入示例计分办法", error.problems)
            return
        self.load(loaded, "示例计分办法")

    def load(self, loaded: Scheme, source: str) -> None:
        """Show ``loaded`` in the dialog after saying what it changes (asking if data would go)."""
        matched = match_channels(self.period.scheme, loaded)
        change = compare_schemes(self.period, matched)
        lines = change.describe()
        if change.loses_data and not ui.confirm(
            self,
            "载入计分办法",
            f"载入{source}后：\n" + "\n".join(lines) + "\n\n确定载入吗？（点“确定”保存后，也可以用“撤销”恢复。）",
        ):
            return
        self.set_scheme(matched)
        ranks = rank_preview(self.period, matched)
        moved = [f"{len(ranks)} 个单位排名变化（点“预览排名变化”查看）"] if ranks else ["各单位排名不变"]
        self.summary.setText(f"已载入{source}，点“确定”后生效：\n" + "\n".join(f"· {line}" for line in lines + moved))
        self.summary.show()

    def save_file(self) -> None:
        scheme = self.scheme()
        if scheme is None:
            return
        title = self.period.info.title.translate(UNSAFE_IN_FILE_NAMES)
        suggested = str(self.session.document.path.parent / f"{title}计分办法.json")
        target = choose_output(self, "保存计分办法", suggested, SCHEME_FILTER, ".json", [self.session.document.path])
        if target is None:
            return
        try:
            save_scheme(scheme, target)
        except OutputError as error:
            ui.error(self, "计分办法没有保存", str(error))
            return
        self.summary.setText(f"已把计分办法保存到「{target}」。")
        self.summary.show()


def _tie_break_combo() -> QComboBox:
    combo = QComboBox()
    for tie_break, label in TIE_BREAK_LABELS.items():
        combo.addItem(label, str(tie_break))
    combo.addItem(NO_TIE_BREAK, "")
    return combo


def _count_spin(prefix: str, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_LIST_SIZE)
    spin.setPrefix(prefix)
    spin.setSuffix(suffix)
    return spin


def _presets() -> list[tuple[str, Path]]:
    try:
        return preset_schemes()
    except EditError:  # a damaged resources folder: the other ways of loading still work
        return []


def open_scheme_editor(window: MainWindow) -> SchemeDialog:
    return open_dialog(SchemeDialog(window))
