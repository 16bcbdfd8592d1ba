"""视图 → 对比上期… / 取消对比: a 排名变化 column in the grid against an earlier period file.

The comparison belongs to the window, not to the period file: it ends when the window opens
another file or the user chooses 取消对比. Units are matched to the earlier period once
(:func:`scoring.periods.earlier_ranks`: by name, through either file's rename history, in any
group — a unit moved to another group shows 转组, never 新); each cell's text is then worked out when the grid
reads it, from the unit's current rank, so it follows every edit, undo and redo at O(1) per
cell. A change of units, groups or scheme (``delta.structure``) matches the names again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from desktop_app import palette
from desktop_app.dialogs.ui import ui
from scoring.document import Applied
from scoring.periods import EarlierRank, earlier_ranks, open_with_history, rank_change_text
from scoring.standings import Standings
from scoring.storage import SUFFIX, PeriodFileError
from scoring.unit_matching import NO_ALIASES, Aliases, aliases_from_log

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

FILE_FILTER = f"考核期间文件 (*{SUFFIX})"
LABEL_STYLE = palette.STATUS_LABEL_STYLE


class Comparison(QObject):
    """The window's comparison with one earlier period (a RankChangeSource for the grid)."""

    def __init__(self, window: MainWindow, path: Path, earlier: Standings, earlier_former: Aliases = NO_ALIASES) -> None:
        super().__init__(window)
        assert window.session is not None
        self.window = window
        self.session = window.session
        self.path = path
        self.name = path.name
        self.earlier = earlier
        self.earlier_former = earlier_former
        self._earlier: dict[int, EarlierRank | None] | None = None
        self.session.changed.connect(self._on_changed)
        self.label = QLabel(f"对比：{earlier.period.info.title}（{self.name}）")
        self.label.setToolTip(f"排名变化与此文件相比：{path}\n视图 → 取消对比 可关闭")
        self.label.setStyleSheet(LABEL_STYLE)

    # -- what the grid and the exports read ------------------------------------------------
    def earlier_rank(self, unit_id: int) -> EarlierRank | None:
        if self._earlier is None or unit_id not in self._earlier:
            document = self.session.document
            former = aliases_from_log(document.period, document.file.audit_log())
            self._earlier = earlier_ranks(document.period, self.earlier, former, self.earlier_former)
        return self._earlier.get(unit_id)

    def text(self, unit_id: int) -> str:
        rank = self.session.document.standings.rank(unit_id)
        return "" if rank is None else rank_change_text(self.earlier_rank(unit_id), rank)

    def tooltip(self, unit_id: int) -> str:
        rank = self.session.document.standings.rank(unit_id)
        before = self.earlier_rank(unit_id)
        title = self.earlier.period.info.title
        if rank is None:
            return ""
        if before is None:
            return f"「{title}」中没有这个单位的排名（按单位名称和曾用名对应）"
        if before.moved:
            group = self.session.document.period.group(self.session.document.period.units[unit_id].group_id).name
            return (f"「{title}」在「{before.group}」第 {before.rank} 名，本期转入「{group}」第 {rank} 名"
                    "（不同分组的名次不能直接比较）")
        return f"「{title}」第 {before.rank} 名，本期第 {rank} 名"

    def changes(self) -> dict[int, str]:
        """排名变化 of every ranked unit, for the exports (build_report's ``rank_changes``)."""
        standings = self.session.document.standings
        return {
            unit_id: rank_change_text(self.earlier_rank(unit_id), rank)
            for unit_id in self.session.document.period.units
            if (rank := standings.rank(unit_id)) is not None
        }

    def _on_changed(self, applied: Applied) -> None:
        if applied.delta.structure:  # units renamed, moved, added: match the names again
            self._earlier = None

    # -- showing and ending ------------------------------------------------------------------
    def start(self) -> None:
        window = self.window
        window.set_comparison(self)
        window.add_status_widget(self.label)
        self.label.show()

    def stop(self) -> None:
        window = self.window
        self.session.changed.disconnect(self._on_changed)
        if window.comparison is self:
            window.set_comparison(None)
        window.remove_status_widget(self.label)
        self.label.deleteLater()
        self.deleteLater()


def compare_with_earlier(window: MainWindow) -> Comparison | None:
    """Ask for an earlier period file and show the 排名变化 column against it."""
    session = window.session
    if session is None:
        return None
    start = str(window.comparison.path.parent if window.comparison else session.document.path.parent)
    chosen = ui.ask_open_path(window, "对比上期：选择要对比的期间文件", start, FILE_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if path.resolve() == session.document.path.resolve():
        ui.error(window, "无法对比", "选择的就是当前打开的期间文件，请选择上一期的期间文件。")
        return None
    try:
        period, earlier_former = open_with_history(path, "对比时只读取")
        earlier = Standings(period)
    except PeriodFileError as error:
        ui.error(window, "无法对比", str(error))
        return None
    if window.comparison is not None:
        window.comparison.stop()
    comparison = Comparison(window, path, earlier, earlier_former)
    comparison.start()
    window.show_status(f"已与「{path.name}」对比：排名后增加了“排名变化”列", 10000)
    return comparison


def end_comparison(window: MainWindow) -> None:
    """视图 → 取消对比: remove the 排名变化 column."""
    if window.comparison is not None:
        window.comparison.stop()
        window.show_status("已取消对比", 5000)
