"""Item tables in and out: 方法丙's table, row-level errors, duplicates, round trips, order independence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.edits import EditError
from scoring.exchange.item_table import item_rows, plan_item_import, read_item_table, write_item_table
from scoring.item_rules import enter_ledger
from scoring.items import Answer, Instruction, Item, ItemAdoption, Task
from scoring.standings import Standings
from tests.scoring.ledger_helpers import BING, JIA, YI, create, itemwise_period

HEADER = ["单位", "标题", "报送日期", "采用渠道", "采用类型", "批示"]
EXAMPLE = [
    HEADER,
    ["甲局、乙局", "联合推进营商环境", "2026-01-05", "市级采用", "专报", "市领导批示"],
    ["甲局、乙局", "联合推进营商环境", "2026-01-05", "省级采用", "综合", "市领导批示"],
    ["甲局", "一季度工作动态", "2026/1/9", "", "", ""],
    ["乙局、甲局", "联合推进营商环境", "2026年1月5日", "", "", "省领导批示"],
]


def _write_csv(path, rows) -> None:
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8-sig")


def test_the_method_c_table_imports_as_one_undo_step_and_scores_27_and_26(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    table = tmp_path / "条目.csv"
    _write_csv(table, [["2026年1月信息条目"], *EXAMPLE])
    plan = read_item_table(table, document.period)
    assert plan.problems == [] and len(plan.items) == 2 and plan.rows == 4
    applied = document.apply(plan.operation)
    assert document.standings.score(JIA) == Decimal(27) and document.standings.score(YI) == Decimal(26)
    joint = document.period.items[1]
    assert joint.unit_ids == (JIA, YI) and len(joint.adoptions) == 2 and len(joint.instructions) == 3
    document.apply(applied.inverse)
    assert document.period.items == {}
    document.close()


def test_every_bad_row_is_named_and_nothing_is_applied(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    rows = [
        *EXAMPLE,
        ["丁局", "不存在的单位", "2026-01-05", "", "", ""],
        ["甲局", "渠道不对", "2026-01-05", "县级采用", "专报", ""],
        ["甲局", "日期不对", "2026-13-45", "", "", ""],
        ["甲局", "类型不对", "2026-01-05", "市级采用", "简报", ""],
        ["甲局", "批示不对", "2026-01-05", "", "", "区领导批示"],
    ]
    plan = plan_item_import(rows, document.period, "「条目.csv」")
    assert plan.problems == [
        "「条目.csv」第 6 行：单位「丁局」不存在（请核对名称，或先在单位管理中添加）",
        "「条目.csv」第 7 行「采用渠道」：「县级采用」不是计分办法中的采用渠道（市级采用、省级采用、国家级采用）",
        "「条目.csv」第 8 行「报送日期」：「2026-13-45」不是日期（应写成如 2026-01-05）",
        "「条目.csv」第 9 行「采用类型」：「简报」只能是 专报 或 综合",
        "「条目.csv」第 10 行「批示」：「区领导批示」不是计分办法中的批示级别（国家领导批示、市领导批示、省领导批示）",
    ]
    with pytest.raises(EditError):
        document.apply(plan.operation)
    assert document.period.items == {}
    document.close()


def test_items_already_in_the_ledger_are_flagged_and_not_added_twice(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(plan_item_import(EXAMPLE, document.period, "「一」").operation)
    again = plan_item_import([*EXAMPLE, ["丙局", "新条目", "2026-01-20", "", "", ""]], document.period, "「二」")
    assert [i.title for i in again.items] == ["新条目"]
    assert again.duplicates == [
        "「二」第 2 行《联合推进营商环境》（2026-01-05）：已在台账中",
        "「二」第 4 行《一季度工作动态》（2026-01-09）：已在台账中",
    ]
    assert "2 条已在台账中" in again.summary()
    document.close()


def test_a_table_without_the_columns_is_refused() -> None:
    with pytest.raises(EditError, match="找不到表头"):
        plan_item_import([["单位", "得分"], ["甲局", "3"]], itemwise_period(), "「表」")
    with pytest.raises(EditError, match="缺少「报送日期」列"):
        plan_item_import([["单位", "标题"], ["甲局", "x"]], itemwise_period(), "「表」")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_back_the_same_items(tmp_path, suffix) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(plan_item_import(EXAMPLE, document.period).operation)
    before = dict(document.period.items)
    target = tmp_path / f"台账{suffix}"
    write_item_table(document.period, target)
    document.apply(__import__("scoring.item_edits", fromlist=["SetItems"]).SetItems.deleting(list(before)))
    plan = read_item_table(target, document.period)
    document.apply(plan.operation)
    assert [(i.unit_ids, i.title, i.submitted_on, i.adoptions, i.instructions) for i in document.period.items.values()] == [
        (i.unit_ids, i.title, i.submitted_on, i.adoptions, i.instructions) for i in before.values()
    ]
    assert document.standings.score(JIA) == Decimal(27)
    document.close()


# -- order never changes a score ----------------------------------------------------------------

_channels = st.sampled_from([(1, False), (1, True), (2, False), (2, True), (3, False), (3, True)])
_levels = st.sampled_from(["市领导批示", "省领导批示", "国家领导批示"])
_items = st.lists(
    st.tuples(
        st.lists(st.sampled_from([JIA, YI, BING]), min_size=1, max_size=3, unique=True),
        st.dates(date(2026, 1, 1), date(2026, 1, 31)),
        st.lists(_channels, max_size=3),
        st.lists(_levels, max_size=3),
    ),
    max_size=8,
)


def _period_with(specs, order):
    period = itemwise_period()
    items = [
        Item(n + 1, tuple(units), f"条目{n}", on, tuple(ItemAdoption(c, k) for c, k in adoptions), tuple(Instruction(x) for x in levels))
        for n, (units, on, adoptions, levels) in enumerate(specs)
    ]
    period.items = {new_id: Item(new_id, *_fields(items[old])) for new_id, old in enumerate(order, start=1)}
    return period


def _fields(item: Item):
    return item.unit_ids, item.title, item.submitted_on, item.adoptions, item.instructions


def _scores(period) -> list[Decimal]:
    enter_ledger(period)
    standings = Standings(period)
    return [standings.score(u) for u in (JIA, YI, BING)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=_items, data=st.data())
def test_item_order_row_order_and_split_rows_never_change_a_score(specs, data) -> None:
    period = _period_with(specs, list(range(len(specs))))
    expected = _scores(period)
    shuffled = data.draw(st.permutations(range(len(specs))))
    assert _scores(_period_with(specs, shuffled)) == expected
    rows = item_rows(period)
    header, body = rows[0], rows[1:]
    split = []
    for row in body:  # a row with an adoption and a 批示 becomes two rows
        if row[3] and row[7] and data.draw(st.booleans()):
            split += [row[:7] + ["", ""] + row[9:], row[:3] + ["", "", "", ""] + row[7:]]
        else:
            split.append(row)
    order = data.draw(st.permutations(split))
    fresh = itemwise_period()
    plan = plan_item_import([header, *order], fresh)
    assert plan.problems == []
    fresh.items = {item.id: item for item in plan.items}
    assert _scores(fresh) == expected


_cells = st.one_of(
    st.sampled_from(["甲局", "乙局、丙局", "丁局", "市级采用", "县级采用", "专报", "综合", "简报", "市领导批示", "区领导批示",
                     "2026-01-05", "2026/13/1", "2026年1月5日", "", " ", "=1+1", "标题"]),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(body=st.lists(st.lists(_cells, max_size=8), max_size=12))
def test_any_table_is_planned_or_refused_in_words_naming_the_row(body) -> None:
    period = itemwise_period()
    try:
        plan = plan_item_import([HEADER, *body], period, "「表」")
    except EditError as error:  # only a missing header can refuse the whole table
        assert all(problem.startswith("「表」") for problem in error.problems)
        return
    for problem in plan.problems:
        assert problem.startswith("「表」第 ") and " 行" in problem
    if plan.problems:
        with pytest.raises(EditError):
            plan.operation  # noqa: B018 - refusing is the behaviour under test
    else:
        for item in plan.items:
            assert item.title and item.unit_ids and set(item.unit_ids) <= {JIA, YI, BING}


def test_a_formula_like_title_stays_text_in_excel(tmp_path) -> None:
    from openpyxl import load_workbook

    document = create(tmp_path, itemwise_period())
    document.apply(plan_item_import([HEADER, ["甲局", "=1+1", "2026-01-05", "市级采用", "专报", ""]], document.period).operation)
    target = tmp_path / "台账.xlsx"
    write_item_table(document.period, target)
    cell = load_workbook(target).active["B2"]
    assert cell.value == "=1+1" and cell.data_type == "s"
    from scoring.item_outputs import write_adopted_items

    write_adopted_items(document.period, tmp_path / "清单.xlsx")
    cell = load_workbook(tmp_path / "清单.xlsx").active["B3"]
    assert cell.value == "=1+1" and cell.data_type == "s"
    document.close()


def test_a_formula_like_title_is_neutralised_in_csv_and_read_back_unchanged(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    row = ["甲局", "=HYPERLINK(\"x\")", "2026-01-05", "市级采用", "专报", ""]
    document.apply(plan_item_import([HEADER, row], document.period).operation)
    target = tmp_path / "台账.csv"
    write_item_table(document.period, target)
    assert "'=HYPERLINK" in target.read_text(encoding="utf-8-sig")  # a spreadsheet shows it, never runs it
    titles = [i.title for i in document.period.items.values()]
    from scoring.item_edits import SetItems

    document.apply(SetItems.deleting(list(document.period.items)))
    document.apply(read_item_table(target, document.period).operation)
    assert [i.title for i in document.period.items.values()] == titles == ['=HYPERLINK("x")']
    document.close()


def test_more_bad_rows_are_named_each_with_its_reason() -> None:
    period = itemwise_period()
    city = period.scheme.channel_named("市级采用")
    period.scheme = replace(period.scheme, channels=tuple(
        replace(c, accepts_combined=False) if c.id == city.id else c for c in period.scheme.channels))
    header = ["单位", "标题", "报送日期", "采用渠道", "采用类型", "采用日期", "批示", "批示日期", "约稿"]
    rows = [
        header,
        ["甲局、甲局", "重复", "2026-01-05", "", "", "", "", "", ""],
        ["", "没有单位", "2026-01-05", "", "", "", "", "", ""],
        ["甲局", "", "2026-01-05", "", "", "", "", "", ""],
        ["甲局", "不计综合", "2026-01-05", "市级采用", "综合", "", "", "", ""],
        ["甲局", "只有类型", "2026-01-05", "", "专报", "", "", "", ""],
        ["甲局", "采用日期", "2026-01-05", "省级采用", "专报", "下周", "", "", ""],
        ["甲局", "批示日期", "2026-01-05", "", "", "", "市领导批示", "昨天", ""],
        ["甲局", "约稿", "2026-01-05", "", "", "", "", "", "没有的约稿"],
    ]
    where = "「条目.csv」第 {} 行"
    assert plan_item_import(rows, period, "「条目.csv」").problems == [
        where.format(2) + "：单位「甲局、甲局」中同一单位写了两次",
        where.format(3) + "：没有填写单位",
        where.format(4) + "：没有填写标题",
        where.format(5) + "「采用类型」：渠道「市级采用」不计综合采用",
        where.format(6) + "：填了「采用类型」却没有填「采用渠道」",
        where.format(7) + "「采用日期」：「下周」不是日期（应写成如 2026-01-05）",
        where.format(8) + "「批示日期」：「昨天」不是日期（应写成如 2026-01-05）",
        where.format(9) + "「约稿」：没有标题为「没有的约稿」的约稿任务",
    ]


def test_rows_of_one_item_merge_their_flags_and_task() -> None:
    period = itemwise_period()
    period.tasks = {3: Task(3, "一季度经济运行", (JIA,), None, ((JIA, Answer.ON_TIME, True),))}
    header = ["单位", "标题", "报送日期", "采用渠道", "采用类型", "标记", "约稿"]
    rows = [
        header,
        ["甲局", "稿", "2026-01-05", "市级采用", "专报", "经转报", ""],
        ["甲局", "稿", "2026-01-05", "省级采用", "综合", "经转报、头版头条", "一季度经济运行"],
    ]
    plan = plan_item_import(rows, period, "「条目.csv」")
    [item] = plan.items
    assert item.flags == ("经转报", "头版头条") and item.task_id == 3 and len(item.adoptions) == 2


def test_a_table_of_another_kind_is_refused_naming_the_formats(tmp_path) -> None:
    (tmp_path / "条目.pdf").write_bytes(b"x")
    with pytest.raises(EditError, match="「条目.pdf」：不能导入这种文件（.pdf），条目表请用 .xlsx 或 .csv"):
        read_item_table(tmp_path / "条目.pdf", itemwise_period())
