"""The period in memory: tally fields, lookups, the notes under the table, a new empty period."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring.cells import Count
from scoring.model import (
    ADOPTED,
    SUBMITTED,
    Adjustment,
    Channel,
    EventKey,
    Group,
    Period,
    PeriodInfo,
    Scheme,
    Tally,
    TieBreak,
    Unit,
    default_notes,
)


def test_a_tally_field_set_to_zero_leaves_nothing_stored() -> None:
    tally = Tally()
    for key, value in ((SUBMITTED, 3), (ADOPTED, 1), (EventKey(2), 4), (7, Count(5, 1))):
        tally.set(key, value)
        assert tally.get(key) == value
    tally.set(EventKey(2), 0)
    tally.set(7, Count())
    assert (tally.events, tally.adoptions, tally.get(7), tally.get(EventKey(2))) == ({}, {}, Count(), 0)
    copy = tally.copy()
    copy.adoptions[1] = Count(1)
    assert tally.adoptions == {}  # a copy shares nothing


def test_the_scheme_finds_channels_and_events_by_id_and_name() -> None:
    scheme = Scheme(channels=(Channel(1, "本级", Decimal(5), Decimal(2)),))
    assert scheme.channel(1).name == "本级" and scheme.channel_named("本级").id == 1
    assert scheme.channel_named("省级") is None
    with pytest.raises(KeyError):
        scheme.channel(2)
    with pytest.raises(KeyError):
        scheme.event(1)


def test_the_notes_under_the_table_follow_the_tie_breaks() -> None:
    assert default_notes(Scheme((), tie_breaks=(TieBreak.SUBMITTED, TieBreak.ADOPTED)))[1] == (
        "得分相同的单位，以报送条目的数量、采用条目的数量依次先后排名。"
    )
    assert default_notes(Scheme((), tie_breaks=()))[1] == "得分相同的单位名次并列。"


def test_a_new_period_keeps_units_groups_and_scheme_and_nothing_else() -> None:
    period = Period(PeriodInfo("1月"), Scheme(()), [Group(1, "一组"), Group(2, "二组")],
                    [Unit(1, "甲", 1), Unit(2, "乙", 2)], {1: Tally(3)}, {1: (Adjustment(Decimal(2), "约稿"),)})
    assert period.tallies[2] == Tally() and period.adjustment_total(1) == 2 and period.adjustment_total(2) == 0
    assert [u.name for u in period.units_in(2)] == ["乙"] and period.group(2).name == "二组"
    assert not period.accumulated
    new = period.emptied(PeriodInfo("2月"))
    assert (new.info.title, new.units, new.groups, new.scheme) == ("2月", period.units, period.groups, period.scheme)
    assert new.tallies == {1: Tally(), 2: Tally()} and new.adjustments == {}
