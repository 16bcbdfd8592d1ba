"""Page, fonts and paragraph styles of an official document (公文) after GB/T 9704, for python-docx.

Chinese Word and WPS pick a run's Chinese font from ``w:eastAsia`` of ``w:rFonts`` and its
Latin font (digits, letters) from ``w:ascii``/``w:hAnsi``; theme attributes would override
both, so every font set here removes them. Whether the named font is installed is the
reader's business: Word and WPS substitute a similar one.
"""

from __future__ import annotations

import copy

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

# Fonts and sizes named as GB/T 9704 names them: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
SIZE_2 = Pt(22)
SIZE_3 = Pt(16)
SIZE_4 = Pt(14)
SIZE_SMALL_4 = Pt(12)
SIZE_5 = Pt(10.5)
SIZE_SMALL_5 = Pt(9)
BODY_LINE = Pt(28.95)  # 22 lines on the 225 mm type area
TITLE_LINE = Pt(35)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)

# Style names as the clerk sees them in Word's style list.
TITLE_STYLE = "公文标题"
BODY_STYLE = "公文正文"
HEADING1_STYLE = "Heading 1"  # 标题 1: keeps Word's outline and navigation pane
HEADING2_STYLE = "Heading 2"
PLAIN_STYLE = "公文无缩进"
ATTACHMENT_LABEL_STYLE = "附件标识"
TABLE_TITLE_STYLE = "附件标题"
TABLE_TEXT_STYLE = "表格文字"
TABLE_HEAD_STYLE = "表格表头"
NOTE_STYLE = "表注"
FOOTER_STYLE = "页码"

_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Schema order of the children this module creates (ECMA-376 Part 1, 17.4 and 17.3.2).
_ORDER = {
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:trPr": ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang"),
    "w:tblCellMar": ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"),
}


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The child ``tag`` of ``parent``, created in its schema position if missing (Word insists)."""
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        order = next((tags for name, tags in _ORDER.items() if parent.tag == qn(name)), (tag,))
        later = {qn(t) for t in order[order.index(tag) + 1 :]}
        successor = next((child for child in parent if child.tag in later), None)
        if successor is None:
            parent.append(found)
        else:
            successor.addprevious(found)
    return found


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the Chinese and the Latin font of a run or style's ``w:rPr``."""
    fonts = _child(rpr, "w:rFonts")
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def _defaults(document: Document) -> None:
    """Document defaults: 仿宋 三号, Chinese language, no paragraph spacing, fixed line pitch."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, BODY_FONT)
    for tag, value in (("w:sz", "32"), ("w:szCs", "32")):
        _child(rpr, tag).set(qn("w:val"), value)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = _child(ppr, "w:spacing")
    spacing.attrib.clear()
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(BODY_LINE.twips))
    spacing.set(qn("w:lineRule"), "exact")


def _indent_chars(style: ParagraphStyle, first_line_chars: int, size: Pt) -> None:
    """First-line indent of ``first_line_chars`` characters (w:firstLineChars, with twips for old readers)."""
    style.paragraph_format.first_line_indent = Pt(size.pt * first_line_chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))


def _paragraph_style(
    document: Document,
    name: str,
    font: str,
    size: Pt,
    *,
    line: Pt | None = BODY_LINE,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent_chars: int = 0,
    bold: bool = False,
) -> ParagraphStyle:
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)  # a paragraph style by name or by construction
    style.base_style = styles["Normal"]
    rpr = style.element.get_or_add_rPr()
    for unwanted in ("w:color", "w:b", "w:bCs", "w:i", "w:iCs", "w:spacing", "w:kern"):
        for element in rpr.findall(qn(unwanted)):
            rpr.remove(element)
    set_fonts(rpr, font)
    style.font.size = size
    style.font.bold = bold
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    if line is None:
        paragraph.line_spacing = 1.0
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = line
    if align is not None:
        paragraph.alignment = align
    if indent_chars:
        _indent_chars(style, indent_chars, size)
    link = style.element.find(qn("w:link"))
    if link is not None:  # Word's linked character style (标题 1 字符) would bring the theme's blue back
        linked = document.styles.element.get_by_id(link.get(qn("w:val")))
        if linked is not None and linked.rPr is not None:
            linked.remove(linked.rPr)
    style.quick_style = True
    return style


def define_styles(document: Document) -> None:
    """Every style the notice uses; the clerk's new paragraphs after body text stay body text."""
    _defaults(document)
    center, left, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
    title = _paragraph_style(document, TITLE_STYLE, TITLE_FONT, SIZE_2, line=TITLE_LINE, align=center)
    title.paragraph_format.keep_together = True
    title.paragraph_format.keep_with_next = True
    body = _paragraph_style(document, BODY_STYLE, BODY_FONT, SIZE_3, align=justify, indent_chars=2)
    _paragraph_style(document, PLAIN_STYLE, BODY_FONT, SIZE_3, align=justify)
    for name, font in ((HEADING1_STYLE, HEADING1_FONT), (HEADING2_STYLE, HEADING2_FONT)):
        heading = _paragraph_style(document, name, font, SIZE_3, align=justify, indent_chars=2)
        heading.paragraph_format.keep_with_next = True
        heading.next_paragraph_style = body
    title.next_paragraph_style = body
    _paragraph_style(document, ATTACHMENT_LABEL_STYLE, HEADING1_FONT, SIZE_3, align=left)
    table_title = _paragraph_style(document, TABLE_TITLE_STYLE, TITLE_FONT, SIZE_2, line=TITLE_LINE, align=center)
    table_title.paragraph_format.space_after = Pt(10)
    table_title.paragraph_format.keep_with_next = True
    _paragraph_style(document, TABLE_TEXT_STYLE, BODY_FONT, SIZE_5, line=Pt(14), align=center)
    _paragraph_style(document, TABLE_HEAD_STYLE, HEADING1_FONT, SIZE_SMALL_5, line=Pt(12), align=center)
    note = _paragraph_style(document, NOTE_STYLE, BODY_FONT, SIZE_SMALL_4, line=Pt(20), align=justify)
    note.paragraph_format.widow_control = True
    _paragraph_style(document, FOOTER_STYLE, PAGE_NUMBER_FONT, SIZE_4, line=None)
    # The page-number font is also its Latin font: GB/T 9704 asks for 半角宋体 digits.
    set_fonts(document.styles[FOOTER_STYLE].element.get_or_add_rPr(), PAGE_NUMBER_FONT, PAGE_NUMBER_FONT)


