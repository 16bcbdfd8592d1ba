"""The attachment table from an Excel workbook (.xlsx / .xlsm), read safely.

The file is checked before it is parsed: it must be a zip whose parts add up to a sane size
with a sane compression ratio (a zip bomb is refused before anything is decompressed), and
old binary .xls, password-protected files and web pages saved as .xls are recognised and
explained. openpyxl then reads it in read-only mode (streaming, bounded memory) with
defusedxml, which refuses XML entity declarations (billion laughs, external entities).

The first worksheet with a header row becomes a grid of cell texts for
:func:`scoring.exchange.grid.parse_grid`. Read-only mode reports neither merged cells nor
formulas whose result was never saved (they would read as 0), so each sheet's XML is first
scanned, streaming: formula cells without a result are refused by name (``B5、C7``), merged
cells are counted and bounded before openpyxl builds an object for each. A merged cell one
column wide and several rows high (``单位`` over two header rows, a 分组 cell beside all units
of a group) is filled down; wider merged cells (the title, the parent ``采用情况`` over the channels, a group
heading row, notes) keep their text in the first cell only, which is how parse_grid reads them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import zipfile
import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING

from scoring.errors import EditError
from scoring.exchange.grid import HEADER_SEARCH_ROWS, ParsedTable, find_header, parse_grid
from scoring.exchange.headers import clean

if TYPE_CHECKING:  # openpyxl is imported when a workbook is read, not at start-up
    from xml.etree.ElementTree import Element

    from openpyxl.worksheet.worksheet import Worksheet

HeaderFinder = Callable[[list[list[str]]], int | None]
_EXPECTED_HEADER = "表格中应有「单位」列，以及「报送条目」「得分」等列名"
MAX_FILE_BYTES = 50 * 1024 * 1024  # the file on disk
MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024  # all parts together once decompressed
MAX_OTHER_PART_BYTES = 8 * 1024 * 1024  # a part that is not a worksheet (shared strings, styles) is read whole
MAX_RATIO = 100  # a part larger than RATIO_CHECK_BYTES may not be compressed more than this
RATIO_CHECK_BYTES = 1024 * 1024
MAX_PARTS = 2000
MAX_ROWS = 20_000  # rows read from the sheet (a table of thousands of units fits easily)
MAX_COLUMNS = 64  # columns read; cells further right are ignored
MAX_CELLS = 500_000  # non-empty cells read
BLANK_ROWS_END = 1000  # this many blank rows in a row end the table
MAX_MERGED_RANGES = 10_000  # merged cells in the sheet (an attachment table has a few dozen)
MAX_MERGED_CELLS = 500_000  # cells they cover within the rows and columns read

XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted .xlsx
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = b"PK\x03\x04"
_SAVE_AS = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再导入"
_MERGE_TAG = "mergeCell"
_CLEARED = ("c", "row", _MERGE_TAG)
_SHOWN_CELLS = 10  # formula cells named in a refusal; the rest are counted
_UNSAFE_XML = "{source}含有不安全的 XML 内容（实体定义或外部引用），可能是恶意构造的文件，已拒绝打开"
_PROLOG_BYTES = 4096  # a DTD can only come before the root element: look at the start of each part
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def read_xlsx(path: str | os.PathLike[str]) -> ParsedTable:
    """Read an attachment table from the first worksheet of ``path`` that has a header row."""
    return parse_grid(*read_xlsx_rows(path, find_header))


def read_xlsx_rows(
    path: str | os.PathLike[str], header: HeaderFinder, expected: str = _EXPECTED_HEADER
) -> tuple[list[list[str]], str]:
    """The cell texts of the first worksheet where ``header`` finds a header row, and its name
    for messages (any table: attachment or item table), read within the same limits."""
    path = Path(path)
    source = f"「{path.name}」"
    _check_file(path, source)
    _check_safe_xml(source)
    import openpyxl  # imported here: start-up time matters, and only importing needs it

    with path.open("rb") as handle:  # closed here even when openpyxl fails half-way
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
            try:
                for sheet in workbook.worksheets:
                    sheet.reset_dimensions()  # the recorded size may be wrong: read what is there
                    where = source if len(workbook.sheetnames) == 1 else f"{source}工作表「{sheet.title}」"
                    merged, uncached = _scan_sheet(path, sheet, where)  # before openpyxl reads merged cells, slowly
                    head = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True)
                    if header([_texts(row) for row in head]) is None:
                        continue
                    if uncached:
                        raise EditError([f"{where}中 {uncached} 是公式但文件中没有保存计算结果，请在 Excel/WPS 中打开并保存后再导入"])
                    grid = _read_rows(sheet, where)
                    _fill_down(grid, merged)
                    return grid, where
            finally:
                workbook.close()
        except EditError:
            raise
        except Exception as error:  # noqa: BLE001 - a hostile or broken file can fail anywhere inside
            raise _refusal(error, source) from None
    raise EditError([f"{source}的各个工作表中都找不到表头：{expected}"])


def _check_file(path: Path, source: str) -> None:
    """Refuse what is not a reasonable .xlsx before any part of it is decompressed."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise EditError([f"{source}文件太大（{size // 1024 // 1024} MB），不像是考核表格"])
        with path.open("rb") as handle:
            start = handle.read(512)
            if start.startswith(_OLE_MAGIC):
                _explain_compound_file(handle, source)
    except FileNotFoundError:
        raise EditError([f"找不到文件{source}"]) from None
    except OSError as error:
        raise EditError([f"{source}无法读取：{error.strerror or error}"]) from None
    if not start.startswith(_ZIP_MAGIC):
        lowered = start.lower().lstrip(codecs.BOM_UTF8 + b" \r\n\t")
        if lowered.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml", b"mime-version")):
            raise EditError([f"{source}其实是网页格式的表格，不是真正的 Excel 文件，{_SAVE_AS}"])
        raise EditError([f"{source}不是有效的 Excel 文件（.xlsx）：文件可能已损坏，或者是改了扩展名的其他文件"])
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive.infolist(), source)
            _check_prologs(archive, source)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        # NotImplementedError: a damaged "version needed" or compression field; RuntimeError: encrypted parts
        raise EditError([f"{source}已损坏或不完整，无法作为 Excel 文件打开"]) from None


