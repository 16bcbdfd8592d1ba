"""Item rules (按条目计分) in scheme files: read strictly, written back unchanged, checked before use."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.edits import EditError
from scoring.item_scheme import item_rule_problems, item_rules_from_dict, item_rules_to_dict
from scoring.items import InstructionLevel, ItemRules, JointMode, Multiplier, TaskEvents
from scoring.model import Event
from scoring.scheme_file import default_scheme

RULES = ItemRules(
    highest_only=False,
    instructions=(InstructionLevel("市领导批示", Decimal(5)), InstructionLevel("省领导批示", Decimal(10))),
    joint=JointMode.FIXED,
    joint_points=Decimal("1.5"),
    multipliers=(Multiplier("头版头条", Decimal(2)),),
    tasks=TaskEvents("约稿完成", "", "约稿未完成", adopted_only=True),
)


def test_item_rules_round_trip_through_a_scheme_file() -> None:
    assert item_rules_from_dict(item_rules_to_dict(RULES)) == RULES
    assert item_rules_from_dict(item_rules_to_dict(ItemRules())) == ItemRules()
    assert "tasks" not in item_rules_to_dict(ItemRules()) and "joint_points" not in item_rules_to_dict(ItemRules())


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ([], "「按条目计分」格式不对"),
        ({"highest_only": "是"}, "「就高不就低」只能是 true 或 false"),
        ({"instructions": {"name": "市领导批示"}}, "「批示」格式不对"),
        ({"instructions": [{"points": 5}]}, "有一条批示级别没有名称"),
        ({"instructions": [{"name": "市领导批示", "points": None}]}, "批示「市领导批示」的分值：不是有效的分值"),
        ({"instructions": [{"name": "市领导批示", "points": "五"}]}, "批示「市领导批示」的分值：「五」不是有效的分值"),
        ({"joint": "together"}, "「合报」只能是 split（均分）或 fixed"),
        ({"multipliers": [{"flag": "头版", "factor": []}]}, "标记「头版」的倍数：不是有效的分值"),
        ({"tasks": ["约稿完成"]}, "「约稿」格式不对"),
        ({"tasks": {"done": 1}}, "「约稿」格式不对"),
        ({"tasks": {"adopted_only": "yes"}}, "「约稿」格式不对"),
    ],
)
def test_bad_item_rules_in_a_file_are_refused_naming_the_rule(data, says: str) -> None:
    with pytest.raises(EditError, match=says) as raised:
        item_rules_from_dict(data, "「方法丙.json」：")
    assert raised.value.problems[0].startswith("「方法丙.json」：")


def test_item_rules_that_cannot_be_evaluated_are_named() -> None:
    bad = ItemRules(
        instructions=(InstructionLevel(" ", Decimal(1)), InstructionLevel("市领导批示", Decimal(1)),
                      InstructionLevel("市领导批示", Decimal(2))),
        joint=JointMode.FIXED,
        joint_points=Decimal(-1),
        multipliers=(Multiplier("", Decimal(2)), Multiplier("头版", Decimal(0)), Multiplier("头版", Decimal(2))),
        tasks=TaskEvents("约稿完成", "约稿迟报"),
    )
    scheme = replace(default_scheme(), items=bad, events=(Event(1, "约稿完成", Decimal(2)),))
    assert item_rule_problems(scheme) == [
        "批示级别的名称不能为空",
        "批示级别「市领导批示」重名",
        "加倍标记的名称不能为空",
        "加倍标记「头版」的倍数必须大于 0",
        "加倍标记「头版」重复",
        "合报每个单位的分值不能为负数",
        "约稿规则「约稿迟报」用到的扣分/加分事项「约稿迟报」不存在",
    ]
    assert item_rule_problems(default_scheme()) == []
    assert item_rule_problems(replace(scheme, items=RULES, events=(Event(1, "约稿完成", Decimal(2)),
                                                                    Event(2, "约稿未完成", Decimal(-5))))) == []
