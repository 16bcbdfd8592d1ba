"""The rules a clerk can break in an editor, each in one wording (no display needed): the domain
operations refuse with these texts and the dialogs check with the same functions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from scoring.document import PeriodDocument
from scoring.edits import SetAdjustments, SetInfo, SetOverride
from scoring.errors import EditError
from scoring.model import Adjustment, ListKind, Override, PeriodInfo, TieBreak
from scoring.scheme_file import default_scheme
from scoring.structure_edits import SetScheme
from scoring.validation import (
    NO_CHANNEL,
    NO_TITLE,
    START_AFTER_END,
    adjustment_problems,
    channel_name_problems,
    info_problems,
    missing_adjustment_reasons,
    missing_name,
    missing_override_reason,
    name_problems,
    repeated_names,
    tie_break_problems,
)


@pytest.fixture
def document(sample_copy):
    opened = PeriodDocument.open(sample_copy)
    yield opened
    opened.close()


def test_empty_names_are_named_by_position_and_repeats_once_each() -> None:
    assert missing_name("第 2 个分组") == "第 2 个分组没有填写名称"
    assert repeated_names(["甲", " 甲", "乙", "", "", "丙", "乙"], "单位") == ["单位「乙」重名", "单位「甲」重名"]
    assert name_problems(["甲", " ", "甲", "乙\t丙"], "分组", existing=["甲"]) == [
        "第 2 个分组没有填写名称",
        "分组「乙□丙」含有制表符（U+0009），请删除后重新输入",
        "分组「甲」重名",
    ]
    assert name_problems(["乙\t丙"], "分组", existing=["乙\t丙"]) == []  # accepted before the rule


def test_a_scheme_needs_a_channel_with_a_name_of_its_own() -> None:
    assert channel_name_problems([]) == [NO_CHANNEL]
    assert channel_name_problems(["网站", "", "网站"]) == ["第 2 个采用渠道没有填写名称", "采用渠道「网站」重名"]
    assert channel_name_problems(["网站", "专报"]) == []


def test_a_tie_break_rule_chosen_twice_is_named() -> None:
    assert tie_break_problems([TieBreak.ADOPTED, TieBreak.ADOPTED]) == ["同分规则重复：两次都选了「采用条目多者在前」"]
    assert tie_break_problems([TieBreak.SUBMITTED, TieBreak.ADOPTED]) == []


def test_reasons_missing_say_which_entries_and_whose() -> None:
    assert missing_adjustment_reasons([1, 3]) == "第 1、3 条加减分没有填写理由"
    assert missing_adjustment_reasons([2], "市经信局") == "市经信局：第 2 条加减分没有填写理由"
    assert missing_override_reason("「甲」、「乙」", ListKind.COMMEND) == "「甲」、「乙」：调整通报表扬名单必须写明理由"


def test_adjustments_need_reasons_of_allowed_characters() -> None:
    items = [Adjustment(Decimal(1), ""), Adjustment(Decimal(2), "迟报\x0b"), Adjustment(Decimal(3), "ok")]
    assert adjustment_problems(items, "甲", numbers=[2, 4, 5]) == [
        "甲：第 2 条加减分没有填写理由",
        "甲：第 4 条加减分的理由「迟报□」含有控制字符（U+000B），请删除后重新输入",
    ]
    assert adjustment_problems(items[1:], accepted=["迟报\x0b"]) == []
    assert adjustment_problems(items[1:]) == ["第 1 条加减分的理由「迟报□」含有控制字符（U+000B），请删除后重新输入"]


def test_period_information_title_notes_and_dates() -> None:
    july = PeriodInfo("2023年7月", date(2023, 7, 1), date(2023, 7, 31))
    assert info_problems(july) == []
    assert info_problems(PeriodInfo(" ", date(2023, 8, 1), date(2023, 7, 1))) == [NO_TITLE, START_AFTER_END]
    odd = PeriodInfo("7\u200b月", notes=("好", "注\x07"))
    assert info_problems(odd) == [
        "期间名称「7□月」含有不可见的格式字符（U+200B），请删除后重新输入",
        "第 2 条注「注□」含有控制字符（U+0007），请删除后重新输入",
    ]
    assert info_problems(odd, before=odd) == []  # kept as they were written before the rule
    assert info_problems(PeriodInfo("2023年", start=date(2023, 1, 1))) == []


def test_the_operations_refuse_in_the_same_words(document) -> None:
    period = document.period
    unit = next(iter(period.units.values()))
    refusals = [
        (SetInfo(PeriodInfo("", date(2023, 8, 1), date(2023, 7, 1))), [NO_TITLE, START_AFTER_END]),
        (SetAdjustments(unit.id, (Adjustment(Decimal(1), ""), Adjustment(Decimal(2), "x"), Adjustment(Decimal(3), " "))),
         [missing_adjustment_reasons([1, 3], unit.name)]),
        (SetOverride(unit.id, ListKind.CRITICISE, Override(True, " ")), [missing_override_reason(unit.name, ListKind.CRITICISE)]),
        (SetScheme(replace(default_scheme(), channels=(), tie_breaks=(TieBreak.ADOPTED, TieBreak.ADOPTED))),
         [NO_CHANNEL, *tie_break_problems([TieBreak.ADOPTED] * 2)]),
    ]
    for operation, expected in refusals:
        with pytest.raises(EditError) as refused:
            document.apply(operation)
        assert all(line in refused.value.problems for line in expected), refused.value.problems
