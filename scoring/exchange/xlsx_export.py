"""The attachment table (附件) as an Excel workbook that prints right when opened in Excel/WPS.

Layout of the published notice: 「附件」, a title row; per group a heading row (一、市政府各部门) and
the header row (单位, channels, 报送条目, 采用条目, 得分, 排名); units in rank order, each group
from a new page; then the
notes (注：1. … 2. …) and the 统计截止日期 sentence. Page setup: A4, all columns fitted to one
page width, the header row repeated at the top of every printed page, 第 x 页 共 y 页 in the
footer. Written cells such as ``5+1*`` stay text; 得分, 排名 and the item counts are numbers.
A report with explanations gets a second sheet, 得分明细, with every unit's score in named parts.
Every text comes from the report and is stored as text, so a unit typed as ``=1+1`` never
becomes a formula.
"""

from __future__ import annotations

import math
import os
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scoring.atomic import atomic_save
from scoring.exchange.attachment_layout import (
    ATTACHMENT_LABEL,
    Column,
    display_width,
    full_columns,
    needs_landscape,
    note_lines,
)
from scoring.names import xml_safe
from scoring.report import Report, ReportRow

SHEET_TITLE = "附件"
DETAILS_TITLE = "得分明细"  # added when the report carries explanations (schemes with rules, accumulated periods)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
TITLE_POINTS = 18
HEADING_POINTS = 12
BODY_POINTS = 11
LINE_HEIGHT = 14.5  # points per line of 11 pt 宋体
ROW_HEIGHT = 20.0
# A half-width character of 11 pt 宋体 is 7.33 px; Excel's width unit is the '0' of the default
# font (Calibri 11, 7 px) plus 5 px of cell padding.
WIDTH_PER_CELL = 7.33 / 7
INCHES_PER_MM = 1 / 25.4

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
ATTACHMENT_STYLE = Font(name=HEADING_FONT, size=16)  # 三号黑体 (GB/T 9704)
TITLE_STYLE = Font(name=BODY_FONT, size=TITLE_POINTS, bold=True)
HEADING_STYLE = Font(name=HEADING_FONT, size=HEADING_POINTS)
HEADER_STYLE = Font(name=BODY_FONT, size=BODY_POINTS, bold=True)
BODY_STYLE = Font(name=BODY_FONT, size=BODY_POINTS)


def write_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    """Write ``report`` as the attachment workbook, replacing ``path`` atomically."""
    workbook = build_workbook(report)
    target = Path(path)
    atomic_save(target, workbook.save)


def build_workbook(report: Report) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet, active
    sheet.title = SHEET_TITLE
    workbook.properties.title = xml_safe(report.title)
    workbook.properties.creator = "政务信息报送考核"
    columns = full_columns(report)
    last = len(columns)
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = round(column.width * WIDTH_PER_CELL + 0.7, 2)

    row = 1
    _banner(sheet, row, last, ATTACHMENT_LABEL, ATTACHMENT_STYLE, Alignment(horizontal="left", vertical="center"), 24)
    row += 1
    _banner(sheet, row, last, report.title, TITLE_STYLE, Alignment(horizontal="center", vertical="center"), 36)
    first_header = 0
    for section in report.sections:
        if first_header:  # every group after the first starts on a new printed page
            sheet.row_breaks.append(Break(id=row))
        row += 1
        _banner(sheet, row, last, section.title, HEADING_STYLE, Alignment(horizontal="left", vertical="center"), 24)
        row += 1
        _header_row(sheet, row, columns)
        first_header = first_header or row
        for report_row in section.rows:
            row += 1
            _unit_row(sheet, row, report_row, columns, report.has_rank_change)
    capacity = sum(c.width for c in columns) - 2
    for note in note_lines(report):
        row += 1
        lines = max(1, math.ceil(display_width(note) / capacity))
        _banner(sheet, row, last, note, BODY_STYLE, LEFT, lines * LINE_HEIGHT + 4)
    if report.cutoff:
        row += 1
        _banner(sheet, row, last, report.cutoff, BODY_STYLE, LEFT, ROW_HEIGHT)
    _page_setup(sheet, columns, first_header, row)
    if report.details:
        _details_sheet(workbook, report)
    return workbook


