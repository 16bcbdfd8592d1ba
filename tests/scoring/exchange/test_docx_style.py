"""GB/T 9704 page, fonts and table settings of the Word notice, as Word and WPS read them back."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from scoring.exchange.docx_style import (
    BODY_FONT,
    BODY_STYLE,
    FOOTER_STYLE,
    TITLE_FONT,
    TITLE_STYLE,
    add_page_numbers,
    define_styles,
    end_section_at,
    fix_column_widths,
    keep_row_whole,
    repeat_as_header,
    set_page,
    text_width,
)


def _reopened(document, tmp_path: Path):
    document.save(tmp_path / "通报.docx")
    return Document(tmp_path / "通报.docx")


def _fonts(style) -> dict[str, str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {name: fonts.get(qn(f"w:{name}")) for name in ("eastAsia", "ascii", "hAnsi")}


def test_a4_margins_turn_with_a_landscape_page(tmp_path: Path) -> None:
    document = Document()
    section = document.sections[0]
    set_page(section)
    portrait = (section.page_width, section.page_height, text_width(section))
    assert round(section.page_width.mm) == 210 and section.orientation == WD_ORIENT.PORTRAIT
    set_page(section, landscape=True)
    assert (section.page_width, section.page_height) == portrait[1::-1] and section.orientation == WD_ORIENT.LANDSCAPE
    assert text_width(section) > portrait[2]


def test_styles_name_the_chinese_and_the_latin_font_without_theme_fonts(tmp_path: Path) -> None:
    document = Document()
    define_styles(document)
    reopened = _reopened(document, tmp_path)
    assert _fonts(reopened.styles[TITLE_STYLE]) == {"eastAsia": TITLE_FONT, "ascii": "Times New Roman", "hAnsi": "Times New Roman"}
    assert _fonts(reopened.styles[BODY_STYLE])["eastAsia"] == BODY_FONT
    assert _fonts(reopened.styles[FOOTER_STYLE]) == {"eastAsia": "宋体", "ascii": "宋体", "hAnsi": "宋体"}
    theme = reopened.styles[BODY_STYLE].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme"))
    assert theme is None


def test_page_numbers_alternate_sides_and_a_new_section_starts_a_new_page(tmp_path: Path) -> None:
    document = Document()
    define_styles(document)
    add_page_numbers(document, document.sections[0])
    first = document.add_paragraph("正文")
    document.add_paragraph("附件")
    new = end_section_at(first, document)
    reopened = _reopened(document, tmp_path)
    assert len(reopened.sections) == 2 and new.start_type == reopened.sections[1].start_type
    footer = reopened.sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —" and "PAGE" in footer._p.xml
    assert reopened.sections[0].even_page_footer.paragraphs[0].text == "— 1 —"


def test_table_rows_repeat_stay_whole_and_columns_keep_their_widths(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=3)
    repeat_as_header(table.rows[0])
    keep_row_whole(table.rows[1])
    widths = [Mm(40), Mm(20), Mm(20)]
    fix_column_widths(table, widths)
    reopened = _reopened(document, tmp_path).tables[0]
    assert reopened.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert reopened.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert [round(cell.width.mm) for cell in reopened.rows[1].cells] == [40, 20, 20]  # (Word stores twips)
    assert reopened._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
