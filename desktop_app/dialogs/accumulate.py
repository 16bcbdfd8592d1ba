"""文件 → 累计…: add several period files (e.g. January–June) into a new period.

The user picks the files (several at once), can add, remove and reorder them, names the new
period (prefilled 「1月至6月累计」), and sees before anything is written what did not line up:
units missing from some files, channels that differ, names matched loosely or through the rename
history. A unit of a later file that no rule matched can be matched by hand to a unit that file
lacks (a combo box per name); the files are added up again with the choice, which is part of
what OK saves. OK asks where to save the new period and opens it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop_app import palette
from desktop_app.dialogs.busy import busy_cursor
from desktop_app.dialogs.editor_base import open_dialog
from desktop_app.dialogs.hand_matching import HandMatchTable, HandRow
from desktop_app.dialogs.ui import ui
from desktop_app.new_file import save_new_period, start_folder
from scoring.errors import UserError
from scoring.model import PeriodInfo
from scoring.periods import AccumulateResult, Unmatched, accumulate_files
from scoring.storage import SUFFIX

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

FILE_FILTER = f"考核期间文件 (*{SUFFIX})"
PROBLEM_STYLE = palette.PROBLEM_STYLE
NOTE_STYLE = palette.NOTE_STYLE
OK_STYLE = palette.OK_STYLE
PATH_ROLE = Qt.ItemDataRole.UserRole


def _dates(info: PeriodInfo) -> str:
    if not (info.start or info.end):
        return "（各期间没有填写起止日期）"

    def day(value) -> str:
        return f"{value.year}年{value.month}月{value.day}日" if value else "?"
    return f"{day(info.start)} 至 {day(info.end)}"


class AccumulateDialog(QDialog):
    def __init__(self, window: MainWindow, paths: list[Path]) -> None:
        super().__init__(window)
        self.setWindowTitle("累计期间")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.main_window = window
        self.accumulated: AccumulateResult | None = None
        self.manual: dict[tuple[int, str], str] = {}  # (file position, unit name) -> accumulated unit, by hand
        self.hand_table: HandMatchTable | None = None
        self._suggested_title = ""
        self.files = QListWidget()
        self.files.currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton("添加(&A)…")
        self.remove_button = QPushButton("移除(&R)")
        self.up_button = QPushButton("上移(&U)")
        self.down_button = QPushButton("下移(&D)")
        self.add_button.clicked.connect(self.add_files)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch()
        grid = QGridLayout()
        grid.addWidget(QLabel("要累计的期间文件（按先后顺序；第一个文件的分组、单位顺序和计分办法为准）："), 0, 0, 1, 2)
        grid.addWidget(self.files, 1, 0)
        grid.addLayout(side, 1, 1)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如：2023年上半年")
        self.title_edit.textChanged.connect(self._update_ok)
        self.dates = QLabel()
        form = QFormLayout()
        form.addRow("期间名称：", self.title_edit)
        form.addRow("起止日期：", self.dates)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.report = QListWidget()
        self.report.setWordWrap(True)
        self.hand_label = QLabel("后面文件中找不到对应的单位（如改了名）：如果是前面文件中的某个单位，请在“对应到”中选择，"
                                 "两者的数据就合并累计。")
        self.hand_label.setWordWrap(True)
        self.hand_holder = QVBoxLayout()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("累计并保存…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 2)
        layout.addLayout(form)
        layout.addWidget(QLabel("核对结果："))
        layout.addWidget(self.summary)
        layout.addWidget(self.report, 3)
        layout.addWidget(self.hand_label)
        layout.addLayout(self.hand_holder, 2)
        layout.addWidget(self.buttons)
        self.resize(760, 620)
        self._add(paths)

    # -- the list of files -----------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(row).data(PATH_ROLE)) for row in range(self.files.count())]

    def _add(self, paths: list[Path]) -> None:
        known = {path.resolve() for path in self.paths()}
        twice = []
        for path in paths:
            if path.resolve() in known:
                twice.append(path.name)
                continue
            known.add(path.resolve())
            item = QListWidgetItem(path.name)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)
        if twice:
            names = "、".join(f"「{name}」" for name in twice)
            self.main_window.show_status(f"{names}已在列表中，同一期间不能重复累计", 8000)
        self._recompute()

    def add_files(self) -> None:
        folder = str(self.paths()[-1].parent) if self.files.count() else str(start_folder(self.main_window))
        self._add([Path(p) for p in ui.ask_open_paths(self, "添加要累计的期间文件", folder, FILE_FILTER)])

    def remove_current(self) -> None:
        row = self.files.currentRow()
        if row >= 0:
            self.files.takeItem(row)
            self._recompute()

    def move_current(self, step: int) -> None:
        row = self.files.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.files.count():
            return
        self.files.insertItem(target, self.files.takeItem(row))
        self.files.setCurrentRow(target)
        self._recompute()

    def _update_buttons(self) -> None:
        row = self.files.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.files.count() - 1)

    # -- adding up ---------------------------------------------------------------------------
    def _recompute(self, keep_manual: bool = False) -> None:
        if not keep_manual:  # another list of files: a choice made by hand may name another file
            self.manual.clear()
        self.accumulated = None
        self.report.clear()
        paths = self.paths()
        problem = ""
        if len(paths) < 2:
            problem = "请至少选择两个期间文件。"
        else:
            try:
                with busy_cursor():
                    self.accumulated = accumulate_files(paths, manual=self.manual)
            except UserError as error:
                problem = f"不能累计：{error}"
        if self.accumulated is None:
            self.summary.setText(problem)
            self.summary.setStyleSheet(PROBLEM_STYLE)
            self.dates.setText("")
        else:
            self._show_result(self.accumulated)
        self._show_unmatched(self.accumulated.report.unmatched if self.accumulated else [])
        self._update_buttons()
        self._update_ok()

    def _show_result(self, result: AccumulateResult) -> None:
        period, lines = result.period, result.report.lines()
        title = self.title_edit.text().strip()
        if not title or title == self._suggested_title:  # follow the files until the user types a name
            self._suggested_title = period.info.title
            self.title_edit.setText(period.info.title)
        self.dates.setText(_dates(period.info))
        counts = f"累计后 {len(period.units)} 个单位、{len(period.groups)} 个分组、{len(period.scheme.channels)} 个采用渠道。"
        if lines:
            self.summary.setText(f"{len(self.paths())} 个期间有 {len(lines)} 处不一致（见下），请核对后再累计。" + counts)
            self.summary.setStyleSheet(NOTE_STYLE)
            self.report.addItems(lines)
        else:
            self.summary.setText(f"{len(self.paths())} 个期间的单位和采用渠道完全一致。" + counts)
            self.summary.setStyleSheet(OK_STYLE)

    def _show_unmatched(self, unmatched: list[Unmatched]) -> None:
        """A combo box per unit of a later file that no rule matched, offering the units that file lacks."""
        if self.hand_table is not None:
            self.hand_holder.removeWidget(self.hand_table)
            self.hand_table.hide()
            self.hand_table.deleteLater()
            self.hand_table = None
        rows = [
            HandRow((u.index, u.name), (u.source, u.name, u.group), tuple((n, n) for n in u.candidates), u.chosen)
            for u in unmatched
            if u.candidates
        ]
        self.hand_label.setVisible(bool(rows))
        if rows:
            self.hand_table = HandMatchTable(["文件", "单位", "分组"], rows, "（不对应，作为另一个单位）")
            self.hand_table.choice_changed.connect(self._on_hand_choice)
            self.hand_holder.addWidget(self.hand_table)

    def _on_hand_choice(self, key: tuple[int, str], name: str | None) -> None:
        if name is None:
            self.manual.pop(key, None)
        else:
            self.manual[key] = name
        self._recompute(keep_manual=True)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.accumulated is not None and bool(self.title_edit.text().strip()))

    def accept(self) -> None:
        if self.accumulated is None or not self.title_edit.text().strip():
            return
        period = self.accumulated.period
        period.info = replace(period.info, title=self.title_edit.text().strip())
        from scoring.item_outputs import roll_files

        try:  # the months' item ledgers, listed in the accumulated period (not scored there)
            period.items = roll_files(period, self.paths()).items
        except UserError as error:
            ui.error(self, "不能累计", str(error))
            return
        target = save_new_period(self.main_window, self, period, "保存累计期间", keep=self.paths())
        if target is None:
            return
        lines = len(self.accumulated.report.lines())
        note = f"，有 {lines} 处不一致已列出" if lines else ""
        self.main_window.show_status(
            f"已把 {len(self.paths())} 个期间累计为「{period.info.title}」{note}，保存在「{target}」", 15000
        )
        super().accept()


def accumulate_periods(window: MainWindow) -> AccumulateDialog | None:
    """Ask for the period files, then show the dialog (non-blocking); None if cancelled."""
    paths = ui.ask_open_paths(window, "累计：选择要相加的期间文件（可多选）", str(start_folder(window)), FILE_FILTER)
    if not paths:
        return None
    return open_dialog(AccumulateDialog(window, [Path(p) for p in paths]))

