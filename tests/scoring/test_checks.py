"""Warnings on a unit's tallies: 采用条目 against 报送条目 and against the channels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring.cells import Count
from scoring.checks import unit_warnings
from scoring.model import ADOPTED, Channel, Group, Period, PeriodInfo, Scheme, Tally, Unit

SCHEME = Scheme((Channel(1, "湖北快报采用", Decimal(10), Decimal(5)), Channel(2, "国办采用", Decimal(50), Decimal(20))))


def _period(tally: Tally) -> Period:
    return Period(PeriodInfo("测试"), SCHEME, [Group(1, "一组")], [Unit(7, "市发改委", 1)], {7: tally})


@pytest.mark.parametrize(
    ("adopted", "adoptions", "warned"),
    [
        (11, {1: Count(5, 1), 2: Count(5)}, False),  # one item adopted by several channels: fine
        (6, {1: Count(5, 1), 2: Count(5)}, False),
        (5, {1: Count(5, 1), 2: Count(5)}, True),  # fewer than 湖北快报 alone adopted
        (0, {2: Count(1)}, True),
        (0, {}, False),
    ],
)
def test_adopted_items_below_one_channels_adoptions_are_marked(adopted, adoptions, warned) -> None:
    warnings = unit_warnings(_period(Tally(20, adopted, adoptions)), 7)
    assert (ADOPTED in warnings) is warned
    if warned:
        assert f"采用条目（{adopted}）少于" in warnings[ADOPTED]


def test_the_seed_table_raises_no_warning(tmp_path) -> None:
    from scoring.document import PeriodDocument
    from tests.conftest import SAMPLE_PERIOD

    path = tmp_path / "sample.zwxx"
    path.write_bytes(SAMPLE_PERIOD.read_bytes())
    document = PeriodDocument.open(path, read_only=True, why="test")
    assert [unit_warnings(document.period, u) for u in document.period.units if unit_warnings(document.period, u)] == []
    document.close()


def test_more_adopted_than_submitted_items_is_marked_first() -> None:
    warnings = unit_warnings(_period(Tally(3, 5, {1: Count(9)})), 7)
    assert warnings == {ADOPTED: "采用条目（5）多于报送条目（3），请核对"}
