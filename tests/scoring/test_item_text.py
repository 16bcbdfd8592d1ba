"""An item's fields as the ledger shows them and as the clerk types them back (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scoring.edits import EditError
from scoring.item_text import ADOPTIONS, DATE, FLAGS, INSTRUCTIONS, TITLE, UNITS, field_text, with_field
from scoring.items import Instruction, ItemAdoption
from tests.scoring.ledger_helpers import JIA, YI, channel, itemwise_period, worked_example


@pytest.fixture
def period():
    return itemwise_period()


def test_every_field_reads_as_the_ledger_shows_it(period) -> None:
    item = replace(worked_example(period)[0], flags=("经转报", "头版头条"))
    shown = {name: field_text(period, item, name) for name in (UNITS, TITLE, DATE, ADOPTIONS, INSTRUCTIONS, FLAGS)}
    assert shown == {
        UNITS: "甲局、乙局",
        TITLE: "甲乙两局联合推进营商环境",
        DATE: "2026-01-05",
        ADOPTIONS: "市级采用专报、省级采用综合",
        INSTRUCTIONS: "市领导批示、市领导批示、省领导批示",
        FLAGS: "经转报、头版头条",
    }


@pytest.mark.parametrize("name", [UNITS, TITLE, DATE, ADOPTIONS, INSTRUCTIONS, FLAGS])
def test_what_is_shown_can_be_typed_back_unchanged(period, name: str) -> None:
    item = replace(worked_example(period)[0], flags=("经转报",))
    assert with_field(period, item, name, field_text(period, item, name)) == item


def test_typed_units_titles_dates_and_flags_are_tidied(period) -> None:
    item = worked_example(period)[1]
    assert with_field(period, item, UNITS, "乙局，甲局；乙局").unit_ids == (YI, JIA)
    assert with_field(period, item, TITLE, "  一季度   工作动态 ").title == "一季度 工作动态"
    assert with_field(period, item, DATE, "2026年1月7日").submitted_on == date(2026, 1, 7)
    assert with_field(period, item, FLAGS, "经转报、经转报/头版头条").flags == ("经转报", "头版头条")


def test_typed_adoptions_keep_the_dates_and_issues_already_recorded(period) -> None:
    item = worked_example(period)[0]
    city, province = channel(period, "市级采用"), channel(period, "省级采用")
    changed = with_field(period, item, ADOPTIONS, "省级采用*、市级采用、国家级采用专报")
    assert changed.adoptions == (
        ItemAdoption(province, True),
        ItemAdoption(city, False, date(2026, 1, 8), "《潜江政务信息》第12期"),
        ItemAdoption(channel(period, "国家级采用"), False),
    )


def test_typed_instructions_keep_the_dates_of_those_that_stay(period) -> None:
    item = worked_example(period)[0]
    changed = with_field(period, item, INSTRUCTIONS, "市领导批示、国家领导批示")
    assert changed.instructions == (Instruction("市领导批示"), Instruction("国家领导批示"))
    changed = with_field(period, replace(item, instructions=(Instruction("市领导批示", date(2026, 1, 20)),)),
                         INSTRUCTIONS, "市领导批示")
    assert changed.instructions == (Instruction("市领导批示", date(2026, 1, 20)),)


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        (UNITS, "甲局、丁局", "单位「丁局」不存在"),
        (UNITS, " 、 ", "至少要有一个单位"),
        (TITLE, "  ", "标题不能为空"),
        (DATE, "下周一", "「下周一」不是日期"),
        (ADOPTIONS, "县级采用专报", "「县级采用专报」应写成渠道名加 专报 或 综合"),
        (ADOPTIONS, "市级采用转载", "应写成渠道名加 专报 或 综合"),
        (INSTRUCTIONS, "县领导批示", "「县领导批示」不是计分办法中的批示级别"),
    ],
)
def test_a_bad_value_names_the_item_and_the_field(period, name: str, text: str, says: str) -> None:
    item = worked_example(period)[1]
    with pytest.raises(EditError, match=says) as raised:
        with_field(period, item, name, text)
    assert raised.value.problems[0].startswith(f"《{item.title}》「")


def test_a_channel_without_combined_adoptions_refuses_them(period) -> None:
    city = period.scheme.channel_named("市级采用")
    period.scheme = replace(period.scheme, channels=tuple(
        replace(c, accepts_combined=False) if c.id == city.id else c for c in period.scheme.channels))
    with pytest.raises(EditError, match="渠道「市级采用」不计综合采用"):
        with_field(period, worked_example(period)[1], ADOPTIONS, "市级采用综合")
