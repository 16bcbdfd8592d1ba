"""How long importing Excel tables, importing into an open period, accumulating and refusing take.

Refusals include the hostile inputs of tests/hostile: a zip bomb, an entity attack, merged-cell
abuse (200,000 merged cells down whole columns once took 27 s to fill in) and a CSV header of
100,000 columns (once imported as 100,000 channels).

    python benchmarks/bench_import.py

Prints one line per case: the median of several runs and the peak memory Python allocated
(tracemalloc, measured in a separate run so that it does not slow the timed ones).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from scoring.document import PeriodDocument  # noqa: E402
from scoring.edits import EditError  # noqa: E402
from scoring.exchange.builder import build_period  # noqa: E402
from scoring.exchange.merge import plan_import  # noqa: E402
from scoring.exchange.tables import read_table  # noqa: E402
from scoring.exchange.xlsx_table import read_xlsx  # noqa: E402
from scoring.model import PeriodInfo  # noqa: E402
from scoring.periods import accumulate, accumulate_files, rank_changes  # noqa: E402
from scoring.sample import build_sample  # noqa: E402
from scoring.scheme_file import default_scheme  # noqa: E402
from scoring.standings import Standings  # noqa: E402

CHANNELS = ("潜江政务信息采用", "湖北政务信息采用", "湖北快报采用", "政务要情采用", "国办采用", "国务院省领导批示")


def workbook(path: Path, units: int) -> Path:
    """An attachment-layout workbook: title, two-row merged header, two group sections, notes."""
    book = Workbook()
    sheet = book.active
    width = 1 + len(CHANNELS) + 4
    sheet.append(["附件：2023年上半年政务信息报送及采用情况"])
    sheet.append(["单位", "采用情况", *[None] * (len(CHANNELS) - 1), "报送条目", "采用条目", "得分", "排名"])
    sheet.append([None, *CHANNELS])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=2, end_row=2, end_column=1 + len(CHANNELS))
    for column in (1, *range(2 + len(CHANNELS), width + 1)):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    half = units // 2
    for index in range(units):
        if index in (0, half):
            sheet.append(["一、市政府各部门" if index == 0 else "二、区、镇、街道办事处"])
        rank = index + 1 if index < half else index - half + 1
        sheet.append([f"单位{index:05d}", index % 3, 0, f"{index % 5}+1*", 1, index % 2, 0, 20, 5, float(1000 - rank), rank])
    sheet.append(["注：1.采用得分中，标注“*”为以综合计分报送采用。"])
    sheet.append(["统计截止日期为2023年6月30日"])
    book.save(path)
    return path


def measure(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1024 / 1024


def refused(path: Path) -> Callable[[], None]:
    def run() -> None:
        try:
            read_table(path)
        except EditError:
            return
        raise AssertionError(f"{path.name} was not refused")

    return run


def main() -> None:
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for units in (57, 10_000):
            path = workbook(tmp / f"t{units}.xlsx", units)
            size = path.stat().st_size // 1024
            repeat = 5 if units < 1000 else 3
            rows.append((f"读取 .xlsx，{units} 个单位（{size} KB）", *measure(lambda p=path: read_xlsx(p), repeat)))
            table = read_xlsx(path)
            rows.append((f"读取并新建期间，{units} 个单位", *measure(lambda p=path: build_period(read_xlsx(p), default_scheme()), repeat)))
            period = build_period(table, default_scheme()).period
            target = period.emptied(PeriodInfo("空"))
            rows.append((f"导入到已打开的期间（预览计划），{units} 个单位", *measure(lambda t=target, tb=table: plan_import(t, tb), repeat)))
        months = []
        for month in range(1, 13):
            period = build_sample()
            period.info = PeriodInfo(f"2023年{month}月", date(2023, month, 1), date(2023, month, 28))
            months.append(period)
        rows.append(("累计 12 个月（内存中），每月 57 个单位", *measure(lambda: accumulate(months), 20)))
        paths = []
        for index, period in enumerate(months, start=1):
            PeriodDocument.create(tmp / f"{index}月.zwxx", period).close()
            paths.append(tmp / f"{index}月.zwxx")
        rows.append(("累计 12 个期间文件（含打开文件）", *measure(lambda: accumulate_files(paths), 5)))
        current, earlier = Standings(months[1]), Standings(months[0])
        rows.append(("排名变化，57 个单位", *measure(lambda: rank_changes(current, earlier), 20)))
        small = workbook(tmp / "small.xlsx", 2)
        with zipfile.ZipFile(small) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml")
        bomb = tmp / "bomb.xlsx"
        with zipfile.ZipFile(small) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                data = old.read(info.filename)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (256 * 1024 * 1024))
                new.writestr(info, data)
        rows.append((f"拒绝压缩炸弹（{bomb.stat().st_size // 1024} KB，解压后 256 MB）", *measure(refused(bomb), 5)))
        laughs = tmp / "laughs.xlsx"
        from tests.scoring.exchange.workbooks import BILLION_LAUGHS, replace_part

        replace_part(small, laughs, "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
        rows.append(("拒绝 XML 实体攻击（billion laughs）", *measure(refused(laughs), 5)))
        for count in (5_000, 200_000):
            merges = "".join(f'<mergeCell ref="A{3 + i % 3}:A{1048576 - i}"/>' for i in range(count)).encode()
            abused = sheet.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>")
            path = replace_part(small, tmp / f"merged{count}.xlsx", "xl/worksheets/sheet1.xml", abused)
            name = f"拒绝合并单元格滥用（{count} 处，每处到表格最后一行，{path.stat().st_size // 1024} KB）"
            rows.append((name, *measure(refused(path), 3)))
        merges = "".join(f'<mergeCell ref="M{i}:N{i}"/>' for i in range(1, 9_900)).encode()  # within the limit
        many = sheet.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>")
        path = replace_part(small, tmp / "merged-ok.xlsx", "xl/worksheets/sheet1.xml", many)
        rows.append(("读取有近 1 万处合并单元格的 .xlsx（上限之内）", *measure(lambda p=path: read_xlsx(p), 3)))
        wide = tmp / "wide.csv"
        wide.write_text("单位," + ",".join(f"渠道{i}" for i in range(100_000)) + "\n甲,1\n", encoding="utf-8")
        rows.append((f"拒绝 10 万列的 CSV（{wide.stat().st_size // 1024} KB）", *measure(refused(wide), 3)))
    width = max(_shown_width(name) for name, _, _ in rows) + 2
    print(_pad("操作", width) + _pad("耗时（中位数）", 16, right=True) + _pad("峰值内存", 12, right=True))
    for name, seconds, peak in rows:
        shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(_pad(name, width) + _pad(shown, 16, right=True) + _pad(f"{peak:.1f} MB", 12, right=True))


def _shown_width(text: str) -> int:
    """Columns a terminal uses: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    space = " " * max(width - _shown_width(text), 0)
    return space + text if right else text + space

if __name__ == "__main__":
    main()
