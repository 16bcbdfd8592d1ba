"""Cell edits, 加减分, list overrides and period information: what is refused, and how, without Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError, SetInfo, SetOverride, SetTally, parse_cell, parse_cells
from scoring.model import ADOPTED, SUBMITTED, EventKey, Group, ListKind, Override, Period, PeriodInfo, Tally, Unit
from scoring.scheme_file import load_scheme
from tests.conftest import RESOURCES


@pytest.fixture
def document(sample_copy):
    opened = PeriodDocument.open(sample_copy)
    yield opened
    opened.close()


@pytest.fixture
def with_events(tmp_path: Path):
    """A period under 方法甲, whose scheme counts events (报送不及时 …)."""
    scheme = load_scheme(RESOURCES / "schemes" / "zhonglou-quarterly.json")
    units = {1: Unit(1, "甲单位", 1), 2: Unit(2, "乙单位", 1)}
    period = Period(PeriodInfo("2024年第一季度"), scheme, [Group(1, "一组")], units, {1: Tally(), 2: Tally()})
    opened = PeriodDocument.create(tmp_path / "q1.zwxx", period)
    yield opened
    opened.close()


def _unit(document: PeriodDocument, name: str) -> int:
    return next(u.id for u in document.period.units.values() if u.name == name)


def _first_channel(document: PeriodDocument) -> int:
    return document.period.scheme.channels[0].id


def test_a_paste_of_good_cells_becomes_one_operation_per_cell(document) -> None:
    unit = next(iter(document.period.units))
    channel = _first_channel(document)
    operations = parse_cells(document.period, [(unit, SUBMITTED, "１２"), (unit, channel, "5+1*")])
    assert operations == [SetTally(unit, SUBMITTED, 12), SetTally(unit, channel, Count(5, 1))]
    document.apply(operations)
    assert document.period.tallies[unit].submitted == 12


def test_a_paste_lists_every_bad_cell_by_unit_and_column(document) -> None:
    first, second = list(document.period.units)[:2]
    names = document.period.units[first].name, document.period.units[second].name
    with pytest.raises(EditError) as raised:
        parse_cells(document.period, [(first, SUBMITTED, "x"), (second, ADOPTED, "-1"), (first, ADOPTED, "3")])
    assert len(raised.value.problems) == 2
    assert f"{names[0]}「报送条目」" in raised.value.problems[0]
    assert f"{names[1]}「采用条目」" in raised.value.problems[1]


def test_a_cell_of_a_deleted_unit_or_column_is_refused_with_a_reason(document) -> None:
    unit = next(iter(document.period.units))
    with pytest.raises(EditError, match="编号 999）不存在"):
        parse_cell(document.period, 999, SUBMITTED, "1")
    with pytest.raises(EditError, match="该列已被删除"):
        parse_cell(document.period, unit, 999, "1")
    with pytest.raises(EditError, match="采用渠道已被删除"):
        document.apply(SetTally(unit, 999, Count(1)))
    with pytest.raises(EditError, match="扣分/加分事项已被删除"):
        document.apply(SetTally(unit, EventKey(999), 1))


def test_item_and_event_cells_take_whole_numbers_only(document, with_events) -> None:
    unit = next(iter(document.period.units))
    with pytest.raises(EditError, match="「报送条目」只能填整数"):
        document.apply(SetTally(unit, SUBMITTED, Count(1, 1)))
    event = with_events.period.scheme.events[0]
    with pytest.raises(EditError, match=f"甲单位「{event.name}」只能填整数"):
        with_events.apply(SetTally(1, EventKey(event.id), Count(2)))
    with_events.apply(parse_cell(with_events.period, 1, EventKey(event.id), "２"))
    assert with_events.period.tallies[1].events[event.id] == 2


def test_an_override_needs_a_reason_and_can_be_dropped_again(document) -> None:
    unit = next(iter(document.period.units))
    with pytest.raises(EditError, match="调整通报表扬名单必须写明理由"):
        document.apply(SetOverride(unit, ListKind.COMMEND, Override(False, "  ")))
    document.apply(SetOverride(unit, ListKind.COMMEND, Override(False, "报送有效信息偏少")))
    assert unit not in document.standings.listed(ListKind.COMMEND)
    applied = document.apply(SetOverride(unit, ListKind.COMMEND, None))
    assert (unit, ListKind.COMMEND) not in document.period.overrides
    assert applied.inverse == (SetOverride(unit, ListKind.COMMEND, Override(False, "报送有效信息偏少")),)
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert (unit, ListKind.COMMEND) not in reopened.period.overrides
    reopened.close()


def test_period_information_needs_a_title_and_dates_in_order(document) -> None:
    info = document.period.info
    with pytest.raises(EditError) as raised:
        document.apply(SetInfo(replace(info, title=" ", start=date(2023, 6, 30), end=date(2023, 1, 1))))
    assert raised.value.problems == ["期间名称不能为空，请填写如“2023年7月”", "开始日期晚于结束日期"]
    assert document.period.info == info
    changed = replace(info, title="2023年上半年（修订）", start=date(2023, 1, 1), end=date(2023, 6, 30))
    document.apply(SetInfo(changed))
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert reopened.period.info == changed
    reopened.close()
