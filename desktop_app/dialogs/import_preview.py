"""The preview of 文件 → 导入表格…: what the table would become, before anything happens.

Two ways to import: 新建期间 (groups, units and channels from the table; the user names the
period) or 导入到当前期间 (units matched by name; only with a writable period open). Each shows
what will change and every problem with its row, unit and column; with any problem 导入 stays
disabled. Doubtful name matches are imported only when their box is ticked; a table name no
rule matched (e.g. a unit renamed) can be matched by hand to a unit the table lacks, and the
plan is made again with that choice. The dialog itself
changes nothing: ``on_import(dialog)`` (see desktop_app.import_flow) does, and says whether the
dialog may close.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import palette
from desktop_app.dialogs.busy import busy_cursor
from desktop_app.dialogs.hand_matching import HandMatchTable, HandRow
from desktop_app.dialogs.preview_models import ChangesModel, DoubtfulModel, TextTableModel
from scoring.cells import format_points
from scoring.edits import describe_adjustments
from scoring.errors import EditError
from scoring.exchange.builder import ImportResult, build_period, title_from_table
from scoring.exchange.grid import ParsedTable
from scoring.exchange.merge import ImportPlan, plan_import
from scoring.model import Scheme
from scoring.names import MATCH_LABELS
from scoring.report import build_report
from scoring.scheme_file import default_scheme
from scoring.standings import Standings
from scoring.unit_matching import aliases_from_log

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

NEW, INTO_CURRENT = "new", "into_current"
PROBLEM_STYLE = palette.PROBLEM_STYLE + " font-weight:bold;"
NOTE_STYLE = palette.NOTE_STYLE
OK_STYLE = palette.OK_STYLE
RESIZE_PRECISION = 300  # rows looked at to size columns: a 10,000-row table opens at once


def table_view(model: QAbstractItemModel, parent: QWidget | None = None, *, stretch: bool = True) -> QTableView:
    """A read-only view; ``stretch`` widens the last column (a text) to the view's width."""
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(RESIZE_PRECISION)
    header.setStretchLastSection(stretch)
    view.resizeColumnsToContents()
    return view


