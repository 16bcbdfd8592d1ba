"""使用说明 (from resources/help.md, the one source of the help) and 关于."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.dialogs.buttons import Standard, dialog_buttons
from desktop_app.dialogs.ui import ui
from desktop_app.help_text import help_markdown


class HelpDialog(QDialog):
    """帮助 → 使用说明: resources/help.md, beside the window (not modal: read it while working)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"使用说明 — {APP_NAME}")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(help_markdown())
        layout.addWidget(self.browser)
        layout.addWidget(dialog_buttons(self, Standard.Close))
        self.resize(720, 640)


def show_help(parent: QWidget) -> HelpDialog:
    dialog = parent.findChild(HelpDialog) or HelpDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_about(parent: QWidget) -> None:
    ui.about(
        parent,
        f"关于 {APP_NAME}",
        f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
        "<p>统计各单位政务信息报送和采用情况，按计分办法计算得分和排名，导出附件表格。</p>"
        "<p>所有数据保存在本机的期间文件（.zwxx）中，不需要联网。</p>",
    )
