"""Scheme rules that cannot be evaluated are refused, each problem named; rules files are read strictly."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.edits import EditError
from scoring.model import Event
from scoring.rules import SUBMITTED_PART, Limit, QuotaRule, RateRule, Rules, UnitClass, event_part
from scoring.scheme_file import default_scheme
from scoring.scheme_rules import check_scheme, events_from_list, rule_problems, rules_from_dict

SCHEME = default_scheme()
LATE = Event(1, "报送不及时", Decimal(-1))


def _with(events=(LATE,), **rules):
    return replace(SCHEME, events=events, rules=Rules(**rules))


@pytest.mark.parametrize(
    ("scheme", "problem"),
    [
        (_with(events=(Event(1, " ", Decimal(1)),)), "扣分/加分事项名称不能为空"),
        (_with(events=(LATE, Event(2, "报送不及时", Decimal(1)))), "扣分/加分事项「报送不及时」重名"),
        (_with(events=(Event(1, "得分", Decimal(1)),)), "扣分/加分事项「得分」与采用渠道或表格中的其他列同名"),
        (_with(events=(Event(1, SCHEME.channels[0].name, Decimal(1)),)), "与采用渠道或表格中的其他列同名"),
        (_with(classes=(UnitClass(""),)), "单位类别名称不能为空"),
        (_with(classes=(UnitClass("一类"), UnitClass("一类"))), "单位类别「一类」重名"),
        (_with(classes=(UnitClass("一类", 100000),), quota=QuotaRule()), "单位类别「一类」的报送定额必须在 0 到"),
        (_with(quota=QuotaRule()), "设置了「定额」计分，但没有任何单位类别设置定额"),
        (_with(classes=(UnitClass("一类", None, 2),)), "单位类别设置了定额，但没有设置「定额」如何计分"),
        (_with(rates=(RateRule(Decimal(0), Decimal(-1)),)), "「录用率」规则的比例必须大于 0%、不超过 100%"),
        (_with(limits=(Limit(" ", (SUBMITTED_PART,)),)), "上下限规则的名称不能为空"),
        (_with(limits=(Limit("基础分", ()),)), "上下限规则「基础分」没有选择任何计分项"),
        (_with(limits=(Limit("基础分", (event_part(1),), floor=Decimal(5), cap=Decimal(3)),)), "的上限 3 低于下限 5"),
        (_with(limits=(Limit("基础分", (event_part(9),)),)), "上下限规则「基础分」用到的"),
        (
            _with(limits=(Limit("甲", (event_part(1),)), Limit("乙", (event_part(1),)))),
            "「报送不及时」同时属于上下限规则「甲」和「乙」，只能属于一个",
        ),
    ],
)
def test_a_rule_that_cannot_be_evaluated_is_named(scheme, problem: str) -> None:
    problems = rule_problems(scheme)
    assert any(problem in p for p in problems), problems
    with pytest.raises(EditError):
        check_scheme(scheme)


def test_rules_that_can_be_evaluated_pass() -> None:
    scheme = _with(
        classes=(UnitClass("一类", 6),),
        quota=QuotaRule(missing_points=Decimal(-1)),
        rates=(RateRule(Decimal(30), Decimal(-1)),),
        limits=(Limit("基础分", (event_part(1),), Decimal(6), Decimal(0)),),
        pass_mark=Decimal(6),
    )
    assert rule_problems(scheme) == []
    check_scheme(scheme)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"classes": "一类"}, "「单位类别」格式不对"),
        ({"classes": [{"name": ""}]}, "有一条单位类别没有名称"),
        ({"classes": [{"name": "一类", "submitted_quota": -1}]}, "单位类别「一类」的报送定额必须是 0 到"),
        ({"quota": "每少一条扣一分"}, "「定额」格式不对"),
        ({"quota": {"missing_points": "x"}}, "「定额」的每少 1 条得分"),
        ({"rates": [{"below_percent": True, "points": 1}]}, "「录用率」的比例：不是有效的分值"),
        ({"limits": [{"name": "基础分", "parts": "报送不及时"}]}, "上下限规则「基础分」的计分项格式不对"),
        ({"limits": [{"name": "基础分", "parts": ["迟报"]}]}, "上下限规则「基础分」用到的「迟报」不存在"),
        ({"pass_mark": [6]}, "达标分数线：不是有效的分值"),
    ],
)
def test_a_rules_file_is_refused_naming_the_rule_and_the_file(data: dict, says: str) -> None:
    with pytest.raises(EditError, match=says) as raised:
        rules_from_dict(data, SCHEME.channels, (LATE,), "「方法甲.json」：")
    assert raised.value.problems[0].startswith("「方法甲.json」：")


def test_rules_are_read_with_their_parts_found_by_name() -> None:
    data = {
        "classes": [{"name": "一类", "submitted_quota": 6}],
        "quota": {"missing_points": "-1"},
        "limits": [{"name": "基础分", "parts": ["报送不及时", "定额"], "base": "6", "floor": "0"}],
        "pass_mark": 6,
    }
    events = events_from_list({"events": [{"name": "报送不及时", "points": -1}]})
    rules = rules_from_dict(data, SCHEME.channels, events)
    assert rules.limits[0].parts == (event_part(1), "quota") and rules.limits[0].cap is None
    assert rules.quota == QuotaRule(missing_points=Decimal(-1)) and rules.pass_mark == Decimal(6)
    with pytest.raises(EditError, match="有一条扣分/加分事项没有名称"):
        events_from_list({"events": [{"points": 1}]})
