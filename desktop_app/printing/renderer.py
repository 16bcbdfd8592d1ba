"""The one renderer behind 打印, 打印预览 and 导出PDF: a report drawn page by page on A4.

The whole report is laid out once as a QTextDocument at the paint device's resolution to
measure its parts; :mod:`pagination` decides what goes on each page (rows never split, the
header row and the group heading again at the top of each page a group runs onto); then each
page is its own small document, painted with a centred footer 第 x 页 共 y 页. Only QtGui is
used here (QPdfWriter, QTextDocument), so a PDF can be made without widgets, with the
offscreen platform and no display.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

from desktop_app.printing.page_html import (
    SANS_FAMILIES,
    SERIF_FAMILIES,
    TITLE_PARAGRAPHS,
    PageHtml,
    columns_for,
    wrap,
)
from desktop_app.printing.pagination import Heights, plan_pages
from desktop_app.printing.pdf_unicode import fix_pdf
from scoring.atomic import atomic_write
from scoring.errors import OutputError
from scoring.exchange.attachment_layout import BODY_POINTS, needs_landscape, table_width
from scoring.report import Report

if TYPE_CHECKING:  # QtPrintSupport needs QtWidgets; a PDF is made here without them
    from PySide6.QtPrintSupport import QPrinter

    # The devices pages are painted on: both have resolution(), QPagedPaintDevice itself does not.
    Device = QPdfWriter | QPrinter

MARGINS_MM = QMarginsF(15, 15, 15, 12)  # left, top, right, bottom
FOOTER_MM = 9.0
FOOTER_POINTS = 9
MIN_POINTS = 6.0
SAFETY_MM = 1.0  # pages are planned this much shorter than they are
PDF_RESOLUTION = 1200
CREATOR = "政务信息报送考核"

_application: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new windowless one (offscreen on Linux without a display)."""
    global _application
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):  # a QApplication is one too
        return existing
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "infoscore"])
    return _application


def installed(families: tuple[str, ...]) -> list[str]:
    """The families of ``families`` this computer has (asking for a missing one costs time and a warning)."""
    available = set(QFontDatabase.families())
    return [family for family in families if family in available]


def page_layout(report: Report, compact: bool) -> QPageLayout:
    """A4 with the printout's margins; landscape only when the table is too wide for portrait."""
    landscape = needs_landscape(columns_for(report, compact))
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)


def _body_font(report: Report, compact: bool, width_points: float) -> QFont:
    """宋体 at 11 pt, smaller if the table would not otherwise fit the page width."""
    columns = columns_for(report, compact)
    points = max(MIN_POINTS, min(BODY_POINTS, width_points / (table_width(columns) * 0.5)))
    font = QFont()
    font.setFamilies(installed(SERIF_FAMILIES) or [font.defaultFamily()])
    font.setPointSizeF(round(points * 2) / 2)
    return font


def _document(device: Device, font: QFont, width: float, html: str) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # fonts and 96-dpi lengths scaled to the device
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    document.setHtml(html)
    return document


def _top(document: QTextDocument, block: QTextBlock) -> float:
    return document.documentLayout().blockBoundingRect(block).top()


def _block(table: QTextTable, row: int, column: int) -> QTextBlock:
    return table.cellAt(row, column).firstCursorPosition().block()


def _row_marks(document: QTextDocument, table: QTextTable, column: int) -> list[float]:
    """Top of each unit row, then the bottom of the last one (header row 0 excluded).

    Measured on the unit column, the only one that wraps, so its text starts at the row's top.
    """
    layout = document.documentLayout()
    rects = [layout.blockBoundingRect(_block(table, row, column)) for row in range(1, table.rows())]
    # under each cell's text: the cell padding and the border, as between the first two rows
    if len(rects) > 1:
        under = rects[1].top() - rects[0].bottom()
    else:  # padding 1 px above and below, border 1 px (96-dpi pixels)
        under = 3 * document.documentLayout().paintDevice().logicalDpiY() / 96
    return [rect.top() for rect in rects] + [rects[-1].bottom() + under]


