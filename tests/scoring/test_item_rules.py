"""Scoring item by item (方法丙): adoption and 批示 points, 合报 shares, 约稿 events, the working in words."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from scoring.cells import Count
from scoring.item_rules import (
    adoption_points,
    is_derived,
    item_working,
    switch_summary,
    task_event_ids,
    task_events,
    unit_share,
)
from scoring.items import Answer, ItemAdoption, ItemRules, JointMode, Multiplier, Task, TaskEvents
from scoring.model import ADOPTED, SUBMITTED, Event, EventKey, Tally
from tests.scoring.ledger_helpers import BING, JIA, YI, channel, itemwise_period, worked_example

EVENTS = (Event(1, "约稿完成", Decimal(2)), Event(2, "约稿迟报", Decimal(-1)), Event(3, "约稿未完成", Decimal(-10)))


def test_an_adoption_in_a_channel_no_longer_in_the_scheme_scores_nothing() -> None:
    period = itemwise_period()
    item = replace(worked_example(period)[1], adoptions=(ItemAdoption(99, False),))
    assert adoption_points(period.scheme, item) == 0
    both = replace(item, adoptions=(ItemAdoption(99, False), ItemAdoption(channel(period, "省级采用"), False)))
    assert adoption_points(period.scheme, both) == adoption_points(period.scheme, replace(both, adoptions=both.adoptions[1:]))


def test_all_adoptions_count_when_not_highest_only_and_flags_multiply() -> None:
    period = itemwise_period()
    rules = replace(period.scheme.items, highest_only=False, multipliers=(Multiplier("头版头条", Decimal(2)),))
    scheme = replace(period.scheme, items=rules)
    city, province = channel(period, "市级采用"), channel(period, "省级采用")
    item = replace(worked_example(period)[1], adoptions=(ItemAdoption(city, False), ItemAdoption(province, False)))
    one = adoption_points(scheme, replace(item, adoptions=item.adoptions[:1]))
    two = adoption_points(scheme, replace(item, adoptions=item.adoptions[1:]))
    assert adoption_points(scheme, item) == one + two
    assert adoption_points(scheme, replace(item, flags=("头版头条",))) == 2 * (one + two)
    assert "（头版头条×2）" in item_working(scheme, replace(item, flags=("头版头条",)))


def test_a_joint_item_is_shared_evenly_or_at_fixed_points() -> None:
    split = ItemRules()
    assert unit_share(split, Decimal(10), 3) == Decimal("3.33") and unit_share(split, Decimal(10), 1) == Decimal(10)
    fixed = ItemRules(joint=JointMode.FIXED, joint_points=Decimal(4))
    assert unit_share(fixed, Decimal(10), 3) == Decimal(4) and unit_share(fixed, Decimal(0), 3) == 0
    period = itemwise_period()
    period.scheme = replace(period.scheme, items=replace(period.scheme.items, joint=JointMode.FIXED, joint_points=Decimal(4)))
    assert item_working(period.scheme, worked_example(period)[0]).endswith("，合报 2 家每家固定分值")


def test_task_answers_become_counted_events_for_the_units_asked() -> None:
    period = itemwise_period()
    tasks = [
        Task(1, "一季度", (JIA, YI, BING), None, ((JIA, Answer.ON_TIME, False), (YI, Answer.LATE, False))),
        Task(2, "二季度", (JIA,), None, ((JIA, Answer.ON_TIME, True),)),
    ]
    rules = replace(period.scheme.items, tasks=TaskEvents("约稿完成", "约稿迟报", "约稿未完成", adopted_only=True))
    scheme = replace(period.scheme, events=EVENTS, items=rules)
    assert task_events(scheme, tasks, JIA) == {1: 1}  # 一季度 was on time but not adopted: no 约稿完成
    assert task_events(scheme, tasks, YI) == {2: 1}
    assert task_events(scheme, tasks, BING) == {3: 1}
    assert task_events(replace(scheme, items=None), tasks, JIA) == {}
    assert task_events(replace(scheme, items=replace(rules, tasks=TaskEvents("约稿完成"))), tasks, YI) == {}
    assert task_event_ids(scheme) == {1, 2, 3} and task_event_ids(replace(scheme, items=None)) == set()


def test_in_ledger_mode_only_typed_events_are_not_derived() -> None:
    period = itemwise_period()
    period.scheme = replace(period.scheme, events=EVENTS + (Event(4, "被上级通报", Decimal(-2)),),
                            items=replace(period.scheme.items, tasks=TaskEvents("约稿完成")))
    assert is_derived(period, SUBMITTED) and is_derived(period, ADOPTED) and is_derived(period, EventKey(1))
    assert not is_derived(period, EventKey(4))
    period.ledger = False
    assert not is_derived(period, SUBMITTED)


def test_switching_to_the_ledger_lists_each_unit_whose_typed_counts_it_replaces() -> None:
    period = itemwise_period(ledger=False)
    period.items = {item.id: item for item in worked_example(period)}
    city = channel(period, "市级采用")
    period.tallies[JIA] = Tally(2, 1, {city: Count(1)})
    period.tallies[BING] = Tally(0, 0, {city: Count(0, 2)})
    lines = switch_summary(period)
    assert lines == [
        "甲局：省级采用 0 → 1*",  # 报送 2, 采用 1 and 市级采用 1 as typed: unchanged
        "乙局：报送条目 0 → 1，采用条目 0 → 1，市级采用 0 → 1，省级采用 0 → 1*",
        "丙局：市级采用 2* → 0",
    ]
    period.ledger = True
    assert switch_summary(period) == []
