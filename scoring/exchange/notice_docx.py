"""The notice draft (通报草稿) as a Word document, laid out after GB/T 9704.

What follows from the period is filled in: the title, the paragraph naming the commended and
criticised units of every group, a 特别说明 for every unit a person put on or took off a list
(with the reason stored with the decision), the attachment line, and the attachment table on
a page of its own. What only the office can say — the problems seen and the requirements for
the next period, the issuing office and the date — is left as highlighted 【…】 fill-in prompts on
purpose: this is a draft for a person to finish in Word or WPS, not a finished notice.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from scoring.atomic import atomic_save
from scoring.exchange import docx_style as style
from scoring.model import Period
from scoring.names import xml_safe
from scoring.notice import basic_situation, notice_title, special_note
from scoring.report import (
    ADOPTED_HEADER,
    SUBMITTED_HEADER,
    UNIT_HEADER,
    Report,
    build_report,
    result_headers,
)
from scoring.standings import Standings

PORTRAIT_COLUMNS = 11  # 单位, six channels, 报送条目, 采用条目, 得分, 排名 fit an upright A4 page
ROW_HEIGHT = Mm(5.5)
CELL_PADDING = Pt(4)
TWIP = 635  # EMU  # both cell margins of docx_style.fix_column_widths together
_PLACEHOLDER = re.compile(r"(【[^】]*】)")
_TITLE_BREAKS = ("及采用情况的通报", "政务信息报送")  # where a long title turns the line, best first


def write_notice(period: Period, standings: Standings, path: str | os.PathLike[str]) -> None:
    """Write the notice draft for ``period`` to ``path`` (.docx), replacing it in one step."""
    document = build_notice(period, standings)
    target = Path(path)
    atomic_save(target, document.save)


def build_notice(period: Period, standings: Standings) -> Document:
    document = new_document()
    style.define_styles(document)
    main = document.sections[0]
    style.set_page(main)
    style.add_page_numbers(document, main)
    report = build_report(period, standings)
    _set_properties(document, period)
    last = _write_letter(document, period, standings, report)
    landscape = 1 + len(report.channels) + 4 > PORTRAIT_COLUMNS
    attachment = style.end_section_at(last, document)
    style.set_page(attachment, landscape=landscape)
    listing = _adopted_listing(period)
    _write_attachment(document, report, style.text_width(attachment), "附件1" if listing else "附件")
    if listing:  # 附件2: the adopted items per unit, from the item ledger
        label = _paragraph(document, "附件2", style.ATTACHMENT_LABEL_STYLE)
        label.paragraph_format.page_break_before = True
        _paragraph(document, listing[0], style.TABLE_TITLE_STYLE)
        header, body = listing[1][0], listing[1][1:]
        width = style.text_width(attachment)
        widths = [int(width * share) for share in (0.14, 0.34, 0.11, 0.23, 0.10, 0.08)]
        _table(document, "按单位列出被采用或获领导批示的信息条目", header, body, widths)
    return document


def _adopted_listing(period: Period) -> tuple[str, list[list[str]]] | None:
    """The 采用条目清单 (title, rows with header) when the period has adopted items, else None."""
    from scoring.item_outputs import adopted_item_rows

    rows = adopted_item_rows(period) if period.items else []
    return (f"{period.info.title}各单位信息采用条目清单", rows) if len(rows) > 1 else None


def _set_properties(document: Document, period: Period) -> None:
    properties = document.core_properties
    properties.title = xml_safe(notice_title(period))
    properties.subject = xml_safe(f"{period.info.title}政务信息报送及采用情况")
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = "通报草稿：【】中的内容请填写后删除提示"
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.revision = 1


def _paragraph(document: Document, text: str, style_name: str) -> Paragraph:
    """A paragraph whose 【…】 parts are highlighted fill-in prompts for the clerk.

    Every text of the notice passes through :func:`xml_safe`: a name saved before the
    program refused control characters must not stop the draft from being written.
    """
    paragraph = document.add_paragraph(style=document.styles[style_name])
    for part in _PLACEHOLDER.split(xml_safe(text)):
        if part:
            run = paragraph.add_run(part)
            if _PLACEHOLDER.fullmatch(part):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _width_in_em(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _title_lines(title: str, capacity_em: float) -> list[str]:
    """The title on one line if it fits, else turned where the meaning allows (GB/T 9704 7.3.2)."""
    if _width_in_em(title) <= capacity_em:
        return [title]
    for before in _TITLE_BREAKS:
        at = title.rfind(before)
        if at > 0 and _width_in_em(title[:at]) <= capacity_em and _width_in_em(title[at:]) <= capacity_em:
            return [title[:at], title[at:]]
    return [title]


def _write_letter(document: Document, period: Period, standings: Standings, report: Report) -> Paragraph:
    """The notice itself; returns its last paragraph."""
    capacity = style.text_width(document.sections[0]) / style.SIZE_2
    title = document.add_paragraph(style=document.styles[style.TITLE_STYLE])
    for number, line in enumerate(_title_lines(notice_title(period), capacity)):
        if number:
            title.add_run().add_break()
        title.add_run(xml_safe(line))
    _paragraph(document, "", style.PLAIN_STYLE)
    info = period.info
    _paragraph(document, f"根据工作安排，现将全市{info.title}政务信息报送及采用情况通报如下：", style.BODY_STYLE)
    _paragraph(document, "一、基本情况", style.HEADING1_STYLE)
    situation = basic_situation(period, standings)
    _paragraph(document, situation + special_note(period, standings), style.BODY_STYLE)
    for heading, what in (("二、当前存在的问题", "存在的问题"), ("三、下阶段工作要求", "下阶段工作要求")):
        _paragraph(document, heading, style.HEADING1_STYLE)
        _paragraph(document, "（一）【请在此填写小标题】", style.HEADING2_STYLE)
        last_text = _paragraph(
            document,
            f"【请在此填写{what}。需要更多条目时复制上面的小标题和本段，依次编为（二）（三）……】",
            style.BODY_STYLE,
        )
    closing = [
        _paragraph(document, "", style.BODY_STYLE),
        *(
            [_paragraph(document, f"附件：1. {report.title}", style.BODY_STYLE),
             _paragraph(document, f"　　　2. {listing[0]}", style.BODY_STYLE)]
            if (listing := _adopted_listing(period))
            else [_paragraph(document, f"附件：{report.title}", style.BODY_STYLE)]
        ),
        *(_paragraph(document, "", style.PLAIN_STYLE) for _ in range(2)),  # the seal presses on what follows
    ]
    signature = _paragraph(document, "【发文机关署名】", style.PLAIN_STYLE)
    date = _paragraph(document, "【成文日期，如2023年8月30日】", style.PLAIN_STYLE)
    for paragraph, chars in ((signature, 6), (date, 4)):  # 成文日期右空四字, 署名居于日期之上
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(style.SIZE_3.pt * chars)
    # Signature and date never stand alone on a page: they keep the attachment line and the
    # last paragraph of the text with them (GB/T 9704 7.3.5).
    for paragraph in (last_text, *closing, signature):
        paragraph.paragraph_format.keep_with_next = True
    return date


def _write_attachment(document: Document, report: Report, width: int, label: str = "附件") -> None:
    _paragraph(document, label, style.ATTACHMENT_LABEL_STYLE)
    _paragraph(document, report.title, style.TABLE_TITLE_STYLE)
    widths = _column_widths(report, width)
    for number, section in enumerate(report.sections):
        if number:
            spacer = _paragraph(document, "", style.TABLE_TEXT_STYLE)  # keeps the tables apart in Word
            spacer.paragraph_format.line_spacing = Pt(10)
        header = [UNIT_HEADER, *report.channels, SUBMITTED_HEADER, ADOPTED_HEADER, *report.events, *result_headers(report)]
        body = [
            [row.unit, *row.adoptions, str(row.submitted), str(row.adopted), *row.events, *row.result_cells]
            for row in section.rows
        ]
        _table(document, section.title, header, body, widths)
    for number, note in enumerate(report.notes):
        paragraph = _paragraph(document, f"注：{note}" if number == 0 else note, style.NOTE_STYLE)
        indent = Pt(style.SIZE_SMALL_4.pt * 2)  # the width of 注：
        paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.keep_with_next = True  # the notes and the cut-off date stay together
        if number == 0:
            paragraph.paragraph_format.first_line_indent = -indent
            paragraph.paragraph_format.space_before = Pt(6)
    if report.cutoff:
        cutoff = _paragraph(document, report.cutoff, style.NOTE_STYLE)
        cutoff.paragraph_format.space_before = Pt(6)


def _column_widths(report: Report, width: int) -> list[int]:
    """单位 as wide as the longest name (within limits); 报送条目 … 排名 as wide as their figures and
    a two-character header line; the channel columns share the rest, their long names wrapping."""
    rows = report.all_rows()
    longest = max((_width_in_em(row.unit) for row in rows), default=2.0)
    width = _whole_twips(width)
    unit = max(Mm(24), min(int(Pt((longest + 0.5) * style.SIZE_5.pt) + CELL_PADDING), int(width * 0.32)))
    figures = [
        max([2 * style.SIZE_SMALL_5.pt, *(_width_in_em(text) * style.SIZE_5.pt for text in column)])
        for column in zip(*[(str(r.submitted), str(r.adopted), *r.events, *r.result_cells) for r in rows], strict=True)
    ] or [2 * style.SIZE_SMALL_5.pt] * (2 + len(report.events) + len(result_headers(report)))
    fixed = [_whole_twips(Pt(points + 3) + CELL_PADDING) for points in figures]
    channels = len(report.channels)
    share = _whole_twips((width - unit - sum(fixed)) // max(channels, 1))
    return [width - share * channels - sum(fixed), *([share] * channels), *fixed]


def _whole_twips(emu: float) -> int:
    """Word stores widths in twentieths of a point; round down so the columns never outgrow the page."""
    return int(emu) // TWIP * TWIP


def _cell_text(cell: _Cell, text: str, style_id: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # by id: python-docx's style setter searches the styles every time
    paragraph.add_run(xml_safe(text))
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _table(document: Document, title: str, header: list[str], body: list[list[str]], widths: list[int]) -> Table:
    """One group: its name across the top, the column names, then one row per unit in rank order.

    The first two rows repeat at the top of every page the group runs onto.
    """
    table: Table = document.add_table(rows=2 + len(body), cols=len(header))
    table.style = document.styles["Table Grid"]
    style.fix_column_widths(table, widths)
    rows = table.rows
    head_id = document.styles[style.TABLE_HEAD_STYLE].style_id
    text_id = document.styles[style.TABLE_TEXT_STYLE].style_id
    heading = rows[0].cells[0].merge(rows[0].cells[-1])
    _cell_text(heading, title, head_id)
    heading.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    heading.paragraphs[0].runs[0].font.size = style.SIZE_5
    for cell, text in zip(rows[1].cells, header, strict=True):
        _cell_text(cell, text, head_id)
    for row, values in zip(rows[2:], body, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _cell_text(cell, text, text_id)
    for number, row in enumerate(rows):
        style.keep_row_whole(row)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.height = ROW_HEIGHT
        if number < 2:
            style.repeat_as_header(row)
            for paragraph in row.cells[0].paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return table
