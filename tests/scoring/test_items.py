"""The item ledger: 方法丙 scored from items, ledger mode, item edits through the one commit path."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError, SetTally
from scoring.explain import explain
from scoring.item_edits import SetItems, SetLedgerMode, SetTask
from scoring.item_rules import switch_summary
from scoring.items import Answer, Instruction, Item, ItemAdoption, JointMode, Multiplier, Task, TaskEvents
from scoring.model import ADOPTED, SUBMITTED, Event, EventKey
from scoring.scheme_file import load_scheme, scheme_from_dict, scheme_to_dict
from scoring.storage import PeriodFile, schema
from scoring.structure_edits import SetScheme, SetUnits
from tests.conftest import FIXTURES
from tests.scoring.ledger_helpers import BING, ITEMWISE, JIA, YI, channel, create, itemwise_period, worked_example


def test_the_worked_example_of_method_c_scores_27_and_26(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    assert document.standings.score(JIA) == Decimal(27)
    assert document.standings.score(YI) == Decimal(26)
    assert document.standings.rank(JIA) == 1 and document.standings.rank(YI) == 2
    document.close()
    reopened = PeriodDocument.open(tmp_path / "2026年1月.zwxx")
    assert reopened.standings.score(JIA) == Decimal(27) and reopened.standings.score(YI) == Decimal(26)
    assert reopened.period.items[1].adoptions[0].issue == "《潜江政务信息》第12期"
    assert reopened.period.items[1].instructions[1].on == date(2026, 1, 20)
    reopened.close()


def test_tallies_are_counted_from_the_items(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    city, province = channel(document.period, "市级采用"), channel(document.period, "省级采用")
    jia, yi = document.period.tallies[JIA], document.period.tallies[YI]
    assert (jia.submitted, jia.adopted, yi.submitted, yi.adopted) == (2, 1, 1, 1)
    assert jia.adoptions == {city: Count(1, 0), province: Count(0, 1)}
    assert document.period.tallies[BING].submitted == 0
    document.close()


def test_explanation_lists_the_items_behind_the_score(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    lines = explain(document.period, JIA).lines
    titles = [line[0] for line in lines]
    assert "《甲乙两局联合推进营商环境》" in titles and "《甲局一季度工作动态》" in titles
    joint = next(line for line in lines if line[0] == "《甲乙两局联合推进营商环境》")
    assert joint[2] == Decimal(25)
    assert "就高不就低" in joint[1] and "同级只计一次" in joint[1] and "合报 2 家均分" in joint[1]
    assert lines[-1] == ("得分", "", Decimal(27))
    document.close()


def test_item_edits_are_one_undo_step_each_and_audited(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    applied = document.apply(SetItems.adding(worked_example(document.period)))
    assert JIA in applied.delta.scores and YI in applied.delta.scores
    changed = replace(document.period.items[2], title="甲局工作动态（修改）", adoptions=(ItemAdoption(channel(document.period, "国家级采用")),))
    edit = document.apply(SetItems(((2, changed),)))
    assert document.standings.score(JIA) == Decimal(127)
    document.apply(edit.inverse)
    assert document.standings.score(JIA) == Decimal(27)
    document.apply(applied.inverse)
    assert document.period.items == {} and document.standings.score(JIA) == 0
    actions = [row[2] for row in document.file.audit_log()]
    assert actions.count("item.add") == 2 and "item.change" in actions and actions.count("item.remove") >= 2
    document.close()


def test_bad_items_are_refused_naming_the_item_and_nothing_changes(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    bad = Item(1, (JIA, 99), "  ", date(2026, 1, 1), (ItemAdoption(77),))
    with pytest.raises(EditError) as caught:
        document.apply(SetItems.adding([bad]))
    text = str(caught.value)
    assert "标题不能为空" in text and "编号 99" in text and "采用渠道" in text
    assert document.period.items == {}
    document.close()


def test_switching_to_ledger_mode_says_what_is_replaced_and_switching_back_restores_typed_tallies(tmp_path) -> None:
    document = create(tmp_path, itemwise_period(ledger=False))
    city = channel(document.period, "市级采用")
    document.apply([SetTally(JIA, SUBMITTED, 5), SetTally(JIA, ADOPTED, 2), SetTally(JIA, city, Count(2, 1))])
    document.apply(SetItems.adding(worked_example(document.period)))  # typed mode: items do not count yet
    assert document.period.tallies[JIA].submitted == 5
    summary = switch_summary(document.period)
    assert any(line.startswith("甲局：报送条目 5 → 2") and "市级采用 2+1* → 1" in line for line in summary)
    switched = document.apply(SetLedgerMode(True))
    assert document.standings.score(JIA) == Decimal(27)
    with pytest.raises(EditError, match="信息条目台账"):
        document.apply(SetTally(JIA, SUBMITTED, 9))
    document.close()
    reopened = PeriodDocument.open(tmp_path / "2026年1月.zwxx")
    assert reopened.period.ledger and reopened.period.tallies[JIA].submitted == 2
    reopened.apply(switched.inverse)
    assert reopened.period.tallies[JIA].submitted == 5
    assert reopened.period.tallies[JIA].adoptions[city] == Count(2, 1)
    assert "ledger.mode" in [row[2] for row in reopened.file.audit_log()]
    reopened.close()


def test_counted_events_stay_typed_in_ledger_mode(tmp_path) -> None:
    period = itemwise_period()
    period.scheme = replace(period.scheme, events=(Event(1, "报送不及时", Decimal(-1)),))
    document = create(tmp_path, period)
    document.apply(SetItems.adding(worked_example(document.period)))
    undo = document.apply(SetTally(JIA, EventKey(1), 2))
    assert document.standings.score(JIA) == Decimal(25)
    document.apply(undo.inverse)
    assert document.standings.score(JIA) == Decimal(27)
    document.close()


def test_yue_gao_answers_become_counted_events(tmp_path) -> None:
    period = itemwise_period()
    events = (Event(1, "约稿完成", Decimal(2)), Event(2, "约稿迟报", Decimal(-1)), Event(3, "约稿未完成", Decimal(-10)))
    rules = replace(period.scheme.items, tasks=TaskEvents("约稿完成", "约稿迟报", "约稿未完成"))
    period.scheme = replace(period.scheme, events=events, items=rules)
    document = create(tmp_path, period)
    task = Task(1, "一季度经济运行", (JIA, YI, BING), date(2026, 1, 20), ((JIA, Answer.ON_TIME, True), (YI, Answer.LATE, False)))
    document.apply(SetTask(1, task))
    assert [document.standings.score(u) for u in (JIA, YI, BING)] == [Decimal(2), Decimal(-1), Decimal(-10)]
    assert document.period.tallies[BING].events == {3: 1}
    with pytest.raises(EditError, match="约稿"):
        document.apply(SetTally(JIA, EventKey(1), 5))
    document.apply(SetItems.adding([Item(1, (JIA,), "稿", date(2026, 1, 3), task_id=1)]))
    with pytest.raises(EditError, match="对应这项约稿"):  # an item answering the task keeps it
        document.apply(SetTask(1, None))
    document.close()
    reopened = PeriodDocument.open(tmp_path / "2026年1月.zwxx")
    assert reopened.standings.score(BING) == Decimal(-10) and reopened.period.tasks[1].answer(YI) == (Answer.LATE, False)
    reopened.close()


def test_batch_points_multipliers_and_fixed_joint_points(tmp_path) -> None:
    period = itemwise_period()
    rules = replace(period.scheme.items, multipliers=(Multiplier("经转报", Decimal(2)),), joint=JointMode.FIXED, joint_points=Decimal(3))
    period.scheme = replace(period.scheme, items=rules)
    document = create(tmp_path, period)
    city = channel(document.period, "市级采用")
    forwarded = Item(1, (JIA,), "经转报的条目", date(2026, 1, 2), (ItemAdoption(city),), (Instruction("市领导批示"),), ("经转报",))
    joint = Item(2, (JIA, YI, BING), "三家合报", date(2026, 1, 2), (ItemAdoption(city),))
    document.apply(SetItems.adding([forwarded, joint]))
    assert document.standings.score(JIA) == 20 + 10 + 3 + 2  # 10×2, 批示 not multiplied, fixed 3, 报送分 2
    assert document.standings.score(BING) == 3 + 1
    document.close()


def test_split_shares_round_half_up_to_cents(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    city = channel(document.period, "市级采用")
    document.apply(SetItems.adding([Item(1, (JIA, YI, BING), "三家合报", date(2026, 1, 2), (ItemAdoption(city),))]))
    assert document.standings.score(JIA) == Decimal("3.33") + 1  # 10 / 3
    document.apply(SetItems(((1, Item(1, (JIA, YI, BING), "三家合报", date(2026, 1, 2), (ItemAdoption(city, True),))),)))
    assert document.standings.score(JIA) == Decimal("1.33") + 1  # 4 / 3
    document.apply(SetItems(((1, Item(1, (JIA, YI), "两家合报", date(2026, 1, 2), (ItemAdoption(channel(document.period, "省级采用"), True), ItemAdoption(channel(document.period, "市级采用"), True)), (Instruction("市领导批示"),))),)))
    assert document.standings.score(JIA) == Decimal(10) + 1  # max(10, 4) + 10 = 20 → 10 each
    document.close()


def test_a_channel_or_unit_in_the_ledger_cannot_be_deleted(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    city = channel(document.period, "市级采用")
    fewer = replace(document.period.scheme, channels=tuple(c for c in document.period.scheme.channels if c.id != city))
    with pytest.raises(EditError, match="市级采用」在信息条目台账中有 1 条采用记录"):
        document.apply(SetScheme(fewer))
    with pytest.raises(EditError, match="乙局」在台账中有 1 条信息条目"):
        document.apply(SetUnits(tuple(u for u in document.period.units.values() if u.id != YI)))
    undo = document.apply(SetUnits(tuple(u for u in document.period.units.values() if u.id != BING)))
    document.apply(undo.inverse)
    assert document.standings.score(JIA) == Decimal(27)
    document.close()


def test_changing_item_rules_rescores_the_ledger(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    summed = replace(document.period.scheme, items=replace(document.period.scheme.items, highest_only=False))
    undo = document.apply(SetScheme(summed))
    assert document.standings.score(JIA) == Decimal(27 + 5)  # (10 + 10 + 40) / 2 = 30
    document.apply(undo.inverse)
    assert document.standings.score(JIA) == Decimal(27)
    document.close()


def test_item_rules_round_trip_as_scheme_file_version_3_and_bad_rules_are_named() -> None:
    scheme = load_scheme(ITEMWISE)
    data = scheme_to_dict(scheme)
    assert data["version"] == 3 and data["items"]["instructions"][0] == {"name": "市领导批示", "points": "10"}
    assert scheme_from_dict(json.loads(json.dumps(data))) == scheme
    data["items"]["multipliers"] = [{"flag": "经转报", "factor": "0"}]
    with pytest.raises(EditError, match="经转报」的倍数必须大于 0"):
        scheme_from_dict(data)
    data["items"] = {"joint": "half"}
    with pytest.raises(EditError, match="合报"):
        scheme_from_dict(data)
    data["items"] = {"tasks": {"done": "不存在的事项"}}
    with pytest.raises(EditError, match="不存在的事项"):
        scheme_from_dict(data)


def test_version_3_fixture_holds_items_and_a_task(tmp_path) -> None:
    copy = tmp_path / "v3.zwxx"
    shutil.copyfile(FIXTURES / "period-v3.zwxx", copy)
    document = PeriodDocument.open(copy)
    assert not document.period.ledger
    assert [i.title for i in document.period.items.values()] == ["两部门联合推进项目建设", "街道垃圾分类试点"]
    assert document.period.items[1].unit_ids == (1, 2) and document.period.items[1].flags == ("经转报",)
    assert document.period.tasks[1].answer(3) == (Answer.LATE, False)
    document.close()


def test_a_version_2_file_is_upgraded_after_a_backup_and_takes_items(tmp_path) -> None:
    copy = tmp_path / "old.zwxx"
    shutil.copyfile(FIXTURES / "period-v2.zwxx", copy)
    file = PeriodFile.open(copy)
    assert file.migration_backup is not None
    backup = sqlite3.connect(file.migration_backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
    backup.close()
    assert file._conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 3
    file.close()
    document = PeriodDocument.open(copy)
    score = document.standings.score(1)
    document.apply(SetItems.adding([Item(1, (1,), "升级后的第一条", date(2023, 6, 1))]))
    assert document.standings.score(1) == score  # typed mode: items are recorded, tallies stay typed
    document.close()
    assert PeriodDocument.open(copy).period.items[1].title == "升级后的第一条"


def test_rank_preview_of_a_scheme_change_scores_the_ledger_by_item(tmp_path) -> None:
    from scoring.scheme_changes import rank_preview

    document = create(tmp_path, itemwise_period())
    city = channel(document.period, "市级采用")
    document.apply(
        SetItems.adding(
            [
                Item(1, (JIA,), "只有批示", date(2026, 1, 2), (), (Instruction("市领导批示"),)),
                Item(2, (YI,), "综合采用", date(2026, 1, 2), (ItemAdoption(city, True),)),
            ]
        )
    )
    assert [document.standings.score(u) for u in (JIA, YI)] == [Decimal(11), Decimal(5)]
    renamed = replace(document.period.scheme, name="同一办法")
    assert rank_preview(document.period, renamed) == []
    cheaper = replace(renamed, items=replace(renamed.items, instructions=()))
    assert rank_preview(document.period, cheaper) == ["乙局：第 2 名 → 第 1 名（得分 5 → 5）", "甲局：第 1 名 → 第 2 名（得分 11 → 1）"]
    document.close()


def test_the_one_line_explanation_names_the_scoring_items(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    assert explain(document.period, JIA).text == "条目得分 25（《甲乙两局联合推进营商环境》25） + 报送条目 2 → 27"
    document.close()