def _text(cell: Cell | MergedCell, value: str) -> None:
    """Store ``value`` as text whatever it looks like (``=1+1`` stays the four characters).

    Characters a workbook cannot hold (a control character in a name saved before the
    program refused them) are dropped rather than stopping the export.
    """
    cell.value = xml_safe(value)
    cell.data_type = "s"


def _banner(sheet: Worksheet, row: int, last: int, text: str, font: Font, alignment: Alignment, height: float) -> None:
    """A line of text across the whole table width (title, group heading, note)."""
    cell = sheet.cell(row=row, column=1)
    _text(cell, text)
    cell.font = font
    cell.alignment = alignment
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    sheet.row_dimensions[row].height = height


def _header_row(sheet: Worksheet, row: int, columns: list[Column]) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=number)
        _text(cell, column.header)
        cell.font = HEADER_STYLE
        cell.alignment = CENTRED
        cell.border = BORDER
    lines = max(column.header.count("\n") + 1 for column in columns)
    sheet.row_dimensions[row].height = max(ROW_HEIGHT, lines * LINE_HEIGHT + 6)


def _number(value: Decimal | int) -> Decimal | int:
    """A whole number as int (``228``), otherwise the exact decimal (``2.5``) — never a float."""
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _unit_row(sheet: Worksheet, row: int, data: ReportRow, columns: list[Column], rank_change: bool) -> None:
    values: list[str | int | Decimal] = [data.unit]
    values += [int(text) if text.isdigit() else text for text in data.adoptions]
    values += [data.submitted, data.adopted, *(int(count) for count in data.events)]
    values += [_result_value(text) for text in data.result_cells]  # 得分, 排名 (本期得分…, 达标 是/否)
    if rank_change:  # compared with an earlier period: 排名变化 as text (↑3, ↓2, —, 新)
        values.append(data.rank_change)
    for number, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=number)
        if isinstance(value, str):
            _text(cell, value)
        else:
            cell.value = value
        cell.font = BODY_STYLE
        cell.alignment = CENTRED
        cell.border = BORDER
    unit = columns[0]
    lines = math.ceil(display_width(data.unit) / (unit.width - 2)) if unit.wraps else 1
    sheet.row_dimensions[row].height = max(ROW_HEIGHT, lines * LINE_HEIGHT + 6)


def _result_value(text: str) -> str | int | Decimal:
    try:
        return _number(Decimal(text)) if text and text[0].isdigit() or text[:1] == "-" else text
    except ArithmeticError:
        return text


def _details_sheet(workbook: Workbook, report: Report) -> None:
    """得分明细: every unit's score as named parts (名称, 计算, 得分), under the one-line explanation."""
    sheet = workbook.create_sheet(DETAILS_TITLE)
    widths = (36, 40, 12, 12)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    row = 1
    _banner(sheet, row, len(widths), f"{report.title}（得分明细）", TITLE_STYLE, Alignment(horizontal="center"), 30)
    for detail in report.details:
        row += 1
        _banner(sheet, row, len(widths), f"{detail.group}　{detail.unit}：{detail.text}", HEADING_STYLE, LEFT, 34)
        row += 1
        for number, header in enumerate(("计分项", "计算", "得分"), start=1):
            cell = sheet.cell(row=row, column=number)
            _text(cell, header)
            cell.font, cell.border, cell.alignment = HEADER_STYLE, BORDER, CENTRED
        for name, how, points in detail.lines:
            row += 1
            for number, value in enumerate((name, how, _number(points)), start=1):
                cell = sheet.cell(row=row, column=number)
                if isinstance(value, str):
                    _text(cell, value)
                else:
                    cell.value = value
                cell.font, cell.border = BODY_STYLE, BORDER
                cell.alignment = LEFT if number < 3 else CENTRED


def _page_setup(sheet: Worksheet, columns: list[Column], header_row: int, last_row: int) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if needs_landscape(columns) else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    mm = INCHES_PER_MM
    sheet.page_margins = PageMargins(left=15 * mm, right=15 * mm, top=18 * mm, bottom=18 * mm, header=8 * mm, footer=8 * mm)
    sheet.print_options.horizontalCentered = True
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_area = f"A1:{get_column_letter(len(columns))}{last_row}"
    odd_footer = sheet.oddFooter
    assert odd_footer is not None  # openpyxl gives every worksheet its header and footer parts
    footer = odd_footer.center
    footer.text = "第 &P 页 共 &N 页"
    footer.font = BODY_FONT
    footer.size = 10
