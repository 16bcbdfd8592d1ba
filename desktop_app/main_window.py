"""The main window: one tab per group, each an editable grid with live scores and ranks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.app_settings import AppSettings
from desktop_app.dialogs.adjustments import edit_adjustments
from desktop_app.dialogs.file_choosers import ask_open_path, choose_output
from desktop_app.dialogs.messages import show_error, show_problems
from desktop_app.export_notice import ExportNotice
from desktop_app.follow import FileFollower
from desktop_app.grid_commands import GridCommands, install_grid_commands
from desktop_app.grid_view import GridView
from desktop_app.menus import build_menus
from desktop_app.new_file import new_period, open_files, save_as
from desktop_app.paths import documents_dir, sample_copy
from desktop_app.score_details import ScoreDetails
from desktop_app.session import Session
from desktop_app.table_model import UNIT_ID_ROLE, GroupTableModel
from desktop_app.welcome import WelcomePage
from scoring.atomic import OutputError
from scoring.cells import CellError, format_points, parse_count, parse_points
from scoring.document import Applied
from scoring.edits import EditError, SetAdjustments
from scoring.storage import SUFFIX, PeriodFileError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QToolBar

    from desktop_app.comparison import Comparison

FILE_FILTER = f"考核期间文件 (*{SUFFIX})"
MAX_SUM_CELLS = 50_000


class MainWindow(QMainWindow):
    actions: dict[str, QAction]  # type: ignore[assignment]  # shadows QWidget.actions(), never called on it
    menus: dict[str, QMenu]
    recent_menu: QMenu
    toolbar: QToolBar
    grid_commands: GridCommands  # these five: set by build_menus (menus.py) and install_grid_commands

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.session: Session | None = None
        self.views: list[GridView] = []
        self.comparison: Comparison | None = None  # 视图 → 对比上期…
        self.follower: FileFollower | None = None  # a read-only window follows the file
        self.undo_group = QUndoGroup(self)
        self.actions = build_menus(self)
        self.actions["rank_order"].setChecked(self.settings.rank_order())
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff3c4; color:#5c4400; padding:6px 10px; border-bottom:1px solid #e0c060;"
        )
        self.banner.hide()
        self.banner.linkActivated.connect(lambda _link: self._break_lock())
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._update_status)
        self.welcome = WelcomePage(self)
        editor = QWidget()
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs)
        self.score_details = ScoreDetails()  # the current unit's score in named parts
        column.addWidget(self.score_details)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(editor)
        self.setCentralWidget(self.pages)
        from desktop_app.ledger_view import LedgerDock

        self.ledger = LedgerDock(self)  # 信息条目台账, beside the group tabs
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.ledger)
        self.ledger.hide()
        self.menus["view"].addSeparator()
        self.menus["view"].addAction(self.ledger.toggleViewAction())

        self.totals = QLabel()
        self.selection_sum = QLabel()
        legend = QLabel('<span style="background:#dcf2dc">&nbsp;绿色&nbsp;</span> 建议表扬　'
                        '<span style="background:#f9dcdc">&nbsp;红色&nbsp;</span> 建议批评')
        self.statusBar().addWidget(self.totals, 1)
        self.export_notice = ExportNotice()
        self.statusBar().addPermanentWidget(self.export_notice)
        self.statusBar().addPermanentWidget(self.selection_sum)
        self.statusBar().addPermanentWidget(legend)
        self._update_enabled()
        self._update_title()
        self.resize(1280, 800)
        if (geometry := self.settings.geometry()) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.window_state()) is not None:
            self.restoreState(state)
        install_grid_commands(self)  # Ctrl+S, Ctrl+F, Ctrl+PgDn/PgUp, zoom

    # -- documents -------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a period file in this window; explain and keep the current one if it fails."""
        path = Path(path)
        try:
            session = Session.open(path, self)
        except PeriodFileError as error:
            show_error(self, "无法打开文件", str(error))
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        self._set_session(session)
        self.settings.add_recent(path)
        if (backup := session.document.file.migration_backup) is not None:
            self.statusBar().showMessage(f"已升级旧版文件，原文件备份在「{backup.name}」", 15000)
        if session.document.notes:
            show_error(self, "打开文件时发现问题", "\n\n".join(session.document.notes))
        return True

    def open_sample(self) -> bool:
        return self.open_path(sample_copy())

    def _set_session(self, session: Session) -> None:
        self._close_session()
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._on_changed)
        session.failed.connect(lambda text: show_error(self, "操作未完成", text))
        self._build_tabs()
        self.ledger.set_session(session)
        self.ledger.setVisible(session.document.period.ledger or bool(session.document.period.items))
        if session.read_only:
            self.follower = FileFollower(session, session)
            self.follower.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            unlock = '　<a href="unlock">对方已关闭却仍显示占用？解除占用…</a>' if session.can_break_lock else ""
            self.banner.setText(f"只读：{session.why_read_only}。可以查看、复制、导出和打印，但不能修改。{unlock}")
            self.banner.show()
        else:
            self.banner.hide()
        self.pages.setCurrentIndex(1)
        self._update_title()
        self._update_enabled()
        self._update_status()

    def _build_tabs(self) -> None:
        assert self.session is not None
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.views = []
        for group in self.session.document.period.groups:
            model = GroupTableModel(self.session, group.id, self, self.comparison)
            view = GridView(model)
            view.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            view.paste_refused.connect(lambda problems: show_problems(self, "没有粘贴", problems))
            view.adjustments_requested.connect(self._edit_adjustments_of)
            view.ledger_requested.connect(self.ledger.show_for)
            view.selectionModel().selectionChanged.connect(self._update_selection_sum)
            view.proxy.set_rank_order(self.actions["rank_order"].isChecked())
            self.tabs.addTab(view, group.name)
            self.views.append(view)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _close_session(self) -> None:
        if self.session is None:
            return
        if self.comparison is not None:
            self.comparison.stop()
        if self.follower is not None:
            self.follower.stop()
            self.follower = None
        self.ledger.set_session(None)
        self.undo_group.removeStack(self.session.undo_stack)
        self.tabs.clear()
        self.views = []
        self.session.close()
        self.session = None

    def _on_changed(self, applied: Applied) -> None:
        if applied.delta.structure and self.session is not None:
            names = [g.name for g in self.session.document.period.groups]
            if names != [self.tabs.tabText(i) for i in range(self.tabs.count())] or len(self.views) != len(names):
                self._build_tabs()
        if applied.info_changed:
            self._update_title()
        self._update_status()

    def _break_lock(self) -> None:
        """After a crash elsewhere the lock stays; the user may remove it once sure nobody edits."""
        from desktop_app.dialogs.messages import confirm
        from desktop_app.session import break_lock

        if self.session is None:
            return
        holder = self.session.holder
        if holder is None or not self.session.can_break_lock:
            return
        path = self.session.document.path
        question = (f"文件正由计算机「{holder.host}」上的程序（进程 {holder.pid}）打开，占用开始于{holder.age_text()}。\n\n"
                    f"只有在确认那台电脑上已经没有打开这个文件时（例如「{holder.host}」死机或断电后），"
                    "才能解除占用，否则两边同时修改会互相覆盖。确定解除占用并以可修改方式重新打开吗？")
        if confirm(self, "解除占用", question):
            self._close_session()
            break_lock(path)
            self.open_path(path)

    # -- file menu -------------------------------------------------------------------------
    def _start_folder(self) -> str:
        return str(self.session.document.path.parent if self.session else documents_dir())

    def open_dialog(self) -> None:
        path = ask_open_path(self, "打开期间文件", self._start_folder(), FILE_FILTER)
        if path:
            self.open_path(path)

    def save_as(self) -> None:
        save_as(self)

    def new_period(self) -> None:
        new_period(self)

    def report(self, group_ids=None):
        """The attachment rows every export prints, with 排名变化 while comparing with an earlier period."""
        from scoring.report import build_report

        self.check_file()
        assert self.session is not None  # the export actions are enabled only with a period open
        document = self.session.document
        changes = self.comparison.changes() if self.comparison is not None else None
        return build_report(document.period, document.standings, group_ids, rank_changes=changes)

    def exported(self, target: Path, text: str) -> None:
        """Every export ends here: say what was made, and offer to open it or its folder."""
        self.export_notice.show_exported(target, text)

    def check_file(self) -> None:
        """Before any output from a read-only window: show (and use) what the file holds now."""
        if self.follower is not None:
            self.follower.check()

    def export_csv(self) -> None:
        if self.session is None:
            return
        from scoring.exchange.csv_table import write_csv

        document = self.session.document
        suggested = Path(self._start_folder()) / f"{document.period.info.title}政务信息报送及采用情况.csv"
        target = choose_output(self, "导出 CSV 表格", suggested, "CSV 表格 (*.csv)", ".csv", open_files(self))
        if target is None:
            return
        try:
            write_csv(self.report(), target)
        except OutputError as error:
            show_error(self, "导出失败", str(error))
            return
        self.exported(target, f"已导出「{target.name}」")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(f"{path.name}  —  {path.parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("（没有最近打开的文件）").setEnabled(False)

    # -- edit menu -------------------------------------------------------------------------
    def current_view(self) -> GridView | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, GridView) else None

    def copy(self) -> None:
        if (view := self.current_view()) is not None:
            view.copy_selection()

    def paste(self) -> None:
        if (view := self.current_view()) is not None:
            view.paste()

    def clear_cells(self) -> None:
        if (view := self.current_view()) is not None:
            view.clear_selection_to_zero()

    def edit_adjustments(self) -> None:
        view = self.current_view()
        if view is not None and view.currentIndex().isValid():
            self._edit_adjustments_of(view.currentIndex().data(UNIT_ID_ROLE))

    def _edit_adjustments_of(self, unit_id: int) -> None:
        if self.session is None:
            return
        period = self.session.document.period
        name = period.units[unit_id].name
        if self.session.read_only:
            self.statusBar().showMessage(f"文件是只读的：{self.session.why_read_only}", 8000)
            return
        items = edit_adjustments(self, name, period.adjustments.get(unit_id, ()))
        if items is None or items == period.adjustments.get(unit_id, ()):
            return
        try:
            self.session.apply(SetAdjustments(unit_id, items), f"修改 {name} 的加减分")
        except (EditError, PeriodFileError) as error:
            show_error(self, "加减分没有保存", str(error))

    def toggle_rank_order(self) -> None:
        enabled = self.actions["rank_order"].isChecked()
        self.settings.set_rank_order(enabled)
        for view in self.views:
            view.proxy.set_rank_order(enabled)
            if view.currentIndex().isValid():
                view.scrollTo(view.currentIndex())

    # -- help --------------------------------------------------------------------------------
    def show_help(self) -> None:
        from desktop_app.dialogs.help import show_help

        show_help(self)

    def show_about(self) -> None:
        from desktop_app.dialogs.help import show_about

        show_about(self)

    # -- status ------------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        document = self.session.document
        suffix = "（只读）" if self.session.read_only else ""
        self.setWindowTitle(f"{document.path.name} — {document.period.info.title}{suffix} — {APP_NAME}")

    def _update_enabled(self) -> None:
        has = self.session is not None
        writable = self.session is not None and not self.session.read_only
        for name in ("new", "save_as", "export_csv", "export_xlsx", "export_pdf", "print_preview", "print", "notice",
                     "chart", "copy", "rank_order", "period_info", "scheme", "units", "lists", "compare"):
            self.actions[name].setEnabled(has)
        self.actions["uncompare"].setEnabled(self.comparison is not None)
        for name in ("paste", "clear", "adjustments"):
            self.actions[name].setEnabled(writable)

    def _update_status(self) -> None:
        view = self.current_view()
        if self.session is None or view is None:
            self.totals.setText("")
            return
        period = self.session.document.period
        units = [u.id for u in period.units_in(view.source.group_id) if u.active]  # models may not have reset yet
        submitted = sum(period.tallies[u].submitted for u in units)
        adopted = sum(period.tallies[u].adopted for u in units)
        group = self.tabs.tabText(self.tabs.currentIndex())
        self.totals.setText(f"{group}：{len(units)} 个单位，报送 {submitted} 条，采用 {adopted} 条")
        self._update_selection_sum()

    def _update_selection_sum(self) -> None:
        view = self.current_view()
        self.score_details.show_for(self.session, view.currentIndex().data(UNIT_ID_ROLE) if view is not None else None)
        indexes = view.selectedIndexes() if view is not None else []
        if len(indexes) < 2 or len(indexes) > MAX_SUM_CELLS:
            self.selection_sum.setText("")
            return
        total, numbers = Decimal(0), 0
        for index in indexes:
            if index.column() == 0:
                continue
            text = index.data() or ""
            try:
                total += parse_count(text).total if "*" in text else parse_points(text)
                numbers += 1
            except CellError:
                continue
        self.selection_sum.setText(f"选中 {len(indexes)} 格　求和：{format_points(total)}" if numbers else "")

    # -- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self._close_session()
        event.accept()

