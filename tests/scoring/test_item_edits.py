"""Edits of the item ledger: every problem of an item or a 约稿 task named, and the change log in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scoring.edits import EditError
from scoring.item_edits import MAX_TITLE, SetItems, SetLedgerMode, SetTask, describe_item, item_problems, task_problems
from scoring.items import Answer, Item, ItemAdoption, Task
from tests.scoring.ledger_helpers import BING, JIA, YI, create, itemwise_period, worked_example


def test_an_item_is_described_in_one_line_for_the_change_log() -> None:
    period = itemwise_period()
    item = replace(worked_example(period)[0], flags=("头版头条",))
    assert describe_item(period, item) == (
        "甲局、乙局《甲乙两局联合推进营商环境》2026-01-05 市级采用专报《潜江政务信息》第12期 省级采用综合"
        " 市领导批示 市领导批示 省领导批示 [头版头条]"
    )
    gone = replace(item, unit_ids=(JIA, 99), adoptions=(ItemAdoption(77, False),), instructions=(), flags=())
    assert describe_item(period, gone) == "甲局、单位99《甲乙两局联合推进营商环境》2026-01-05 渠道77专报"


def test_every_problem_of_an_item_is_named() -> None:
    period = itemwise_period()
    city = period.scheme.channel_named("市级采用")
    period.scheme = replace(period.scheme, channels=tuple(
        replace(c, accepts_combined=False) if c.id == city.id else c for c in period.scheme.channels))
    bad = Item(5, (JIA, JIA, 99), "动态", date(2026, 1, 3), (ItemAdoption(city.id, True), ItemAdoption(88, False)),
               task_id=4)
    assert item_problems(period, bad) == [
        "条目《动态》：同一单位写了两次",
        "条目《动态》：单位（编号 99）不存在",
        "条目《动态》：采用渠道「市级采用」不计综合采用",
        "条目《动态》：采用渠道（编号 88）不存在",
        "条目《动态》：对应的约稿任务不存在",
    ]
    assert item_problems(period, Item(6, (), " ", date(2026, 1, 3))) == ["条目《（无标题）》：标题不能为空", "条目《（无标题）》：没有填写单位"]
    assert item_problems(period, Item(7, (JIA,), "长" * (MAX_TITLE + 1), date(2026, 1, 3)))[0].endswith("标题太长（最多 500 个字）")


def test_a_change_of_items_is_refused_whole_when_any_part_is_wrong(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    good = worked_example(document.period)[1]
    with pytest.raises(EditError) as raised:
        document.apply(SetItems(((good.id, good), (8, replace(good, id=9)), (42, None))))
    assert raised.value.problems == ["条目《甲局一季度工作动态》的编号不一致", "条目（编号 42）不存在，可能已被删除"]
    assert document.period.items == {}
    document.close()


def test_items_of_a_period_not_in_ledger_mode_are_kept_but_do_not_score(tmp_path) -> None:
    document = create(tmp_path, itemwise_period(ledger=False))
    before = dict(document.standings.scores)
    applied = document.apply(SetItems.adding(worked_example(document.period)))
    assert set(document.period.items) == {1, 2} and document.standings.scores == before and not applied.touched
    document.apply(SetLedgerMode(True))
    assert document.standings.score(JIA) > before[JIA]
    assert document.file.audit_log()[-1][2:] == ("ledger.mode", "2026年1月", "手工填写", "台账模式")
    document.apply(SetLedgerMode(True))  # already on: nothing to log
    assert document.file.audit_log()[-1][2] == "ledger.mode" and len(document.file.audit_log()) == 4
    document.close()


def test_every_problem_of_a_task_is_named_and_a_task_is_logged_with_its_answers(tmp_path) -> None:
    period = itemwise_period()
    assert task_problems(period, Task(1, " ", ())) == ["约稿「（无标题）」：标题不能为空", "约稿「（无标题）」：没有约稿单位"]
    assert task_problems(period, Task(1, "半年总结", (JIA, 99), None, ((YI, Answer.LATE, False),))) == [
        "约稿「半年总结」：单位（编号 99）不存在",
        "约稿「半年总结」：单位（编号 2）不在约稿单位中",
    ]
    document = create(tmp_path, period)
    with pytest.raises(EditError, match="没有约稿单位"):
        document.apply(SetTask(1, Task(1, "半年总结", ())))
    document.apply(SetTask(1, Task(1, "半年总结", (JIA, BING), None, ((JIA, Answer.ON_TIME, True),))))
    assert document.file.audit_log()[-1][2:] == ("task.add", "半年总结", None, "半年总结（无截止日期）：甲局按时报送、已采用，丙局未报送")
    document.close()

