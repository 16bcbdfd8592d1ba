"""Cutting the printout into pages, from the measured heights of its parts (no Qt needed).

Rules, as a clerk would lay out the attachment by hand: a unit row is never split; a group
starts on a new page unless its heading, header row and first rows fit; a group continuing on
a new page gets its heading (with （续）) and header row again, and at least two rows; the notes stay together and
take the last rows of the table with them rather than stand alone on a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROWS_WITH_HEADING = 3  # a group heading is followed by at least this many unit rows on its page
ROWS_CONTINUED = 2  # a group does not continue onto a new page with fewer rows than this
ROWS_WITH_NOTES = 2  # rows that move with the notes when the notes do not fit under the table


@dataclass(frozen=True, slots=True)
class Heights:
    """Heights of the parts as laid out on one endless page, in device pixels."""

    title: float
    headings: list[float]  # per group: the heading (and the note of a group without units)
    headers: list[float]  # per group: the header row (0 for a group without units)
    rows: list[list[float]]  # per group: each unit row
    notes: float  # notes and cut-off date together


@dataclass(slots=True)
class Chunk:
    """Units ``start`` to ``stop`` of group ``section`` on one page."""

    section: int
    start: int
    stop: int
    continued: bool  # the group began on an earlier page


@dataclass(slots=True)
class Page:
    title: bool = False
    chunks: list[Chunk] = field(default_factory=list)
    notes: bool = False


def plan_pages(heights: Heights, page_height: float) -> list[Page]:
    """Which parts go on which page."""
    pages = [Page(title=True)]
    used = heights.title

    def new_page() -> None:
        nonlocal used
        pages.append(Page())
        used = 0.0

    for section, rows in enumerate(heights.rows):
        start_needs = heights.headings[section] + heights.headers[section] + sum(rows[:ROWS_WITH_HEADING])
        if used + start_needs > page_height and pages[-1].chunks:  # (the first group stays under the title)
            new_page()
        chunk = Chunk(section, 0, 0, continued=False)
        pages[-1].chunks.append(chunk)
        used += heights.headings[section] + heights.headers[section]
        for index, row in enumerate(rows):
            if used + row > page_height and chunk.stop > chunk.start:
                start = index
                if len(rows) - index < ROWS_CONTINUED and chunk.stop - chunk.start > ROWS_CONTINUED:
                    start = len(rows) - ROWS_CONTINUED  # no lone last row on a page of its own
                chunk.stop = start
                new_page()
                chunk = Chunk(section, start, index, continued=True)
                pages[-1].chunks.append(chunk)
                used = heights.headings[section] + heights.headers[section] + sum(rows[start:index])
            chunk.stop = index + 1
            used += row
    if used + heights.notes > page_height:
        _move_rows_with_notes(pages, heights)
    pages[-1].notes = True
    return pages


def _move_rows_with_notes(pages: list[Page], heights: Heights) -> None:
    """Start a page for the notes, taking the last rows of the table along when there are any."""
    last = pages[-1].chunks[-1] if pages[-1].chunks else None
    moved = min(ROWS_WITH_NOTES, last.stop - last.start - 1) if last is not None else 0
    pages.append(Page())
    if last is not None and moved > 0:
        pages[-1].chunks.append(Chunk(last.section, last.stop - moved, last.stop, continued=True))
        last.stop -= moved
