"""Copy and paste of rectangular ranges as tab-separated text, as Excel and WPS exchange them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

MAX_PASTE_CELLS = 200_000


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