def _explain_compound_file(handle: IO[bytes], source: str) -> None:
    """An OLE compound file is either an encrypted workbook or an old binary .xls."""
    handle.seek(0)
    tail = b""
    while chunk := handle.read(1024 * 1024):
        if _ENCRYPTED_MARK in tail + chunk:
            raise EditError([f"{source}设置了打开密码（已加密），程序无法读取。请在 Excel/WPS 中取消密码后另存，再导入"])
        tail = chunk[-len(_ENCRYPTED_MARK) :]
    raise EditError([f"{source}是旧版 Excel 97-2003 格式（.xls），程序不能直接读取。{_SAVE_AS}"])


def _check_archive(parts: list[zipfile.ZipInfo], source: str) -> None:
    if len(parts) > MAX_PARTS:
        raise EditError([f"{source}包含的部件过多（{len(parts)} 个），不像是考核表格，已拒绝打开"])
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        what = "，而是 Word 文档" if "word/document.xml" in names else ""
        raise EditError([f"{source}不是 Excel 工作簿{what}，无法导入"])
    bomb = f"{source}解压后过大，可能是恶意构造的“压缩炸弹”文件，已拒绝打开"
    total = 0
    for part in parts:
        if part.flag_bits & 0x1:
            raise EditError([f"{source}设置了密码（已加密），程序无法读取。请在 Excel/WPS 中取消密码后另存，再导入"])
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise EditError([f"{source}使用了 Excel 不会使用的压缩方式，不像是 Excel 保存的文件。{_SAVE_AS}"])
        total += part.file_size
        if part.file_size > MAX_OTHER_PART_BYTES and not part.filename.startswith("xl/worksheets/"):
            size = part.file_size // 1024 // 1024
            raise EditError(
                [f"{source}中的「{part.filename}」过大（{size} MB），不像是普通的考核表格，已拒绝打开。"
                 "可在 Excel/WPS 中把表格复制到新建的工作簿，另存后再导入"]
            )
        if total > MAX_UNCOMPRESSED_BYTES:
            raise EditError([f"{bomb}（超过 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB）"])
        if part.file_size > RATIO_CHECK_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise EditError([f"{bomb}（「{part.filename}」压缩比超过 {MAX_RATIO} 倍）"])


