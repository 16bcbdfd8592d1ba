"""文件 → 生成通报草稿…: ask where, write the Word draft of the notice, say where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.dialogs.file_choosers import choose_output
from desktop_app.dialogs.ui import ui
from desktop_app.new_file import open_files
from scoring.errors import OutputError

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

DOCX_FILTER = "Word 文档 (*.docx)"


def generate_notice(window: MainWindow) -> Path | None:
    """Write the notice draft of the window's period; returns where, or None if nothing was written."""
    if window.session is None:
        window.show_status("请先打开一个期间文件", 5000)
        return None
    from scoring.exchange.notice_docx import write_notice
    from scoring.notice import notice_title

    window.check_file()  # a read-only window exports what the file holds now
    document = window.session.document
    suggested = document.path.parent / f"{notice_title(document.period)}（草稿）.docx"
    target = choose_output(window, "生成通报草稿", suggested, DOCX_FILTER, ".docx", open_files(window))
    if target is None:
        return None
    try:
        write_notice(document.period, document.standings, target)
    except OutputError as error:
        ui.error(window, "生成通报草稿失败", str(error))
        return None
    window.exported(target, f"已生成通报草稿「{target.name}」：请在 Word 或 WPS 中补充黄色【】处的内容")
    return target