class ImportPreviewDialog(QDialog):
    def __init__(
        self, window: MainWindow, table: ParsedTable, source_name: str, on_import: Callable[[ImportPreviewDialog], bool]
    ) -> None:
        super().__init__(window)
        self.setWindowTitle(f"导入表格「{source_name}」")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.main_window = window
        self.table = table
        self.source_name = source_name
        self._on_import = on_import
        session = window.session
        self.writable = session is not None and not session.read_only
        self.plan: ImportPlan | None = None
        self.new_result: ImportResult | None = None
        self.new_problems: list[str] = []
        self.doubtful_model: DoubtfulModel | None = None
        self.changes_model: ChangesModel | None = None
        self.manual: dict[int, int] = {}  # table line -> unit id, matched by hand
        self.hand_table: HandMatchTable | None = None

        heading = QLabel(f"表格「{source_name}」：{len(table.rows)} 个单位，{len(table.channels)} 个采用渠道列"
                         + (f"。标题：{table.title}" if table.title else ""))
        heading.setWordWrap(True)
        self.new_button = QRadioButton("新建期间：用表格中的分组、单位和采用渠道新建一个期间文件")
        self.into_button = QRadioButton(self._into_text())
        self.into_button.setEnabled(self.writable)
        if session is not None and session.read_only:
            self.into_button.setToolTip(f"当前期间是只读的：{session.why_read_only}")
        self.pages = QStackedWidget()
        self.new_page = QWidget()
        self.into_page = QWidget()
        self.pages.addWidget(self.new_page)
        self.pages.addWidget(self.into_page)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.new_button)
        layout.addWidget(self.into_button)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        if self.writable and session is not None:
            with busy_cursor():
                document = session.document
                self.former = aliases_from_log(document.period, document.file.audit_log())
                self.plan = plan_import(document.period, table, self.former)
            self._build_into_page()
        mostly_known = self.plan is not None and len(self.plan.matches) * 2 >= max(len(table.rows), 1)
        (self.into_button if mostly_known else self.new_button).setChecked(True)
        self.new_button.toggled.connect(self._show_mode)
        self._show_mode()
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1100, screen.width() - 80), min(720, screen.height() - 80))

    def _into_text(self) -> str:
        session = self.main_window.session
        if session is None:
            return "导入到当前期间（没有打开的期间文件）"
        return f"导入到当前期间「{session.document.period.info.title}」：按单位名称对应，更新采用数、条目数和加减分"

    # -- what the user chose -----------------------------------------------------------------
    @property
    def mode(self) -> str:
        return NEW if self.new_button.isChecked() else INTO_CURRENT

    def period_title(self) -> str:
        return self.title_edit.text().strip()

    def confirmed_lines(self) -> set[int]:
        return self.doubtful_model.confirmed_lines() if self.doubtful_model is not None else set()

    def accept(self) -> None:
        if self.import_button.isEnabled() and self._on_import(self):
            super().accept()

    # -- new period ----------------------------------------------------------------------------
    def scheme_template(self) -> tuple[Scheme, str]:
        """The scheme a new period is scored with: the open period's (the office's own method), or
        the example scheme when no period is open; and how to name it to the clerk."""
        session = self.main_window.session
        if session is not None:
            period = session.document.period
            return period.scheme, f"沿用当前期间「{period.info.title}」的计分办法"
        return default_scheme(), "示例计分办法（没有打开期间；导入后可在“计分办法”中修改或载入本单位的办法）"

    def _build_new_page(self) -> None:
        template, template_text = self.scheme_template()
        with busy_cursor():
            try:
                self.new_result = build_period(self.table, template)
            except EditError as error:
                self.new_problems = list(error.problems)
        form = QFormLayout()
        self.title_edit = QLineEdit(title_from_table(self.table))
        self.title_edit.setPlaceholderText("如：2023年上半年")
        self.title_edit.textChanged.connect(self._update_status)
        form.addRow("期间名称：", self.title_edit)
        scheme_label = QLabel(template_text)
        scheme_label.setWordWrap(True)
        form.addRow("计分办法：", scheme_label)
        tabs = QTabWidget()
        result = self.new_result
        if result is not None:
            period = result.period
            groups = "；".join(f"{g.name} {len(period.units_in(g.id))} 个" for g in period.groups)
            form.addRow("分组：", QLabel(groups))
            report = build_report(period, Standings(period))
            headers = ["分组", "单位", *report.channels, "报送条目", "采用条目", "加减分", "得分", "排名"]
            rows = [
                [section.title, row.unit, *row.adoptions, str(row.submitted), str(row.adopted),
                 row.adjustment_text, row.score_text, str(row.rank)]
                for section in report.sections for row in section.rows
            ]
            _add_tab(tabs, "单位", TextTableModel(headers, rows, range(2, len(headers))), len(rows), stretch=False)
            channels = [[c.name, format_points(c.dedicated_points), format_points(c.combined_points)]
                        for c in period.scheme.channels]
            _add_tab(tabs, "采用渠道和分值", TextTableModel(["采用渠道", "专报每条", "综合每条"], channels, (1, 2)),
                     len(channels), stretch=False)
            _add_tab(tabs, "提示", TextTableModel(["提示"], [[w] for w in result.warnings]), len(result.warnings))
        self.new_problem_tab = _add_tab(tabs, "问题", TextTableModel(["问题"], [[p] for p in self.new_problems]),
                                        len(self.new_problems))
        if self.new_problems:
            tabs.setCurrentIndex(self.new_problem_tab)
        layout = QVBoxLayout(self.new_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(tabs, 1)
        self.new_tabs = tabs

    # -- into the current period ------------------------------------------------------------------
    def _build_into_page(self, confirmed: Iterable[int] = (), tab: int | None = None) -> None:
        plan = self.plan
        assert plan is not None and self.main_window.session is not None
        period = self.main_window.session.document.period
        self.summary = QLabel(plan.summary())
        self.summary.setWordWrap(True)
        tabs = QTabWidget()
        self.changes_model = changes = ChangesModel(plan, period, self)
        self.changes_view = table_view(changes, stretch=False)
        _add_tab(tabs, "数据变化", self.changes_view, len(changes.lines), always=True)
        doubtful = self._doubtful_page(plan, changes, confirmed)
        self.doubtful_tab = _add_tab(tabs, "名称待确认", doubtful, len(plan.doubtful))
        self.extra_tab = _add_tab(tabs, "表中多出的单位", self._hand_page(plan, period), len(plan.not_in_period),
                                  always=bool(plan.by_hand))
        missing = [[u.name, period.group(u.group_id).name] for u in plan.missing_from_table]
        _add_tab(tabs, "表中缺少的单位", TextTableModel(["本期间的单位（表中没有，保持不变）", "分组"], missing), len(missing))
        channels = [
            [c.column, c.channel_name or "（本期间没有这个采用渠道）", MATCH_LABELS[c.kind] if c.kind else "未对应"]
            for c in plan.channels
        ] + [["（表中没有此列）", name, "保持不变"] for name in plan.channels_not_in_table]
        unknown = sum(1 for c in plan.channels if c.channel_name is None) + len(plan.channels_not_in_table)
        title = f"采用渠道（{unknown} 处不一致）" if unknown else "采用渠道"
        _add_tab(tabs, title, TextTableModel(["表中的列", "本期间的采用渠道", "对应方式"], channels), None)
        adjustments = [
            [str(a.line), a.unit_name, describe_adjustments(a.old), describe_adjustments(a.new),
             format_points(a.calibration), "" if a.published_score is None else format_points(a.published_score)]
            for a in plan.adjustments
        ]
        headers = ["行", "单位", "原加减分", "导入后的加减分", "其中按公布得分校准", "表中得分"]
        _add_tab(tabs, "加减分", TextTableModel(headers, adjustments, (0, 4, 5)), len(adjustments))
        problems = [[str(p.line or ""), p.unit, p.column, p.why] for p in plan.problems]
        self.problem_tab = _add_tab(tabs, "问题", TextTableModel(["行", "单位", "列", "原因"], problems, (0,)), len(problems))
        _add_tab(tabs, "提示", TextTableModel(["提示"], [[w] for w in plan.warnings]), len(plan.warnings))
        if tab is not None:
            tabs.setCurrentIndex(tab)
        elif plan.problems:
            tabs.setCurrentIndex(self.problem_tab)
        elif plan.doubtful:
            tabs.setCurrentIndex(self.doubtful_tab)
        elif plan.not_in_period and plan.missing_from_table:
            tabs.setCurrentIndex(self.extra_tab)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(tabs, 1)
        layout = self.into_page.layout() or QVBoxLayout(self.into_page)
        layout.setContentsMargins(0, 0, 0, 0)
        if layout.count():  # planned again: the new page replaces the old one
            taken = layout.takeAt(0)
            old = None if taken is None else taken.widget()
            if old is not None:
                old.hide()
                old.deleteLater()
        layout.addWidget(content)
        self.into_tabs = tabs

    def _doubtful_page(self, plan: ImportPlan, changes: ChangesModel, confirmed: Iterable[int]) -> QWidget:
        """名称待确认: names a 市 apart, each to be ticked before its row is imported."""
        self.doubtful_model = DoubtfulModel(plan, self)
        kept = set(confirmed)
        self.doubtful_model.checked = [m.line in kept for m in plan.doubtful]  # kept when planned again
        changes.set_confirmed(self.confirmed_lines())
        self.doubtful_model.confirmed_changed.connect(self._on_confirmed)
        doubtful = QWidget()
        column = QVBoxLayout(doubtful)
        hint = QLabel("这些单位的名称与本期间的单位只差一个“市”字。请逐个核对：勾选表示是同一单位，才会导入这一行。")
        hint.setWordWrap(True)
        self.doubtful_view = table_view(self.doubtful_model)
        all_button = QPushButton("全部勾选")
        all_button.clicked.connect(lambda: self.doubtful_model.set_all(True))
        none_button = QPushButton("全部取消")
        none_button.clicked.connect(lambda: self.doubtful_model.set_all(False))
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(all_button)
        row.addWidget(none_button)
        column.addLayout(row)
        column.addWidget(self.doubtful_view, 1)
        return doubtful

    def _hand_page(self, plan: ImportPlan, period) -> QWidget:
        """Table names no rule matched, each with a combo box of the units the table lacks."""
        groups = {row.line: row.group for row in self.table.rows}
        candidates = tuple((f"{u.name}（{period.group(u.group_id).name}）", u.id) for u in plan.candidates_for_hand())
        rows = [HandRow(u.line, (str(u.line), u.name, u.group), candidates) for u in plan.not_in_period]
        rows += [HandRow(m.line, (str(m.line), m.table_name, groups.get(m.line, "")), candidates, m.unit_id)
                 for m in plan.by_hand]
        self.hand_table = HandMatchTable(["行", "表中名称", "分组"], sorted(rows, key=lambda r: r.key),
                                         "（本期间没有，不导入）")
        self.hand_table.choice_changed.connect(self._on_hand_choice)
        page = QWidget()
        column = QVBoxLayout(page)
        hint = QLabel("表中这些单位在本期间中找不到。如果是本期间的某个单位（如改了名），请在“对应到”中选择，"
                      "这一行就按所选单位导入；不选择的不导入。")
        hint.setWordWrap(True)
        if self.hand_table.left_out:
            hint.setText(hint.text() + f"（只列出前 {len(self.hand_table.rows)} 个）")
        column.addWidget(hint)
        column.addWidget(self.hand_table, 1)
        return page

    def _on_hand_choice(self, line: int, unit_id: int | None) -> None:
        """Plan again with the choice: a unit chosen twice, or its cells, show up as problems as usual."""
        if unit_id is None:
            self.manual.pop(line, None)
        else:
            self.manual[line] = unit_id
        session = self.main_window.session
        assert session is not None
        confirmed, tab = self.confirmed_lines(), self.into_tabs.currentIndex()
        with busy_cursor():
            self.plan = plan_import(session.document.period, self.table, self.former, self.manual)
        self._build_into_page(confirmed, tab)
        self._update_status()

    def _on_confirmed(self) -> None:
        assert self.changes_model is not None
        self.changes_model.set_confirmed(self.confirmed_lines())
        self._update_status()

    # -- switching and the status line ----------------------------------------------------------
    def _show_mode(self) -> None:
        if self.mode == NEW and self.new_page.layout() is None:
            self._build_new_page()
        self.pages.setCurrentWidget(self.new_page if self.mode == NEW else self.into_page)
        self._update_status()

    def _update_status(self) -> None:
        text, style, enabled = self._status_new() if self.mode == NEW else self._status_into()
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.import_button.setEnabled(enabled)
        self.import_button.setText("新建期间…" if self.mode == NEW else "导入")

    def _status_new(self) -> tuple[str, str, bool]:
        if self.new_problems:
            return f"表格有 {len(self.new_problems)} 个问题（见“问题”页），请改正表格后重新导入。", PROBLEM_STYLE, False
        if not self.period_title():
            return "请填写期间名称。", NOTE_STYLE, False
        assert self.new_result is not None
        period = self.new_result.period
        return (f"将新建期间「{self.period_title()}」：{len(period.units)} 个单位，{len(period.groups)} 个分组，"
                f"{len(period.scheme.channels)} 个采用渠道。按“新建期间…”选择保存位置。", OK_STYLE, True)

    def _status_into(self) -> tuple[str, str, bool]:
        plan = self.plan
        assert plan is not None
        if plan.problems:
            return (f"表格有 {len(plan.problems)} 个问题（见“问题”页），改正表格后重新导入。现在不能导入，当前期间没有任何改动。",
                    PROBLEM_STYLE, False)
        lines = plan.accepted_lines(self.confirmed_lines())
        cells = sum(1 for c in plan.changes if c.line in lines)
        units = len({c.unit_id for c in plan.changes if c.line in lines} | {a.unit_id for a in plan.adjustments
                                                                             if a.line in lines})
        waiting = len(plan.doubtful) - len(self.confirmed_lines())
        note = f"还有 {waiting} 个名称未确认，未勾选的单位不会导入。" if waiting else ""
        if not units:
            return note + "没有需要导入的改动：表中的数据与当前期间相同。", NOTE_STYLE, False
        text = f"将修改 {units} 个单位（{cells} 个单元格），作为一步操作，可以撤销。" + note
        return text, NOTE_STYLE if waiting else OK_STYLE, True


def _add_tab(
    tabs: QTabWidget,
    title: str,
    content: QWidget | QAbstractItemModel,
    count: int | None,
    *,
    always: bool = False,
    stretch: bool = True,
) -> int:
    """Add a tab titled with its count; an empty list's tab is hidden unless ``always`` (or no count)."""
    widget = table_view(content, stretch=stretch) if isinstance(content, QAbstractItemModel) else content
    if isinstance(content, QAbstractItemModel):
        content.setParent(widget)
    index = tabs.addTab(widget, title if count is None else f"{title}（{count}）")
    tabs.setTabVisible(index, count is None or bool(count) or always)
    return index

