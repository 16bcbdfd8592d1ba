"""A score explained in words (得分明细) and a scheme's rules in short sentences."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from scoring.explain import explain, rules_summary
from scoring.model import Group, Period, PeriodInfo, Scheme, Tally, Unit
from scoring.rules import SUBMITTED_PART, Limit, QuotaRule, Rules, UnitClass
from scoring.scheme_file import default_scheme, load_scheme
from tests.conftest import RESOURCES


def test_the_rules_of_method_jia_read_as_sentences() -> None:
    scheme = load_scheme(RESOURCES / "schemes" / "zhonglou-quarterly.json")
    assert rules_summary(scheme) == [
        "区领导批示 每次 +10", "市领导批示 每次 +20", "省级及以上领导批示 每次 +40", "约稿完成 每次 +2",
        "报送不及时 每次 -1", "被上级通报 每次 -2", "类别「一类」报送定额 6", "类别「二类」报送定额 3",
        "达到定额 定额分 0，每少 1 条 -1，每多 1 条 0", "录用率：采用/报送低于 30% 得 -1",
        "基础分：6 起计（报送不及时、被上级通报、定额、录用率），最低 0", "低于 6 分为不达标",
    ]
    assert rules_summary(default_scheme()) == []


def test_classes_without_quotas_and_limits_without_bounds_say_so() -> None:
    rules = Rules(classes=(UnitClass("乡镇"), UnitClass("部门", 4, 1)), quota=QuotaRule(Decimal(10)),
                  limits=(Limit("报送分", (SUBMITTED_PART,), cap=Decimal(5)), Limit("其他", (SUBMITTED_PART,))))
    lines = rules_summary(replace(default_scheme(), rules=rules))
    assert "类别「乡镇」不设定额" in lines and "类别「部门」报送定额 4、采用定额 1" in lines
    assert "报送分：0 起计（报送条目），最高 5" in lines and "其他：0 起计（报送条目），不设上下限" in lines


def _period(scheme: Scheme, tally: Tally, category: str = "部门") -> Period:
    return Period(PeriodInfo("2024年1月"), scheme, [Group(1, "一组")], [Unit(1, "甲局", 1, category=category)], {1: tally})


def test_a_quota_exceeded_reads_as_met_plus_extra_and_the_verdict_is_given() -> None:
    rules = Rules(classes=(UnitClass("部门", 4),), quota=QuotaRule(Decimal(10), Decimal(-1), Decimal(1), "月度基础分"),
                  pass_mark=Decimal(12))
    scheme = replace(default_scheme(), submitted_points=Decimal(0), adopted_points=Decimal(0), rules=rules)
    explained = explain(_period(scheme, Tally(6, 0)), 1)
    assert explained.text == "月度基础分 10 + 多报 2 → 12"
    assert ("多报", "「部门」比定额多 2 条 × 1", Decimal(2)) in explained.lines
    assert explained.lines[-1] == ("得分", "达标", Decimal(12))
    short = explain(_period(scheme, Tally(1, 0)), 1)
    assert short.text == "− 少报 3 → -3"
    assert short.lines[-1] == ("得分", "不达标", Decimal(-3))
