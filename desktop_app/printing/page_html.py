"""The pieces of the printout as the HTML subset QTextDocument understands (no Qt needed).

A page holds some of: the title; for each group a heading (一、市政府各部门, with （续） when
the group continues from the previous page) and a table of some of its units under the header
row; the notes and the cut-off date. Two layouts: the full attachment table of the published
notice, or a compact ranking table (排名, 单位, 得分). Column widths come from
:mod:`scoring.exchange.attachment_layout`, like the Excel export's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape

from desktop_app import palette
from scoring.exchange.attachment_layout import (
    ATTACHMENT_LABEL,
    Column,
    compact_cells,
    compact_columns,
    full_cells,
    full_columns,
    table_width,
)
from scoring.report import Report, ReportSection

# Chinese office fonts first (Windows, then macOS), then what Linux has; the renderer keeps
# only the installed ones.
SERIF_FAMILIES = ("SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")
SANS_FAMILIES = ("SimHei", "黑体", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
TITLE_POINTS = 18
HEADING_POINTS = 12
COMPACT_PERCENT = 60  # the compact ranking table is centred at this share of the page width
ATTACHMENT_POINTS = 16  # 三号黑体, as GB/T 9704 sets the 附件 mark
TITLE_PARAGRAPHS = 2  # 附件, then the title: the renderer's measurement skips both
CONTINUED = "（续）"
EMPTY_GROUP = "（本组没有参加排名的单位）"


def columns_for(report: Report, compact: bool) -> list[Column]:
    return compact_columns(report) if compact else full_columns(report)


def _cell(text: str, tag: str, column: Column, width_percent: float | None) -> str:
    width = f' width="{width_percent:.1f}%"' if width_percent is not None else ""
    nowrap = "" if column.wraps else ' style="white-space:nowrap"'
    body = "<br/>".join(escape(line) for line in text.split("\n"))
    return f'<{tag} align="center" valign="middle"{width}{nowrap}>{body}</{tag}>'


@dataclass(frozen=True)
class PageHtml:
    """Writes the pieces of one report's printout; ``page_points`` is the printable width."""

    report: Report
    compact: bool
    heading_families: tuple[str, ...]
    body_points: float
    page_points: float

    @cached_property
    def columns(self) -> list[Column]:
        return columns_for(self.report, self.compact)

    def title(self) -> str:
        """「附件」 at the top left in 黑体, as the notice's attachment has it, then the title."""
        families = ", ".join(f"'{name}'" for name in self.heading_families)
        return (
            f'<p align="left" style="font-family:{families}; font-size:{ATTACHMENT_POINTS}pt; margin-bottom:4px">'
            f"{ATTACHMENT_LABEL}</p>"
            f'<p align="center" style="font-size:{TITLE_POINTS}pt; font-weight:bold; margin-bottom:10px">'
            f"{escape(self.report.title)}</p>"
        )

    def heading(self, section: ReportSection, continued: bool) -> str:
        families = ", ".join(f"'{name}'" for name in self.heading_families)
        inset = round(self.page_points * 96 / 72 * (100 - COMPACT_PERCENT) / 200) if self.compact else 0
        text = (escape(section.title.strip()) or "（未命名分组）") + (CONTINUED if continued else "")
        return (
            f'<p style="font-family:{families}; font-size:{HEADING_POINTS}pt; margin-top:8px; '
            f'margin-bottom:6px; margin-left:{inset}px">{text}</p>'
        )

    def table(self, section: ReportSection, start: int, stop: int) -> str:
        """The header row and units ``start`` to ``stop`` of ``section`` (a note if it has none)."""
        if not section.rows:
            return f"<p>{EMPTY_GROUP}</p>"
        columns = self.columns
        total = table_width(columns)
        header = "".join(_cell(c.header, "th", c, 100 * c.width / total) for c in columns)
        cells = compact_cells if self.compact else full_cells
        rows = "".join(
            "<tr>" + "".join(_cell(text, "td", c, None) for c, text in zip(columns, cells(row, self.report.has_rank_change), strict=True)) + "</tr>"
            for row in section.rows[start:stop]
        )
        width = f"{COMPACT_PERCENT}%" if self.compact else "100%"
        return (
            f'<table width="{width}" align="center" border="1" cellspacing="0" cellpadding="1" '
            f'style="border-collapse:collapse; border-color:{palette.INK}; border-style:solid">'
            f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        )

    def notes(self) -> str:
        """注： in a column of its own, so that wrapped lines align after it; then the cut-off date."""
        parts = []
        if self.report.notes:
            lead = round(2.2 * self.body_points * 96 / 72)
            rows = "".join(
                f'<tr><td width="{lead}" valign="top">{"注：" if i == 0 else ""}</td><td>{escape(note)}</td></tr>'
                for i, note in enumerate(self.report.notes)
            )
            parts.append(
                f'<table width="100%" border="0" cellspacing="0" cellpadding="0" style="margin-top:8px">{rows}</table>'
            )
        if self.report.cutoff:
            parts.append(f'<p style="margin-top:4px">{escape(self.report.cutoff)}</p>')
        return "".join(parts)

    def whole(self) -> str:
        """Everything on one endless page: what the renderer measures before cutting pages."""
        parts = [self.title()]
        for section in self.report.sections:
            parts += [self.heading(section, False), self.table(section, 0, len(section.rows))]
        parts.append(self.notes())
        return wrap(parts)


def wrap(parts: list[str]) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"
