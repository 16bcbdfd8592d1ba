"""Window commands for working in the grid as in Excel: switch groups from the keyboard
(Ctrl+PgDn / Ctrl+PgUp, Ctrl+Tab), find a unit in any group (Ctrl+F), zoom (Ctrl++ / Ctrl+- /
Ctrl+0, Ctrl+wheel in the grid), and Ctrl+S, which says that every edit is saved already."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from desktop_app.actions import Action
from desktop_app.grid_view import GridView
from scoring.names import spacing_key

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

StandardKey = QKeySequence.StandardKey
ZOOM_STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)


class GridCommands:
    """The commands; ``actions`` are added to the window and placed in its menus by desktop_app.menus."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.zoom = 100
        self.finder: FindUnitDialog | None = None
        self._wheel_zoom: weakref.WeakSet[GridView] = weakref.WeakSet()  # views whose Ctrl+wheel zooms

        def action(text: str, slot, *keys, tip: str = "") -> QAction:
            made = QAction(text, window)
            made.setShortcuts([QKeySequence(k) for k in keys])
            made.setStatusTip(tip)
            made.triggered.connect(lambda _checked=False: slot())
            window.addAction(made)
            return made

        self.actions: dict[Action, QAction] = {
            Action.SAVE: action("保存(&S)", self.save, StandardKey.Save, tip="每次修改都已自动保存，无需手动保存"),
            Action.FIND_UNIT: action("查找单位(&F)…", self.find_unit, StandardKey.Find, tip="在所有分组中按名称查找单位"),
            Action.NEXT_GROUP: action("下一组", lambda: self.switch_group(1), "Ctrl+PgDown", "Ctrl+Tab"),
            Action.PREVIOUS_GROUP: action("上一组", lambda: self.switch_group(-1), "Ctrl+PgUp", "Ctrl+Shift+Tab"),
            Action.ZOOM_IN: action("放大(&+)", lambda: self.zoom_by(1), StandardKey.ZoomIn, "Ctrl+="),
            Action.ZOOM_OUT: action("缩小(&-)", lambda: self.zoom_by(-1), StandardKey.ZoomOut),
            Action.ZOOM_RESET: action("实际大小", lambda: self.set_zoom(100), "Ctrl+0"),
        }
        window.group_changed.connect(lambda _index: self._apply_zoom())

    # -- Ctrl+S ----------------------------------------------------------------------------
    def save(self) -> None:
        session = self.window.session
        if session is None:
            text = "没有打开的文件"
        elif session.read_only:
            text = f"文件以只读方式打开，没有需要保存的修改（{session.why_read_only}）"
        else:
            text = f"不用手动保存：每次修改在显示之前就已保存到「{session.document.path.name}」"
        self.window.show_status(text)

    # -- groups ----------------------------------------------------------------------------
    def switch_group(self, step: int) -> None:
        count = len(self.window.views)
        if count > 1:
            self.window.show_group((self.window.current_group() + step) % count)
            if (view := self.window.current_view()) is not None:
                view.setFocus()

    def go_to_unit(self, unit_id: int) -> bool:
        """Show the unit's group and put the cursor on its row (in the column the cursor was in)."""
        current = self.window.current_view()
        column = current.currentIndex().column() if current is not None and current.currentIndex().isValid() else 0
        for index, view in enumerate(self.window.views):
            row = view.source.row_of(unit_id)
            if row is None:
                continue
            self.window.show_group(index)
            target = view.proxy.mapFromSource(view.source.index(row, min(column, view.source.columnCount() - 1)))
            view.setCurrentIndex(target)
            view.scrollTo(target)
            view.setFocus()
            return True
        return False

    def find_unit(self) -> None:
        if self.window.session is None:
            return
        if self.finder is None:
            self.finder = FindUnitDialog(self)
        self.finder.start()

    # -- zoom ------------------------------------------------------------------------------
    def zoom_by(self, steps: int) -> None:
        at = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.zoom))
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, at + steps))])

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        self._apply_zoom()
        self.window.show_status(f"表格显示比例 {percent}%（Ctrl+0 恢复）", 3000)

    def _apply_zoom(self) -> None:
        """Views made since (another file, units or channels changed) take the window's zoom."""
        for view in self.window.views:
            if view not in self._wheel_zoom:
                self._wheel_zoom.add(view)
                view.zoom_requested.connect(self.zoom_by)
            if view.zoom != self.zoom:
                view.set_zoom(self.zoom)


class FindUnitDialog(QDialog):
    """查找单位: type part of a name; Enter goes to the first (or the chosen) unit found."""

    def __init__(self, commands: GridCommands) -> None:
        super().__init__(commands.window)
        self.commands = commands
        self.setWindowTitle("查找单位")
        self.text = QLineEdit()
        self.text.setPlaceholderText("输入单位名称的一部分，如“发改”")
        self.results = QListWidget()
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self.text.textChanged.connect(self._search)
        self.text.returnPressed.connect(self._go)
        self.text.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self._go())
        self.resize(360, 320)

    def eventFilter(self, watched, event) -> bool:
        """Up and Down in the text choose among the units found."""
        if watched is self.text and event.type() == QEvent.Type.KeyPress and self.results.count():
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step:
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def start(self) -> None:
        self.text.selectAll()
        self._search(self.text.text())
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus()

    def _search(self, text: str) -> None:
        session = self.commands.window.session
        self.results.clear()
        if session is None:
            return
        period = session.document.period
        key = spacing_key(text)
        for group in period.groups:
            for unit in period.units_in(group.id):
                if unit.active and key in spacing_key(unit.name):
                    item = QListWidgetItem(f"{unit.name}　（{group.name}）")
                    item.setData(Qt.ItemDataRole.UserRole, unit.id)
                    self.results.addItem(item)
        count = self.results.count()
        self.status.setText(f"找到 {count} 个单位" if count else f"没有名称含“{text}”的单位")
        if count:
            self.results.setCurrentRow(0)

    def _go(self) -> None:
        item = self.results.currentItem()
        if item is not None and self.commands.go_to_unit(item.data(Qt.ItemDataRole.UserRole)):
            self.hide()