def set_page(section: Section, *, landscape: bool = False) -> None:
    """A4 with the GB/T 9704 margins; a landscape page turns them with the paper."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)  # the page number sits 7 mm under the type area (GB/T 9704 7.5)


def text_width(section: Section) -> int:
    """Width of the type area in EMU."""
    # set_page sets all three; the fallbacks only serve a section it has not seen (portrait A4)
    width = section.page_width or PAGE_WIDTH
    return width - (section.left_margin or MARGIN_LEFT) - (section.right_margin or MARGIN_RIGHT)


def _page_field(paragraph: Paragraph) -> None:
    """``— N —``: the current page number as a field Word and WPS update themselves."""
    paragraph.add_run("— ")
    parts: tuple[tuple[str | None, str], ...] = (("begin", ""), (None, " PAGE "), ("separate", ""), (None, "1"), ("end", ""))
    for kind, text in parts:
        run = paragraph.add_run()
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" —")


def add_page_numbers(document: Document, section: Section) -> None:
    """Page numbers as GB/T 9704 places them: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    one_char = SIZE_4
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[FOOTER_STYLE]
        paragraph.alignment = align
        if align is WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = one_char
        else:
            paragraph.paragraph_format.left_indent = one_char
        _page_field(paragraph)


def end_section_at(paragraph: Paragraph, document: Document) -> Section:
    """Make ``paragraph`` the last one of the current section; what follows starts on a new page.

    Returns the new (last) section, which inherits the page numbers of the one before.
    """
    sentinel = document.element.body.get_or_add_sectPr()
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(copy.deepcopy(sentinel), "w:pPrChange")
    for reference in sentinel.xpath("w:headerReference|w:footerReference"):
        sentinel.remove(reference)
    section = document.sections[-1]
    section.start_type = WD_SECTION.NEW_PAGE
    return section


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto (w:tblHeader)."""
    _child(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_whole(row: _Row) -> None:
    _child(row._tr.get_or_add_trPr(), "w:cantSplit")


def fix_column_widths(table: Table, widths: list[int]) -> None:
    """Fixed layout with the given column widths (EMU), set both on the grid and on every cell."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = _child(tblpr, "w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    width = _child(tblpr, "w:tblW")
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(widths) // 635))
    margins = _child(tblpr, "w:tblCellMar")
    for side in ("left", "right"):
        margin = _child(margins, f"w:{side}")
        margin.set(qn("w:w"), "40")  # 0.7 mm: narrow number columns keep three characters a line
        margin.set(qn("w:type"), "dxa")
    for column, width_emu in zip(table.columns, widths, strict=True):
        column.width = Emu(width_emu)
    for tr in table._tbl.tr_lst:  # before any merge: one w:tc per column
        for tc, width_emu in zip(tr.tc_lst, widths, strict=True):
            tc.width = Emu(width_emu)
