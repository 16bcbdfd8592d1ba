"""Copy and paste of rectangular ranges as tab-separated text, as Excel and WPS exchange them.
Where the cells go is planned in the domain: :mod:`scoring.block_edits` (a rectangle, a filled
selection) and :mod:`scoring.named_paste` (rows carrying unit names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cell texts as Excel puts them on the clipboard (quoted only where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue()


def from_tsv(text: str) -> list[list[str]]:
    """Clipboard text from Excel/WPS into rows of cells; the trailing line break is dropped."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    if text == "":
        return [[""]]
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t")]
    return rows or [[""]]
