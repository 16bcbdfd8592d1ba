"""The main window: one tab per group, each an editable grid with live scores and ranks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, palette
from desktop_app.actions import NEEDS_FILE, NEEDS_WRITABLE_FILE, Action, Menu
from desktop_app.app_settings import AppSettings
from desktop_app.dialogs.adjustments import edit_adjustments
from desktop_app.dialogs.ui import ui
from desktop_app.export_notice import ExportNotice
from desktop_app.follow import FileFollower
from desktop_app.grid_commands import GridCommands
from desktop_app.grid_view import GridView
from desktop_app.menus import build_menus
from desktop_app.new_file import new_period, save_as
from desktop_app.paths import documents_dir, sample_copy
from desktop_app.score_details import ScoreDetails
from desktop_app.session import Session
from desktop_app.status_line import group_totals, selection_sum
from desktop_app.table_model import UNIT_ID_ROLE, GroupTableModel
from desktop_app.welcome import WelcomePage
from scoring.document import Applied
from scoring.edits import SetAdjustments
from scoring.errors import UserError
from scoring.storage import SUFFIX, PeriodFileError

if TYPE_CHECKING:
    from desktop_app.comparison import Comparison

FILE_FILTER = f"考核期间文件 (*{SUFFIX})"


class MainWindow(QMainWindow):
    """What features see of the window: ``session``/``session_changed``, ``views``, ``group_changed``/
    ``current_group()``/``show_group()``, ``action(Action…)``, ``menu(Menu…)``, ``show_status()``,
    ``add_status_widget()``, ``set_comparison()``, ``report()``, ``check_file()``, ``exported()``."""

    session_changed = Signal(object)  # Session | None: another file opened, or none
    group_changed = Signal(int)  # the index of the group tab now shown

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.session: Session | None = None
        self.views: list[GridView] = []
        self.comparison: Comparison | None = None  # 视图 → 对比上期…
        self.follower: FileFollower | None = None  # a read-only window follows the file
        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget()
        self.grid_commands = GridCommands(self)  # Ctrl+S, Ctrl+F, Ctrl+PgDn/PgUp, zoom
        self.recent_menu = QMenu("最近打开(&R)", self)
        self._actions, self._menus = build_menus(self, self.grid_commands.actions, self.recent_menu)
        self.action(Action.RANK_ORDER).setChecked(self.settings.rank_order())
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._build_pages()
        self._build_ledger()
        self._build_status_bar()
        self._update_enabled()
        self._update_title()
        self.resize(1280, 800)
        if (geometry := self.settings.geometry()) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.window_state()) is not None:
            self.restoreState(state)

    def _build_pages(self) -> None:
        """The welcome page, or the read-only banner, the group tabs and the score details."""
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(palette.BANNER_STYLE)
        self.banner.hide()
        self.banner.linkActivated.connect(lambda _link: self._break_lock())
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._update_status)
        self.tabs.currentChanged.connect(self.group_changed)
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

    def _build_ledger(self) -> None:
        from desktop_app.ledger_view import LedgerDock

        self.ledger = LedgerDock(self)  # 信息条目台账, beside the group tabs
        self.ledger.status.connect(self.show_status)
        self.ledger.exported.connect(self.exported)
        self.session_changed.connect(self.ledger.set_session)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.ledger)
        self.ledger.hide()
        self.menu(Menu.VIEW).addSeparator()
        self.menu(Menu.VIEW).addAction(self.ledger.toggleViewAction())

    def _build_status_bar(self) -> None:
        self.totals = QLabel()
        self.selection_sum = QLabel()
        legend = QLabel(palette.legend_html())
        self.statusBar().addWidget(self.totals, 1)
        self.export_notice = ExportNotice()
        self.statusBar().addPermanentWidget(self.export_notice)
        self.statusBar().addPermanentWidget(self.selection_sum)
        self.statusBar().addPermanentWidget(legend)

    # -- the window's interface for the features ---------------------------------------------
    def action(self, name: Action) -> QAction:
        return self._actions[name]

    def menu(self, name: Menu) -> QMenu:
        return self._menus[name]

    def show_status(self, text: str, milliseconds: int = 8000) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, milliseconds)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def remove_status_widget(self, widget: QWidget) -> None:
        self.statusBar().removeWidget(widget)

    def current_group(self) -> int:
        return self.tabs.currentIndex()

    def show_group(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def set_comparison(self, comparison: Comparison | None) -> None:
        """视图 → 对比上期 started (or ended): the grids and every export show 排名变化."""
        self.comparison = comparison
        for view in self.views:
            view.source.set_rank_changes(comparison)
        self.action(Action.UNCOMPARE).setEnabled(comparison is not None)

    # -- documents -------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a period file in this window; explain and keep the current one if it fails."""
        path = Path(path)
        try:
            session = Session.open(path, self)
        except PeriodFileError as error:
            ui.error(self, "无法打开文件", str(error))
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        self._set_session(session)
        self.settings.add_recent(path)
        if (backup := session.document.file.migration_backup) is not None:
            self.show_status(f"已升级旧版文件，原文件备份在「{backup.name}」", 15000)
        if session.document.notes:
            ui.error(self, "打开文件时发现问题", "\n\n".join(session.document.notes))
        return True

    def open_sample(self) -> bool:
        return self.open_path(sample_copy())

    def _set_session(self, session: Session) -> None:
        self._close_session()
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._on_changed)
        session.failed.connect(lambda text: ui.error(self, "操作未完成", text))
        self._build_tabs()
        self.session_changed.emit(session)
        self.ledger.setVisible(session.document.period.ledger or bool(session.document.period.items))
        if session.read_only:
            self.follower = FileFollower(session, session)
            self.follower.message.connect(self.show_status)
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
            view.message.connect(self.show_status)
            view.paste_refused.connect(lambda problems: ui.problems(self, "没有粘贴", problems))
            view.adjustments_requested.connect(self._edit_adjustments_of)
            view.ledger_requested.connect(self.ledger.show_for)
            view.selectionModel().selectionChanged.connect(self._update_selection_sum)
            view.proxy.set_rank_order(self.action(Action.RANK_ORDER).isChecked())
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
        self.undo_group.removeStack(self.session.undo_stack)
        self.tabs.clear()
        self.views = []
        self.session.close()
        self.session = None
        self.session_changed.emit(None)

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
        from desktop_app.session import break_lock

        holder = self.session.holder if self.session is not None else None
        if self.session is None or holder is None or not self.session.can_break_lock:
            return
        path = self.session.document.path
        question = (f"文件正由计算机「{holder.host}」上的程序（进程 {holder.pid}）打开，占用开始于{holder.age_text()}。\n\n"
                    f"只有在确认那台电脑上已经没有打开这个文件时（例如「{holder.host}」死机或断电后），"
                    "才能解除占用，否则两边同时修改会互相覆盖。确定解除占用并以可修改方式重新打开吗？")
        if ui.confirm(self, "解除占用", question):
            self._close_session()
            break_lock(path)
            self.open_path(path)

    # -- file menu -------------------------------------------------------------------------
    def _start_folder(self) -> str:
        return str(self.session.document.path.parent if self.session else documents_dir())

    def open_dialog(self) -> None:
        path = ui.ask_open_path(self, "打开期间文件", self._start_folder(), FILE_FILTER)
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
            self.show_status(f"文件是只读的：{self.session.why_read_only}")
            return
        items = edit_adjustments(self, name, period.adjustments.get(unit_id, ()))
        if items is None or items == period.adjustments.get(unit_id, ()):
            return
        try:
            self.session.apply(SetAdjustments(unit_id, items), f"修改 {name} 的加减分")
        except UserError as error:
            ui.error(self, "加减分没有保存", str(error))

    def toggle_rank_order(self) -> None:
        enabled = self.action(Action.RANK_ORDER).isChecked()
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
        for name in NEEDS_FILE:
            self.action(name).setEnabled(has)
        self.action(Action.UNCOMPARE).setEnabled(self.comparison is not None)
        for name in NEEDS_WRITABLE_FILE:
            self.action(name).setEnabled(writable)

    def _update_status(self) -> None:
        view = self.current_view()
        if self.session is None or view is None:
            self.totals.setText("")
            return
        group = self.tabs.tabText(self.tabs.currentIndex())
        self.totals.setText(group_totals(self.session.document.period, view.source.group_id, group))
        self._update_selection_sum()

    def _update_selection_sum(self) -> None:
        view = self.current_view()
        self.score_details.show_for(self.session, view.currentIndex().data(UNIT_ID_ROLE) if view is not None else None)
        self.selection_sum.setText(selection_sum(view.selectedIndexes() if view is not None else []))

    # -- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self._close_session()
        event.accept()

