"""A unit's score from its tally under the scheme's rules: components, quota, rate, limits, 达标."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from scoring.cells import Count
from scoring.evaluate import combine, component_points, passes, quota_result, rate_applies, unit_total
from scoring.model import Channel, Event, Scheme, Tally
from scoring.rules import (
    ADOPTED_PART,
    QUOTA_PART,
    RATE_PART,
    SUBMITTED_PART,
    Limit,
    QuotaRule,
    RateRule,
    Rules,
    UnitClass,
    channel_part,
    event_part,
)

CHANNELS = (Channel(1, "本级", Decimal(5), Decimal("2.5")), Channel(2, "省级", Decimal(20), Decimal(10)))
LINEAR = Scheme(channels=CHANNELS, submitted_points=Decimal("0.5"), adopted_points=Decimal(1))
QUOTA = Rules(classes=(UnitClass("一类", 6, 2), UnitClass("乡镇")), quota=QuotaRule(Decimal(3), Decimal(-1), Decimal("0.5")))

tallies = st.builds(
    Tally,
    st.integers(0, 50),
    st.integers(0, 50),
    st.fixed_dictionaries({1: st.builds(Count, st.integers(0, 9), st.integers(0, 9)), 2: st.builds(Count, st.integers(0, 9))}),
)


@given(tallies, st.integers(-20, 20))
def test_the_linear_scheme_and_the_rule_engine_give_the_same_total(tally: Tally, adjustment: int) -> None:
    with_event = replace(LINEAR, events=(Event(1, "约稿完成", Decimal(2)),))  # takes the rule engine's path
    assert unit_total(LINEAR, "", tally, Decimal(adjustment)) == unit_total(with_event, "", tally, Decimal(adjustment))


def test_only_non_zero_components_are_listed() -> None:
    scheme = replace(LINEAR, events=(Event(1, "报送不及时", Decimal(-1)), Event(2, "约稿完成", Decimal(2))))
    tally = Tally(4, 0, {1: Count(0, 2), 2: Count()}, {1: 3, 2: 0})
    assert component_points(scheme, "", tally) == {channel_part(1): Decimal(5), event_part(1): Decimal(-3),
                                                   SUBMITTED_PART: Decimal(2)}
    assert component_points(scheme, "", Tally(0, 2))[ADOPTED_PART] == Decimal(2)


def test_items_scored_one_by_one_replace_the_channel_counts() -> None:
    tally = Tally(1, 1, {1: Count(3)}, item_points=Decimal("7.5"))
    assert component_points(LINEAR, "", tally) == {"items": Decimal("7.5"), SUBMITTED_PART: Decimal("0.5"),
                                                   ADOPTED_PART: Decimal(1)}
    assert "items" not in component_points(LINEAR, "", replace(tally, item_points=Decimal(0)))


def test_the_class_quota_scores_what_is_missing_and_what_is_extra() -> None:
    scheme = replace(LINEAR, submitted_points=Decimal(0), adopted_points=Decimal(0), rules=QUOTA)
    assert quota_result(QUOTA, "一类", Tally(6, 2)).met
    assert component_points(scheme, "一类", Tally(6, 2))[QUOTA_PART] == Decimal(3)
    short = quota_result(QUOTA, "一类", Tally(4, 3))
    assert (short.missing, short.extra, short.met) == (2, 1, False)
    assert component_points(scheme, "一类", Tally(4, 3))[QUOTA_PART] == Decimal("-1.5")
    assert quota_result(QUOTA, "乡镇", Tally(4, 3)) is None  # a class without quotas
    assert quota_result(QUOTA, "", Tally(4, 3)) is None  # no class
    assert quota_result(replace(QUOTA, quota=None), "一类", Tally()) is None


def test_the_rate_applies_below_the_percentage_and_never_without_submissions() -> None:
    assert rate_applies(Decimal(30), Tally(10, 2)) and not rate_applies(Decimal(30), Tally(10, 3))
    assert not rate_applies(Decimal(30), Tally(0, 0))
    scheme = replace(LINEAR, rules=Rules(rates=(RateRule(Decimal(30), Decimal(-1)), RateRule(Decimal(50), Decimal(-2)))))
    assert component_points(scheme, "", Tally(10, 2))[RATE_PART] == Decimal(-3)
    assert RATE_PART not in component_points(scheme, "", Tally(10, 6))


def test_limits_keep_their_parts_within_floor_and_cap_and_the_rest_is_added_as_it_is() -> None:
    rules = Rules(limits=(Limit("基础分", (event_part(1),), Decimal(6), Decimal(0)),
                          Limit("报送分", (SUBMITTED_PART,), cap=Decimal(5))))
    limited, free, total = combine(rules, {event_part(1): Decimal(-9), SUBMITTED_PART: Decimal(8), channel_part(1): Decimal(10)})
    assert [(v.raw, v.value) for v in limited] == [(Decimal(-3), Decimal(0)), (Decimal(8), Decimal(5))]
    assert free == {channel_part(1): Decimal(10)} and total == Decimal(15)


def test_da_biao_only_when_the_scheme_sets_a_mark() -> None:
    assert passes(LINEAR, Decimal(100)) is None
    marked = replace(LINEAR, rules=Rules(pass_mark=Decimal(6)))
    assert passes(marked, Decimal(6)) is True and passes(marked, Decimal("5.99")) is False
