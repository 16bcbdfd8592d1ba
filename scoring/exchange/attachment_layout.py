"""How the printed attachment table (附件) is laid out: columns, widths, header lines, notes.

The Excel export and the Qt printout both take their layout from here, so that a sheet
printed from Excel/WPS and a page printed or saved as PDF by the program look alike: the
columns of the published notice (单位, one per channel, 报送条目, 采用条目, 得分, 排名 —
加减分 is not published), channel names broken over short lines as in the notice, the unit
column as wide as the longest unit name, and landscape only when portrait would need a font
too small to read.

Widths are in half-width character cells: an ASCII character is 1, a Chinese character 2.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from scoring.report import (
    ADOPTED_HEADER,
    RANK_CHANGE_HEADER,
    RANK_HEADER,
    SCORE_HEADER,
    SUBMITTED_HEADER,
    UNIT_HEADER,
    Report,
    ReportRow,
    result_headers,
)

HEADER_LINES = 4  # a channel name is broken over at most this many lines
NARROWEST_TEXT = 4  # two Chinese characters per header line at least
MAX_UNIT_WIDTH = 40  # longer unit names wrap
CELL_PADDING = 2  # room either side of the text, in half-width cells
# A4 with 15 mm margins leaves 180 mm (portrait) or 267 mm (landscape) for the table. At the
# body font of 11 pt a half-width cell is 5.5 pt, so portrait holds about 92 cells; below
# MIN_PORTRAIT_POINTS the table goes landscape rather than print in tiny type.
PORTRAIT_WIDTH_PT = 180 / 25.4 * 72
LANDSCAPE_WIDTH_PT = 267 / 25.4 * 72
BODY_POINTS = 11.0
MIN_PORTRAIT_POINTS = 9.0

FULL, COMPACT = "full", "compact"

ATTACHMENT_LABEL = "附件"  # the first line of the attachment of a notice, above its title


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # the header text with line breaks ("潜江政务\n信息采用"), as printed
    width: int  # in half-width cells, padding included
    wraps: bool = False  # long values (unit names over MAX_UNIT_WIDTH) wrap


def display_width(text: str) -> int:
    """Width of ``text`` in half-width cells: wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def break_lines(text: str, width: int) -> str:
    """``text`` broken with newlines so that no line is wider than ``width`` cells."""
    lines: list[str] = []
    line, used = "", 0
    for ch in text:
        w = display_width(ch)
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    lines.append(line)
    return "\n".join(lines)


def _header_width(name: str) -> int:
    """The narrowest even width that fits ``name`` in HEADER_LINES lines."""
    needed = math.ceil(display_width(name) / HEADER_LINES)
    return max(NARROWEST_TEXT, needed + needed % 2)


def _column(header: str, values: list[str], *, wrap_at: int | None = None) -> Column:
    text_width = max([_header_width(header)] + [display_width(v) for v in values])
    wraps = wrap_at is not None and text_width > wrap_at
    if wrap_at is not None and wraps:
        text_width = wrap_at
    return Column(break_lines(header, _header_width(header)), text_width + CELL_PADDING, wraps)


def full_columns(report: Report) -> list[Column]:
    """单位, the channels, 报送条目, 采用条目, 得分, 排名 — as in the published attachment — with the
    scheme's counted events after 采用条目 and 达标 after 排名 when it has them."""
    rows = report.all_rows()
    columns = [_column(UNIT_HEADER, [r.unit for r in rows], wrap_at=MAX_UNIT_WIDTH)]
    for index, channel in enumerate(report.channels):
        columns.append(_column(channel, [r.adoptions[index] for r in rows]))
    columns.append(_column(SUBMITTED_HEADER, [str(r.submitted) for r in rows]))
    columns.append(_column(ADOPTED_HEADER, [str(r.adopted) for r in rows]))
    for index, event in enumerate(report.events):  # counted events (扣分/加分事项) of the scheme
        columns.append(_column(event, [r.events[index] for r in rows]))
    for index, header in enumerate(result_headers(report)):  # 得分, 排名 (本期得分, 累计…, 达标)
        columns.append(_column(header, [r.result_cells[index] for r in rows]))
    if report.has_rank_change:
        columns.append(_column(RANK_CHANGE_HEADER, [r.rank_change for r in rows]))
    return columns


def compact_columns(report: Report) -> list[Column]:
    """排名, 单位, 得分 (and 排名变化 when compared): the short ranking table."""
    rows = report.all_rows()
    columns = [
        _column(RANK_HEADER, [str(r.rank) for r in rows]),
        _column(UNIT_HEADER, [r.unit for r in rows], wrap_at=MAX_UNIT_WIDTH),
        _column(SCORE_HEADER, [r.score_text for r in rows]),
    ]
    if report.has_rank_change:
        columns.append(_column(RANK_CHANGE_HEADER, [r.rank_change for r in rows]))
    return columns


def full_cells(row: ReportRow, with_rank_change: bool = False) -> list[str]:
    """One row of the full table as printed, in the order of :func:`full_columns`."""
    cells = [row.unit, *row.adoptions, str(row.submitted), str(row.adopted), *row.events, *row.result_cells]
    return cells + [row.rank_change] if with_rank_change else cells


def compact_cells(row: ReportRow, with_rank_change: bool = False) -> list[str]:
    cells = [str(row.rank), row.unit, row.score_text]
    return cells + [row.rank_change] if with_rank_change else cells


def table_width(columns: list[Column]) -> int:
    return sum(column.width for column in columns)


def fitting_points(columns: list[Column], landscape: bool) -> float:
    """The largest body font size (at most BODY_POINTS) at which the table fits the page width."""
    available = LANDSCAPE_WIDTH_PT if landscape else PORTRAIT_WIDTH_PT
    return min(BODY_POINTS, available / (table_width(columns) * 0.5))


def needs_landscape(columns: list[Column]) -> bool:
    """Landscape when portrait would need a body font smaller than MIN_PORTRAIT_POINTS."""
    return fitting_points(columns, landscape=False) < MIN_PORTRAIT_POINTS


def note_lines(report: Report) -> list[str]:
    """The notes as printed under the table: ``注：1.…`` then ``　　2.…`` aligned under it."""
    return [("注：" if i == 0 else "\u3000\u3000") + note for i, note in enumerate(report.notes)]
