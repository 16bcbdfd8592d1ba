"""The texts of the status bar: the current group's totals and the sum of the selected cells."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QModelIndex

from scoring.cells import CellError, format_points, parse_count, parse_points
from scoring.model import Period

MAX_SUM_CELLS = 50_000


def group_totals(period: Period, group_id: int, group_name: str) -> str:
    units = [u.id for u in period.units_in(group_id) if u.active]  # models may not have reset yet
    submitted = sum(period.tallies[u].submitted for u in units)
    adopted = sum(period.tallies[u].adopted for u in units)
    return f"{group_name}：{len(units)} 个单位，报送 {submitted} 条，采用 {adopted} 条"


def selection_sum(indexes: Sequence[QModelIndex]) -> str:
    """「选中 n 格　求和：x」 over the numbers among the selected cells (counts by their total)."""
    if len(indexes) < 2 or len(indexes) > MAX_SUM_CELLS:
        return ""
    total, numbers = Decimal(0), 0
    for index in indexes:
        if index.column() == 0:
            continue
        text = index.data() or ""
        try:
            total += parse_count(text).total if "*" in text else parse_points(text)
            numbers += 1
        except CellError:
            continue
    return f"选中 {len(indexes)} 格　求和：{format_points(total)}" if numbers else ""