def _check_prologs(archive: zipfile.ZipFile, source: str) -> None:
    """Office never writes a DTD; one in any XML part is an entity attack (billion laughs, XXE)."""
    for part in archive.infolist():
        if part.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(part) as stream:
                start = stream.read(_PROLOG_BYTES)
            if any(mark in start for mark in _DTD_MARKS):
                raise EditError([_UNSAFE_XML.format(source=source)])


def _check_safe_xml(source: str) -> None:
    """openpyxl uses defusedxml when it is installed (and not turned off): make sure it does."""
    from openpyxl.xml import functions

    if not functions.iterparse.__module__.startswith("defusedxml"):
        raise EditError([f"{source}：程序缺少安全组件 defusedxml（或被 OPENPYXL_DEFUSEDXML 关闭），为安全起见不读取 Excel 文件"])


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what caused it (openpyxl wraps parser errors in a ValueError)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _refusal(error: Exception, source: str) -> EditError:
    from defusedxml import DefusedXmlException

    if any(isinstance(cause, DefusedXmlException) for cause in _causes(error)):
        return EditError([_UNSAFE_XML.format(source=source)])
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return EditError([f"{source}已损坏或不完整，无法作为 Excel 文件打开"])
    if isinstance(error, MemoryError):
        return EditError([f"{source}太大，内存不足，无法读取"])
    return EditError([f"{source}无法作为 Excel 表格读取（{type(error).__name__}）：文件可能已损坏。{_SAVE_AS}"])


