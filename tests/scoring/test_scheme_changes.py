"""What replacing a period's scheme does, said before it is done (channels, events, ranks)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.document import PeriodDocument
from scoring.model import Event
from scoring.scheme_changes import compare_schemes, match_channels, rank_preview, units_with_data
from scoring.scheme_file import default_scheme


@pytest.fixture
def document(sample_copy):
    opened = PeriodDocument.open(sample_copy)
    yield opened
    opened.close()


def test_a_loaded_scheme_keeps_the_ids_of_channels_with_the_same_name(document) -> None:
    period = document.period
    loaded = default_scheme()
    renamed = (*loaded.channels[:4], replace(loaded.channels[4], name="国务院办公厅采用"), loaded.channels[5])
    matched = match_channels(period.scheme, replace(loaded, channels=renamed[::-1]))
    ids = {c.name: c.id for c in period.scheme.channels}
    assert [c.id for c in matched.channels if c.name in ids] == [ids[c.name] for c in renamed[::-1] if c.name in ids]
    new = matched.channel_named("国务院办公厅采用")
    assert new.id not in ids.values()
    change = compare_schemes(period, matched)
    assert change.added == ("国务院办公厅采用",)
    assert change.removed == (("国办采用", units_with_data(period, ids["国办采用"])),)
    assert change.loses_data and units_with_data(period, ids["国办采用"]) == 26
    assert any("26 个单位" in line for line in change.describe())


def test_added_and_removed_events_are_listed_with_the_units_that_counted_them(document) -> None:
    period = document.period
    with_events = replace(period.scheme, events=(Event(1, "报送不及时", Decimal(-1)), Event(2, "约稿完成", Decimal(2))))
    unit_id = next(iter(period.units))
    period.scheme = with_events
    period.tallies[unit_id].events[1] = 2
    change = compare_schemes(period, replace(with_events, events=(Event(3, "被上级通报", Decimal(-2)),)))
    assert change.added_events == ("被上级通报",)
    assert change.removed_events == (("报送不及时", 1), ("约稿完成", 0))
    assert change.loses_data
    lines = change.describe()
    assert "新增 1 个扣分/加分事项：被上级通报" in lines
    assert "删除扣分/加分事项「报送不及时」，1 个单位填了次数，将一并删除" in lines
    assert "删除扣分/加分事项「约稿完成」（没有单位填过）" in lines


def test_the_rank_preview_names_each_unit_whose_rank_would_move(document) -> None:
    period = document.period
    assert rank_preview(period, period.scheme) == []
    top = document.standings.in_rank_order(period.groups[0].id)[0]
    doubled = replace(period.scheme, submitted_points=Decimal(100))
    lines = rank_preview(period, doubled)
    assert lines and all("：第 " in line and " 名 → 第 " in line and "（得分 " in line for line in lines)
    assert document.standings.in_rank_order(period.groups[0].id)[0] == top  # the period itself is untouched
