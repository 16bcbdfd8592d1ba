"""Consecutive runs of row numbers, so that a table model repaints or removes a block of rows with
one signal instead of one per row (the grid and the ledger both do). Qt-free."""

from __future__ import annotations

from collections.abc import Iterable


def row_runs(rows: Iterable[int]) -> list[list[int]]:
    """Consecutive runs of sorted row numbers: [1, 2, 3, 7] → [[1, 2, 3], [7]]."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs
