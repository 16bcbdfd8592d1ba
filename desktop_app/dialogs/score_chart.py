"""视图 → 得分图表…: the score chart of one group beside the grid, following every edit live."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from desktop_app.chart import ScoreChart, save_png
from desktop_app.dialogs.buttons import Standard, dialog_buttons
from desktop_app.dialogs.file_choosers import choose_output
from desktop_app.dialogs.ui import ui
from scoring.errors import OutputError

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow
    from desktop_app.session import Session


class ScoreChartDialog(QDialog):
    """One chart per window; it shows the group chosen above it and redraws after every change."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("得分图表")
        self.main_window = window
        self.session: Session | None = None
        self.groups = QComboBox()
        self.groups.currentIndexChanged.connect(self._show_selected)
        self.chart = ScoreChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        scroll.setStyleSheet("QScrollArea { background: white; }")
        export = QPushButton("导出图片(&E)…")
        export.setToolTip("保存为 PNG 图片（300 dpi，适合插入通报或打印）")
        export.clicked.connect(self.export_png)
        self.export_button = export
        buttons = dialog_buttons(self, Standard.Close)
        top = QHBoxLayout()
        top.addWidget(QLabel("分组："))
        top.addWidget(self.groups, 1)
        top.addWidget(export)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(scroll, 1)
        column.addWidget(buttons)
        self.resize(780, 720)
        self._following = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._following:
            # The tabs are rebuilt whenever the window opens another file: the chart follows.
            self.main_window.group_changed.connect(self._follow_window)
            self._following = True
        self._follow_window()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        """A closed chart costs nothing: it stops listening until it is shown again."""
        if self._following:
            self.main_window.group_changed.disconnect(self._follow_window)
            self._following = False
        self._attach(None)
        super().hideEvent(event)

    def _attach(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._on_changed)

    def _follow_window(self) -> None:
        """Show the window's open period; pick the group of its current tab when it is new."""
        session = self.main_window.session
        if session is None:
            self.close()
        elif session is not self.session:
            self._attach(session)
            self._fill_groups(self.main_window.current_group())

    def _fill_groups(self, wanted_index: int | None = None) -> None:
        assert self.session is not None
        period = self.session.document.period
        previous = self.groups.currentData()
        self.groups.blockSignals(True)
        self.groups.clear()
        for group in period.groups:
            self.groups.addItem(group.name, group.id)
        index = self.groups.findData(previous)
        if wanted_index is not None and 0 <= wanted_index < self.groups.count():
            index = wanted_index
        self.groups.setCurrentIndex(max(index, 0))
        self.groups.blockSignals(False)
        self._show_selected()

    def _show_selected(self) -> None:
        group_id = self.groups.currentData()
        session = self.session
        has_group = session is not None and group_id is not None
        self.export_button.setEnabled(has_group)
        if session is not None and group_id is not None:
            document = session.document
            self.chart.show_group(document.period, document.standings, group_id)

    def _on_changed(self, applied) -> None:
        if applied.delta.structure or applied.info_changed:
            self._fill_groups()
        else:
            self.chart.refresh()

    def export_png(self) -> None:
        self.main_window.check_file()  # a read-only window exports what the file holds now
        image = self.chart.export_image()
        if image is None or self.session is None:
            return
        document = self.session.document
        name = f"{document.period.info.title}{self.groups.currentText()}得分图.png"
        suggested = Path(document.path.parent) / name
        target = choose_output(self, "导出图表图片", suggested, "PNG 图片 (*.png)", ".png", [document.path])
        if target is None:
            return
        try:
            save_png(image, target)
        except OutputError as error:
            ui.error(self, "导出图片失败", str(error))
            return
        self.main_window.exported(target, f"已导出图表图片「{target.name}」")


def show_score_chart(window: MainWindow) -> ScoreChartDialog | None:
    """Open the chart dialog of ``window`` (or bring the open one to the front)."""
    if window.session is None:
        window.show_status("请先打开一个期间文件", 5000)
        return None
    dialog = window.findChild(ScoreChartDialog)
    if dialog is None:
        dialog = ScoreChartDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
