"""Reading an attachment table from any supported file, chosen by its extension."""

from __future__ import annotations

import os
from pathlib import Path

from scoring.errors import EditError
from scoring.exchange.grid import ParsedTable

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
OLD_EXCEL_SUFFIXES = (".xls", ".et")


def read_table(path: str | os.PathLike[str]) -> ParsedTable:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        from scoring.exchange.csv_table import read_csv

        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        from scoring.exchange.xlsx_table import read_xlsx

        return read_xlsx(path)
    if suffix in OLD_EXCEL_SUFFIXES:
        raise EditError(
            [f"「{path.name}」是旧版 Excel/WPS 表格格式（{suffix}），程序不能直接读取。"
             "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再导入"]
        )
    supported = "、".join(TABLE_SUFFIXES)
    raise EditError([f"「{path.name}」：不能导入这种文件（{suffix or '无扩展名'}），支持的表格格式：{supported}"])
