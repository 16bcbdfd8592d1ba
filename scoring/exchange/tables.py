"""Reading an attachment table from any supported file, chosen by its extension."""

from __future__ import annotations

import os
from pathlib import Path

from scoring.edits import EditError
from scoring.exchange.grid import ParsedTable

TABLE_SUFFIXES = (".csv", ".txt")


def read_table(path: str | os.PathLike[str]) -> ParsedTable:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        from scoring.exchange.csv_table import read_csv

        return read_csv(path)
    supported = "、".join(TABLE_SUFFIXES)
    raise EditError([f"「{path.name}」：不能导入这种文件（{suffix or '无扩展名'}），支持的表格格式：{supported}"])
