"""文件 → 导入表格…: choose an Excel/CSV table, preview it, then import it.

Into a new period: the preview's period is saved where the user says and opened. Into the
open period: the plan's operations are applied through ``Session.apply`` as one undo step,
all or nothing; a refusal is explained and nothing changes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.dialogs.busy import busy_cursor
from desktop_app.dialogs.editor_base import open_dialog
from desktop_app.dialogs.import_preview import NEW, ImportPreviewDialog
from desktop_app.dialogs.ui import ui
from desktop_app.new_file import save_new_period, start_folder
from scoring.errors import EditError
from scoring.exchange.tables import TABLE_SUFFIXES, read_table
from scoring.storage import PeriodFileError

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

TABLE_FILTER = (
    f"附件表格 ({' '.join('*' + s for s in TABLE_SUFFIXES)});;Excel 工作簿 (*.xlsx *.xlsm);;"
    "CSV 表格 (*.csv *.txt);;所有文件 (*)"
)


def import_table(window: MainWindow) -> ImportPreviewDialog | None:
    """Ask for a table file and show its preview (non-blocking); None if cancelled or refused."""
    chosen = ui.ask_open_path(window, "导入表格", str(start_folder(window)), TABLE_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    try:
        with busy_cursor():
            table = read_table(path)
    except EditError as error:
        ui.problems(window, f"无法导入「{path.name}」", error.problems)
        return None
    dialog = ImportPreviewDialog(window, table, path.name, lambda preview: _do_import(window, preview, path))
    return open_dialog(dialog)


def _do_import(window: MainWindow, dialog: ImportPreviewDialog, source: Path) -> bool:
    return _new_period(window, dialog, source) if dialog.mode == NEW else _into_current(window, dialog)


def _new_period(window: MainWindow, dialog: ImportPreviewDialog, source: Path) -> bool:
    result = dialog.new_result
    assert result is not None
    period = result.period
    period.info = replace(period.info, title=dialog.period_title())
    target = save_new_period(window, dialog, period, "保存导入的期间", keep=[source])
    if target is None:
        return False
    window.show_status(
        f"已从「{dialog.source_name}」新建期间「{period.info.title}」（{len(period.units)} 个单位），保存在「{target}」", 15000
    )
    return True


def _into_current(window: MainWindow, dialog: ImportPreviewDialog) -> bool:
    session = window.session
    plan = dialog.plan
    assert session is not None and plan is not None
    operations = plan.operations(dialog.confirmed_lines())
    if not operations:
        return False
    title = "导入没有完成"
    try:
        session.apply(operations, f"导入表格「{dialog.source_name}」")
    except EditError as error:
        ui.problems(dialog, title, error.problems)
        return False
    except PeriodFileError as error:
        ui.error(dialog, title, f"没有做任何修改：{error}")
        return False
    units = len({getattr(op, "unit_id", None) for op in operations})
    window.show_status(
        f"已导入「{dialog.source_name}」：{units} 个单位的数据已更新并保存（编辑 → 撤销 可恢复）", 15000
    )
    return True
