"""The attachment table as CSV: read (UTF-8 with or without BOM, GBK, UTF-16) and write.

The written layout is the interchange layout of the seed table: 分组, 单位, one column per
channel, 报送条目, 采用条目, 加减分, 得分, 排名 (then 排名变化 when compared with an earlier
period) — UTF-8 with BOM so that Excel and WPS on
Chinese Windows open it correctly; rows in rank order within each group.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path

from scoring.atomic import atomic_write
from scoring.edits import EditError
from scoring.exchange.grid import ParsedTable, parse_grid
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
_ENCODINGS = ("utf-8", "gb18030")  # gb18030 is a superset of GBK, what WPS/Excel save on Chinese Windows


def decode(data: bytes, source: str) -> str:
    """Decode CSV bytes: a BOM decides; otherwise UTF-8, then GBK (as gb18030)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EditError([f"{source}无法识别文件的文字编码：请在 Excel/WPS 中另存为“CSV UTF-8”或“CSV（逗号分隔）”"])


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
            raise EditError([f"{source}文件太大（{size // 1024 // 1024} MB），不像是考核表格"])
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditError([f"找不到文件{source}"]) from None
    except OSError as error:
        raise EditError([f"{source}无法读取：{error.strerror or error}"]) from None
    return decode(data, source)


def parse_csv_text(text: str, source: str = "") -> ParsedTable:
    return parse_grid(csv_rows(text, source), source)


def csv_rows(text: str, source: str = "") -> list[list[str]]:
    """CSV text as rows of cell texts (comma or tab separated, as Excel saves or copies them)."""
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        grid = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise EditError([f"{source}不是有效的 CSV 表格：{error}"]) from None
    return grid


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
    """Write the report as UTF-8 CSV with BOM, replacing ``path`` atomically."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(report_rows(report))
    atomic_write(Path(path), codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
