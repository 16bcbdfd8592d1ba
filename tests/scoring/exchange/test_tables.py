"""Opening a table to import: CSV and Excel are read, other files refused with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.edits import EditError
from scoring.exchange.tables import read_table
from tests.conftest import SEED_TABLE


def test_csv_and_text_files_are_read_as_tables(tmp_path: Path) -> None:
    text = tmp_path / "附件.TXT"
    text.write_bytes(SEED_TABLE.read_bytes())
    assert len(read_table(SEED_TABLE).rows) == len(read_table(text).rows) == 57


def test_an_excel_workbook_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["单位", "报送条目", "得分"])
    book.active.append(["市发改委", 32, 228])
    book.save(tmp_path / "附件.xlsx")
    assert [(r.unit, r.submitted, r.score) for r in read_table(tmp_path / "附件.xlsx").rows] == [("市发改委", "32", "228")]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("附件.xls", "是旧版 Excel/WPS 表格格式（.xls），程序不能直接读取。请在 Excel 或 WPS 中打开后“另存为”"),
        ("附件.et", "旧版 Excel/WPS 表格格式（.et）"),
        ("附件.pdf", "「附件.pdf」：不能导入这种文件（.pdf），支持的表格格式：.xlsx、.xlsm、.csv、.txt"),
        ("附件", "不能导入这种文件（无扩展名）"),
    ],
)
def test_other_files_are_refused_saying_what_to_do(tmp_path: Path, name: str, says: str) -> None:
    (tmp_path / name).write_bytes(b"x")
    with pytest.raises(EditError, match=says):
        read_table(tmp_path / name)