def measure(document: QTextDocument, report: Report, unit_column: int) -> Heights:
    """Heights of the title, headings, header rows, unit rows and notes of ``PageHtml.whole()``."""
    tables = (frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable))
    blocks = []
    block = document.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is None and block.text():
            blocks.append(block)
        block = block.next()
    paragraphs = iter(blocks[TITLE_PARAGRAPHS:])  # in order: 附件 and title, then per group its heading (and the note of
    # a group without units), then the cut-off date — as PageHtml.whole() writes them
    marks: list[tuple[str, int, float]] = [("title", 0, 0.0)]  # (part, group, top)
    for number, section in enumerate(report.sections):
        marks.append(("heading", number, _top(document, next(paragraphs))))
        if not section.rows:
            next(paragraphs)  # 本组没有参加排名的单位
        else:
            table = next(tables)
            marks.append(("header", number, _top(document, _block(table, 0, unit_column))))
            *rows, bottom = _row_marks(document, table, unit_column)
            marks += [("row", number, top) for top in rows] + [("gap", number, bottom)]
    notes = next(tables, None)
    if notes is not None:
        marks.append(("notes", 0, _top(document, _block(notes, 0, 0))))
    elif report.cutoff:
        marks.append(("notes", 0, _top(document, next(paragraphs))))
    ends = [top for _, _, top in marks[1:]] + [document.size().height()]
    groups = len(report.sections)
    heights = Heights(0.0, [0.0] * groups, [0.0] * groups, [[] for _ in range(groups)], 0.0)
    gap = 0.0  # the space under a table belongs to what follows it, not to its last row
    for (part, number, top), end in zip(marks, ends, strict=True):
        if part == "gap":
            gap = end - top
            continue
        size, gap = end - top + gap, 0.0
        if part == "title":
            heights = replace(heights, title=size)
        elif part == "heading":
            heights.headings[number] = size
        elif part == "header":
            heights.headers[number] = size
        elif part == "row":
            heights.rows[number].append(size)
        else:
            heights = replace(heights, notes=size)
    return heights


def build_pages(report: Report, device: Device, compact: bool) -> tuple[list[QTextDocument], QSizeF]:
    """One laid-out document per page, and the size of the page body above the footer."""
    layout = device.pageLayout()
    paint = layout.paintRectPixels(device.resolution())
    millimetre = device.resolution() / 25.4
    body = QSizeF(paint.width(), paint.height() - FOOTER_MM * millimetre)
    width_points = layout.paintRect(QPageLayout.Unit.Point).width()
    font = _body_font(report, compact, width_points)
    html = PageHtml(report, compact, tuple(installed(SANS_FAMILIES)), font.pointSizeF(), width_points)
    whole = _document(device, font, body.width(), html.whole())
    plan = plan_pages(measure(whole, report, 1 if compact else 0), body.height() - SAFETY_MM * millimetre)
    pages = []
    for page in plan:
        parts = [html.title()] if page.title else []
        for chunk in page.chunks:
            section = report.sections[chunk.section]
            parts += [html.heading(section, chunk.continued), html.table(section, chunk.start, chunk.stop)]
        if page.notes:
            parts.append(html.notes())
        pages.append(_document(device, font, body.width(), wrap(parts)))
    return pages, body


def paint_pages(pages: list[QTextDocument], body: QSizeF, device: Device) -> int:
    """Paint each page's document and its footer on ``device``; return the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OutputError("无法开始打印：打印机或输出文件不可用，请检查打印机设置后重试")
    try:
        footer_rect = QRectF(0, body.height(), body.width(), FOOTER_MM / 25.4 * device.resolution())
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
        context.palette = palette  # black on white, whatever the desktop's colour scheme
        for index, document in enumerate(pages):
            if index and not device.newPage():
                raise OutputError("打印中断：无法开始新的一页")
            height = document.size().height()
            painter.save()
            if height > body.height():  # measured a hair short: shrink rather than cut off
                painter.scale(body.height() / height, body.height() / height)
            context.clip = QRectF(0, 0, body.width(), height)
            document.documentLayout().draw(painter, context)
            painter.restore()
            footer_font = QFont(document.defaultFont())
            footer_font.setPointSizeF(FOOTER_POINTS)
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(footer_rect, Qt.AlignmentFlag.AlignCenter, f"第 {index + 1} 页 共 {len(pages)} 页")
        return len(pages)
    finally:
        painter.end()


def render(report: Report, device: Device, *, compact: bool = False) -> int:
    """Draw ``report`` on a printer, a preview or a PDF writer; return the number of pages."""
    pages, body = build_pages(report, device, compact)
    return paint_pages(pages, body, device)


def write_pdf(report: Report, path: str | os.PathLike[str], *, compact: bool = False) -> int:
    """Write ``report`` as an A4 PDF with embedded Chinese fonts, atomically; return the page count."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(report.title)
    writer.setCreator(CREATOR)
    writer.setPageLayout(page_layout(report, compact))
    pages = render(report, writer, compact=compact)
    del writer  # finishes the PDF in the buffer
    buffer.close()
    atomic_write(Path(path), fix_pdf(bytes(data.data())))
    return pages
