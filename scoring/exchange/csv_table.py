"""The attachment table as CSV: read (UTF-8 with or without BOM, GBK, UTF-16) and write.

The written layout is the interchange layout of the seed table: 分组, 单位, one column per
channel, 报送条目, 采用条目, 加减分, 得分, 排名 (then 排名变化 when compared with an earlier
period) — UTF-8 with BOM so that Excel and WPS on
Chinese Windows open it correctly; rows in rank order within each group. A text cell that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) is written with a
leading ``'``, which the import removes again; numbers such as ``-2`` stay numbers.

Reading is bounded like the Excel import (file size, rows, columns, non-empty cells) plus a
length per cell; a quote left open, which would swallow the rest of the file into one cell,
is refused naming its row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from pathlib import Path

from scoring.atomic import atomic_write
from scoring.errors import EditError
from scoring.exchange.grid import ParsedTable, parse_grid
from scoring.exchange.headers import column_letter
from scoring.exchange.xlsx_table import MAX_CELLS, MAX_COLUMNS, MAX_ROWS
from scoring.report import (
    ADJUSTMENT_HEADER,
    ADOPTED_HEADER,
    CLASS_HEADER,
    GROUP_HEADER,
    RANK_CHANGE_HEADER,
    SUBMITTED_HEADER,
    UNIT_HEADER,
    Report,
    result_headers,
)

MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 2000  # one cell (a unit name is at most 50 characters, a note a paragraph)
MAX_CELL_LINES = 10  # a header or note cell may be broken over a few lines, not more
_ENCODINGS = ("utf-8", "gb18030")  # gb18030 is a superset of GBK, what WPS/Excel save on Chinese Windows
_SAVE_AS = "请在 Excel/WPS 中另存为“CSV UTF-8”或“CSV（逗号分隔）”"
# A cell that a spreadsheet would run as a formula (OWASP "CSV injection"); an exported text cell
# starting like this gets a leading ' (how Excel and WPS mark text), removed again on import.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def decode(data: bytes, source: str) -> str:
    """Decode CSV bytes: a BOM decides; otherwise UTF-8, then GBK (as gb18030)."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as error:
            try:
                return body.decode("gb18030")  # some tools put a UTF-8 BOM before GBK text
            except UnicodeDecodeError:
                line = _line_at(body[: error.start].decode("utf-8", errors="replace"), error.start)
                raise EditError(
                    [f"{source}开头标明是 UTF-8 编码，但第 {line} 行起的文字不是 UTF-8，也不是 GBK，无法识别。{_SAVE_AS}"]
                ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            read = data[: error.start].decode("utf-16", errors="replace")
            raise EditError(
                [f"{source}开头标明是 UTF-16 编码，但第 {_line_at(read, len(read))} 行附近的内容不完整或已损坏，无法读取。{_SAVE_AS}"]
            ) from None
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EditError([f"{source}无法识别文件的文字编码：{_SAVE_AS}"])


def read_csv(path: str | os.PathLike[str]) -> ParsedTable:
    """Read an attachment table from a CSV file."""
    return parse_csv_text(read_csv_text(path), f"「{Path(path).name}」")


def read_csv_text(path: str | os.PathLike[str]) -> str:
    """The decoded text of a CSV file, refused when too large or unreadable (any CSV table)."""
    path = Path(path)
    source = f"「{path.name}」"
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise EditError([f"{source}文件太大（{size / 1024 / 1024:.1f} MB，上限 {MAX_CSV_BYTES // 1024 // 1024} MB），不像是考核表格"])
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditError([f"找不到文件{source}"]) from None
    except OSError as error:
        raise EditError([f"{source}无法读取：{error.strerror or error}"]) from None
    return decode(data, source)


def parse_csv_text(text: str, source: str = "") -> ParsedTable:
    """Read CSV text into rows within the limits, then parse it as an attachment table."""
    return parse_grid(csv_rows(text, source), source)


def csv_rows(text: str, source: str = "") -> list[list[str]]:
    """CSV text as rows of cell texts within the limits (rows, columns, cells, cell length): comma or
    tab separated, as Excel saves or copies them.

    Rows are numbered as a spreadsheet shows them (a quoted cell broken over lines is one row).
    A quote left open swallows the rest of the file into one cell: refused, naming the row.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    grid: list[list[str]] = []
    cells = 0
    while True:
        row_number = len(grid) + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise EditError([_csv_error(source, row_number, str(error), delimiter)]) from None
        if row is None:
            break
        while row and not row[-1].strip():
            row.pop()
        if len(grid) >= MAX_ROWS:
            raise EditError([f"{source}超过 {MAX_ROWS} 行，不像是考核表格，已停止读取"])
        if len(row) > MAX_COLUMNS:
            raise EditError(
                [f"{source}第 {row_number} 行有 {len(row)} 列，超过 {MAX_COLUMNS} 列的上限（{column_letter(MAX_COLUMNS)} 列），不像是考核表格"]
            )
        for column, cell in enumerate(row, start=1):
            where = f"{source}第 {row_number} 行 {column_letter(column)} 列的单元格"
            if len(cell) > MAX_CELL_CHARS:
                raise EditError([f"{where}有 {len(cell)} 个字，超过 {MAX_CELL_CHARS} 个字的上限。{_QUOTE_HINT}"])
            if ("\n" in cell or "\r" in cell) and _swallowed(cell, delimiter):
                raise EditError([f"{where}跨了 {len(cell.splitlines())} 行，还含有分隔符：{_QUOTE_HINT}"])
        cells += sum(1 for cell in row if cell)
        if cells > MAX_CELLS:
            raise EditError([f"{source}的内容超过 {MAX_CELLS} 个单元格，不像是考核表格，已停止读取"])
        grid.append([unescape_cell(cell) for cell in row])
    return grid


_QUOTE_HINT = "很可能是这个单元格开头的引号（\"）没有配对，把后面的内容都并进了这一格。请用记事本或 Excel/WPS 检查这一行的引号"


def _swallowed(cell: str, delimiter: str) -> bool:
    """A cell over several lines that holds a delimiter or many lines: rows run together by a quote
    left open (a header or note cell broken over a few lines, as Excel saves it, is fine)."""
    return delimiter in cell or len(cell.splitlines()) > MAX_CELL_LINES


def _csv_error(source: str, row: int, message: str, delimiter: str) -> str:
    if "unexpected end of data" in message:
        return f"{source}第 {row} 行有一个引号（\"）直到文件末尾都没有配对，后面的内容都会并进一个单元格，无法导入。请检查这一行的引号"
    if "expected after" in message:
        shown = "制表符" if delimiter == "\t" else "逗号"
        return f"{source}第 {row} 行：引号（\"）结束后没有紧跟{shown}（如 \"甲\"乙），请检查这一行的引号"
    if "field larger than field limit" in message:
        return f"{source}第 {row} 行有单元格超过 {MAX_CELL_CHARS} 个字的上限。{_QUOTE_HINT}"
    return f"{source}第 {row} 行不是有效的 CSV 格式，请在 Excel/WPS 中打开检查后另存再导入"


def escape_cell(text: str) -> str:
    """A text cell as written: ``'`` before what a spreadsheet would run as a formula; numbers stay numbers."""
    if text.lstrip("'").startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """The inverse of :func:`escape_cell`: one ``'`` before ``= + - @``, tab or CR is removed."""
    return text[1:] if _ESCAPED.match(text) else text


def report_rows(report: Report) -> list[list[str]]:
    """The report as CSV rows, header first."""
    header = [
        GROUP_HEADER,
        *([CLASS_HEADER] if report.has_category else []),
        UNIT_HEADER,
        *report.channels,
        SUBMITTED_HEADER,
        ADOPTED_HEADER,
        *report.events,
        ADJUSTMENT_HEADER,
        *result_headers(report),
    ]
    if report.has_rank_change:
        header.append(RANK_CHANGE_HEADER)
    rows = [header]
    for section in report.sections:
        for row in section.rows:
            rows.append(
                [
                    section.title,
                    *([row.category] if report.has_category else []),
                    row.unit,
                    *row.adoptions,
                    str(row.submitted),
                    str(row.adopted),
                    *row.events,
                    row.adjustment_text,
                    *row.result_cells,
                    *([row.rank_change] if report.has_rank_change else []),
                ]
            )
    return rows


def write_csv(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report as UTF-8 CSV with BOM, replacing ``path`` atomically; text that a spreadsheet
    would run as a formula (``=1+1`` as a unit name) is written as text (:func:`escape_cell`)."""
    buffer = io.StringIO(newline="")
    rows = [[escape_cell(cell) for cell in row] for row in report_rows(report)]
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    atomic_write(Path(path), codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
