"""Excel workbooks built in the tests with openpyxl: the seed's published attachment and hostile files."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from tests.conftest import SEED_TABLE

TITLE = "附件：2023年上半年政务信息报送及采用情况"
ITEM_HEADERS = ("报送条目", "采用条目", "得分", "排名")
NOTES = (
    "注：1.采用得分中，未标注“*”的为以专报计分报送采用，标注“*”为以综合计分报送采用。",
    "2.得分相同的单位，以报送条目的数量依次先后排名。",
    "统计截止日期为2023年6月30日",
)


def seed_rows() -> tuple[list[str], list[dict[str, str]]]:
    with SEED_TABLE.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        channels = [name for name in reader.fieldnames or () if name not in ("分组", "单位", *ITEM_HEADERS)]
    return channels, rows


def _number(text: str) -> int | float | str:
    """Figures as Excel stores them: whole numbers as numbers (scores as floats), 5+1* as text."""
    return int(text) if text.isdigit() else text


def seed_workbook(target: Path, *, score_as_float: bool = True, group_column: bool = False) -> Path:
    """The seed's attachment as an office makes it in Excel.

    A merged title row; a two-row header whose parent 采用情况 is merged over the six channel
    names and whose other cells (单位, 报送条目, …) are merged over both header rows; a merged
    heading row before each group, repeating the two header rows before the second group;
    ``5+1*`` cells as text; notes under the table. With ``group_column`` there is a 分组 column
    instead of heading rows, its cell merged down beside all units of the group.
    """
    channels, rows = seed_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "附件"
    first = 2 if group_column else 1  # column of 单位
    width = first + len(channels) + len(ITEM_HEADERS)
    sheet.cell(1, 1, TITLE)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)

    def header(at: int) -> None:
        top = (["分组"] if group_column else []) + ["单位", "采用情况"] + [None] * (len(channels) - 1) + list(ITEM_HEADERS)
        for column, text in enumerate(top, start=1):
            sheet.cell(at, column, text)
        for offset, name in enumerate(channels):
            sheet.cell(at + 1, first + 1 + offset, name)
        sheet.merge_cells(start_row=at, start_column=first + 1, end_row=at, end_column=first + len(channels))
        for column in [*range(1, first + 1), *range(first + len(channels) + 1, width + 1)]:
            sheet.merge_cells(start_row=at, start_column=column, end_row=at + 1, end_column=column)
            sheet.cell(at, column).alignment = Alignment(vertical="center", wrap_text=True)

    line = 2
    header(line)
    line += 2
    group = None
    group_start = line
    for row in rows:
        if row["分组"] != group:
            if group_column and group is not None:
                sheet.merge_cells(start_row=group_start, start_column=1, end_row=line - 1, end_column=1)
            if group is not None and not group_column:
                line += 1  # a blank row between the sections
                header(line)
                line += 2
            group = row["分组"]
            if not group_column:
                sheet.cell(line, 1, group)
                sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
                line += 1
            group_start = line
        values: list[object] = [group] if group_column and line == group_start else ([None] if group_column else [])
        values += [row["单位"], *(_number(row[c]) for c in channels)]
        values += [_number(row["报送条目"]), _number(row["采用条目"])]
        values += [float(row["得分"]) if score_as_float else _number(row["得分"]), _number(row["排名"])]
        for column, value in enumerate(values, start=1):
            sheet.cell(line, column, value)
        line += 1
    if group_column:
        sheet.merge_cells(start_row=group_start, start_column=1, end_row=line - 1, end_column=1)
    line += 1
    for note in NOTES:
        sheet.cell(line, 1, note)
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
        line += 1
    book.save(target)
    return target


def simple_workbook(target: Path, rows: list[list[object]], *, sheet_title: str = "Sheet1") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    book.save(target)
    return target


def replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    """A copy of the workbook ``source`` with one zip part replaced (for hostile variants)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, data if info.filename == part else old.read(info.filename))
    return target


BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>单位</t></is></c><c r="B1" t="inlineStr"><is><t>报送条目</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c><c r="B2"><v>1</v></c></row>
</sheetData></worksheet>""".encode()
