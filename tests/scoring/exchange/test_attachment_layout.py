"""The printed attachment table's layout: column widths, header breaks, wrapping, orientation, notes."""

from __future__ import annotations

from dataclasses import replace

from scoring.exchange.attachment_layout import (
    MAX_UNIT_WIDTH,
    break_lines,
    compact_cells,
    compact_columns,
    display_width,
    full_cells,
    full_columns,
    needs_landscape,
    note_lines,
)
from scoring.report import build_report
from scoring.sample import build_sample
from scoring.standings import Standings


def _report(period=None, **options):
    period = period or build_sample()
    return build_report(period, Standings(period), **options)


def test_wide_characters_count_twice_and_lines_break_within_the_width() -> None:
    assert display_width("市发改委 A1") == 11
    assert break_lines("潜江政务信息采用", 8) == "潜江政务\n信息采用"
    assert break_lines("ab", 8) == "ab"


def test_the_full_table_has_one_column_per_cell_of_every_row() -> None:
    report = _report()
    columns = full_columns(report)
    assert columns[0].header == "单位" and [c.header.replace("\n", "") for c in columns[-2:]] == ["得分", "排名"]
    for row in report.all_rows():
        assert len(full_cells(row)) == len(columns)
    assert all(c.width >= display_width(line) for c in columns for line in c.header.split("\n"))
    assert not needs_landscape(columns)


def test_a_long_unit_name_wraps_and_a_compared_table_has_a_rank_change_column() -> None:
    period = build_sample()
    first = next(iter(period.units.values()))
    period.units[first.id] = replace(first, name="市" + "很长的单位名称" * 5)
    report = _report(period, rank_changes={u: "↑1" for u in period.units})
    unit_column = compact_columns(report)[1]
    assert unit_column.wraps and unit_column.width == MAX_UNIT_WIDTH + 2
    assert compact_columns(report)[-1].header.replace("\n", "") == "排名变化"
    row = report.all_rows()[0]
    assert compact_cells(row, with_rank_change=True)[-1] == "↑1" and len(compact_cells(row)) == 3


def test_many_channels_turn_the_page_to_landscape() -> None:
    period = build_sample()
    channels = tuple(replace(period.scheme.channels[0], id=100 + i, name=f"渠道{i}号采用") for i in range(20))
    period.scheme = replace(period.scheme, channels=period.scheme.channels + channels)
    assert needs_landscape(full_columns(_report(period)))


def test_notes_are_numbered_under_the_table_as_in_the_notice() -> None:
    lines = note_lines(_report())
    assert lines[0].startswith("注：1.记分办法参照") and lines[1].startswith("\u3000\u30002.得分相同的单位")