def cell_text(value: object) -> str:
    """What a clerk sees in the cell: 15.0 is ``15``, 0.30000000000000004 is ``0.3``, a date ``2023年6月30日``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(format(value, ".15g")).normalize(), "f")
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _texts(row: tuple[object, ...]) -> list[str]:
    texts = [cell_text(value) for value in row]
    while texts and not texts[-1].strip():
        texts.pop()
    return texts


def _read_rows(sheet: Worksheet, source: str) -> list[list[str]]:
    # sheet is read-only (ReadOnlyWorksheet); types-openpyxl describes its iter_rows through Worksheet
    grid: list[list[str]] = []
    cells = blank = 0
    for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        texts = _texts(row)
        if not texts:
            blank += 1
            if blank >= BLANK_ROWS_END:
                break
            grid.append(texts)
            continue
        blank = 0
        if len(grid) >= MAX_ROWS:
            raise EditError([f"{source}超过 {MAX_ROWS} 行，不像是考核表格，已停止读取"])
        cells += sum(1 for text in texts if text)
        if cells > MAX_CELLS:
            raise EditError([f"{source}的内容超过 {MAX_CELLS} 个单元格，不像是考核表格，已停止读取"])
        grid.append(texts)
    while grid and not grid[-1]:
        grid.pop()
    return grid


def _scan_sheet(path: Path, sheet: Worksheet, source: str, rows: int = MAX_ROWS) -> tuple[list[tuple[int, int, int, int]], str]:
    """The merged cells of the sheet — (first row, first column, last row, last column), 1-based —
    refused beyond the limits; and the formula cells in the first ``rows`` rows without a saved
    result (``B5、C7``, '' if none).

    Read-only openpyxl reports neither, so the sheet's XML is read here, streaming, before
    openpyxl builds a slow object per merged cell. With ``data_only`` a formula whose result was
    never saved (a file written by a program, not by Excel/WPS) would read as empty, i.e. 0.
    """
    from defusedxml.ElementTree import iterparse

    ranges: list[tuple[int, int, int, int]] = []
    uncached: list[tuple[int, int]] = []
    area = row = column = 0
    in_row: list[str | int] = []  # formula cells without a result in this row: reference, or column if it has none
    part = getattr(sheet, "_worksheet_path", None)  # read-only sheets keep their zip part name here
    if part is None:  # pragma: no cover - openpyxl is pinned to 3.1, which has it
        return ranges, ""
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        for _, element in iterparse(stream):
            tag = element.tag.rpartition("}")[2]
            if tag == "c":
                column += 1
                if _uncached_formula(element):
                    in_row.append(element.get("r") or column)
            elif tag == "row":
                number = element.get("r") or ""
                row = int(number) if number.isdigit() else row + 1
                uncached += [_cell_position(cell, row) for cell in in_row]
                in_row, column = [], 0
            elif tag == _MERGE_TAG and (merged := _merged_range(element.get("ref", ""))):
                ranges.append(merged)
                first_row, first_col, last_row, last_col = merged
                area += (min(last_row, rows) - min(first_row, rows) + 1) * (
                    min(last_col, MAX_COLUMNS) - min(first_col, MAX_COLUMNS) + 1
                )
                if len(ranges) > MAX_MERGED_RANGES or area > MAX_MERGED_CELLS:
                    what = f"超过 {MAX_MERGED_RANGES} 处" if len(ranges) > MAX_MERGED_RANGES else f"覆盖的范围超过 {MAX_MERGED_CELLS} 个单元格"
                    raise EditError(
                        [f"{source}中的合并单元格{what}的上限，不像是考核表格，已停止读取。"
                         "请在 Excel/WPS 中取消不需要的合并单元格后另存，再导入"]
                    )
            if tag in _CLEARED:  # a cell's parts are cleared with it, once it has been looked at
                element.clear()
    read = [(r, c) for r, c in uncached if r <= rows and c <= MAX_COLUMNS]
    shown = "、".join(_cell_name(r, c) for r, c in read[:_SHOWN_CELLS])
    return ranges, shown + (f" 等 {len(read)} 个单元格" if len(read) > _SHOWN_CELLS else "")


def _uncached_formula(cell: Element) -> bool:
    """A ``<c>`` with a formula ``<f>`` and no saved result: no ``<v>``, or an empty one (not a text result)."""
    formula = value = None
    for child in cell:
        name = child.tag.rpartition("}")[2]
        if name == "f":
            formula = child
        elif name == "v":
            value = child
    return formula is not None and (value is None or (not value.text and cell.get("t") != "str"))


def _cell_position(cell: str | int, row: int) -> tuple[int, int]:
    """(row, column) of a cell given by its reference (``B5``), or by its column in ``row``."""
    from openpyxl.utils.cell import coordinate_to_tuple

    if isinstance(cell, int):
        return row, cell
    try:
        return coordinate_to_tuple(cell)
    except (TypeError, ValueError):
        return row, MAX_COLUMNS + 1  # an unreadable reference: not a cell that is read


def _cell_name(row: int, column: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(column)}{row}"


def _merged_range(reference: str) -> tuple[int, int, int, int] | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        first_col, first_row, last_col, last_row = range_boundaries(reference)
    except (TypeError, ValueError):
        return None
    if first_col is None or first_row is None or last_col is None or last_row is None:  # a whole row or column ("A:A")
        return None
    return first_row, first_col, last_row, last_col


def _fill_down(grid: list[list[str]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Copy the text of each one-column merged cell into the rows it spans."""
    for first_row, first_col, last_row, last_col in ranges:
        if first_col != last_col or first_row == last_row or first_col > MAX_COLUMNS or first_row > len(grid):
            continue
        column = first_col - 1
        top = grid[first_row - 1]
        text = top[column] if column < len(top) else ""
        if not clean(text):
            continue
        for index in range(first_row, min(last_row, len(grid))):
            row = grid[index]
            if len(row) <= column:
                row.extend([""] * (column + 1 - len(row)))
            if not row[column]:
                row[column] = text
