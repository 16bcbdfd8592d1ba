"""文件 menu commands: 打印预览, 打印, 导出PDF and 导出 Excel 表格 of the open period.

Each takes the main window and works on ``window.session.document``. Dialogs that would block
(options, file, printer, preview) go through the small module-level functions below, which
tests replace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from desktop_app.dialogs.file_choosers import choose_output
from desktop_app.dialogs.ui import ui
from desktop_app.new_file import open_files
from desktop_app.printing.options_dialog import PrintOptions, PrintOptionsDialog
from desktop_app.printing.renderer import page_layout, render, write_pdf
from scoring.document import PeriodDocument
from scoring.errors import OutputError
from scoring.model import Period
from scoring.output_target import TargetRefused, check_output
from scoring.report import Report

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

PDF_FILTER = "PDF 文件 (*.pdf)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
_remembered: dict[str, PrintOptions] = {}  # the last choices, per period file, while the program runs


# -- dialogs (replaced in tests) -------------------------------------------------------------
def ask_options(window: MainWindow, period: Period, action: str, previous: PrintOptions | None) -> PrintOptions | None:
    dialog = PrintOptionsDialog(period, action, previous, window)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_printer(window: MainWindow, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("打印")
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_preview(dialog: QPrintPreviewDialog) -> None:
    dialog.exec()


# -- commands -------------------------------------------------------------------------------
def print_preview(window: MainWindow) -> None:
    chosen = _choose(window, "打印预览")
    if chosen is None:
        return
    report, compact = chosen
    printer = _printer(report, compact)  # the dialog does not own it: keep it alive while it shows
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(f"打印预览 — {report.title}")
    dialog.resize(max(900, window.width() * 4 // 5), max(700, window.height() * 9 // 10))  # a readable page
    dialog.paintRequested.connect(lambda printer: _render_or_explain(window, report, printer, compact))
    show_preview(dialog)
    shiboken6.delete(dialog)  # now, while the printer it points to still exists


def print_report(window: MainWindow) -> None:
    chosen = _choose(window, "打印")
    if chosen is None:
        return
    report, compact = chosen
    printer = _printer(report, compact)
    if not ask_printer(window, printer):
        return
    if printer.outputFileName():  # 打印到文件: the same rule as every other output
        try:
            check_output(printer.outputFileName(), open_files=open_files(window))
        except TargetRefused as error:
            ui.error(window, "打印", str(error))
            return
    pages = _render_or_explain(window, report, printer, compact)
    if pages:
        where = printer.outputFileName() or printer.printerName() or "打印机"
        window.show_status(f"已打印到「{where}」，共 {pages} 页", 10000)


def export_pdf(window: MainWindow) -> None:
    chosen = _choose(window, "导出PDF")
    if chosen is None:
        return
    report, compact = chosen
    document = _document(window)
    assert document is not None
    name = f"{report.title}{'（排名）' if compact else ''}.pdf"
    target = choose_output(window, "导出PDF", document.path.parent / name, PDF_FILTER, ".pdf", open_files(window))
    if target is None:
        return
    try:
        pages = write_pdf(report, target, compact=compact)
    except OutputError as error:
        ui.error(window, "导出失败", str(error))
        return
    window.exported(target, f"已导出「{target.name}」，共 {pages} 页")


def export_xlsx(window: MainWindow) -> None:
    """The attachment table of all groups as an Excel workbook, ready to print."""
    document = _document(window)
    if document is None:
        return
    from scoring.exchange.xlsx_export import write_xlsx

    report = window.report()
    suggested = document.path.parent / f"{report.title}.xlsx"
    target = choose_output(window, "导出 Excel 表格", suggested, XLSX_FILTER, ".xlsx", open_files(window))
    if target is None:
        return
    try:
        write_xlsx(report, target)
    except OutputError as error:
        ui.error(window, "导出失败", str(error))
        return
    window.exported(target, f"已导出「{target.name}」")


def export_csv(window: MainWindow) -> None:
    """The attachment table of all groups as CSV (UTF-8 with BOM, opens in Excel and WPS)."""
    document = _document(window)
    if document is None:
        return
    from scoring.exchange.csv_table import write_csv

    suggested = document.path.parent / f"{document.period.info.title}政务信息报送及采用情况.csv"
    target = choose_output(window, "导出 CSV 表格", suggested, "CSV 表格 (*.csv)", ".csv", open_files(window))
    if target is None:
        return
    try:
        write_csv(window.report(), target)
    except OutputError as error:
        ui.error(window, "导出失败", str(error))
        return
    window.exported(target, f"已导出「{target.name}」")


# -- helpers --------------------------------------------------------------------------------
def _document(window: MainWindow) -> PeriodDocument | None:
    return window.session.document if window.session is not None else None


def _choose(window: MainWindow, action: str) -> tuple[Report, bool] | None:
    """Ask which groups and which table; the report of those groups, and whether it is compact."""
    document = _document(window)
    if document is None:
        return None
    key = str(document.path)
    options = ask_options(window, document.period, action, _remembered.get(key))
    if options is None or not options.group_ids:
        return None
    _remembered[key] = options
    return window.report(options.group_ids), options.compact


def _printer(report: Report, compact: bool) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(report, compact))
    printer.setDocName(report.title)
    return printer


def _render_or_explain(window: MainWindow, report: Report, printer: QPrinter, compact: bool) -> int:
    try:
        return render(report, printer, compact=compact)
    except OutputError as error:
        ui.error(window, "打印失败", str(error))
        return 0
