"""One rule for names and reasons (scoring.names), applied by table import and by every editor's check."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.cells import Count, parse_count, spacing_key
from scoring.document import PeriodDocument
from scoring.edits import EditError, SetAdjustments, SetInfo, SetOverride
from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import parse_csv_text
from scoring.exchange.headers import header_name
from scoring.model import Adjustment, Channel, ListKind, Override
from scoring.names import LIMITS, TextKind, free_name, loose_key, text_problem, tidy
from scoring.scheme_file import default_scheme
from scoring.structure_edits import SetGroups, SetScheme, SetUnits


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("市\x0b发改委", "控制字符（U+000B）"),
        ("市发改委\n办公室", "换行符（U+000A）"),
        ("市\t发改委", "制表符（U+0009）"),
        ("市\x85发改委", "换行符（U+0085）"),
        ("市\u2028发改委", "换行符（U+2028）"),
        ("市\u200b发改委", "不可见的格式字符（U+200B）"),
        ("市\u202e委改发", "不可见的格式字符（U+202E）"),
        ("\ufeff市发改委", "不可见的格式字符（U+FEFF）"),
        ("市\x9f发改委", "控制字符（U+009F）"),
        ("市发改委\ud800", "U+D800"),
        ("市" * 51, "最多 50 个字"),
    ],
)
def test_names_with_control_or_invisible_characters_or_too_long_are_refused(text, says) -> None:
    problem = text_problem(text, "单位")
    assert problem is not None and problem.startswith("单位「") and says in problem
    assert "\x0b" not in problem and "\n" not in problem  # the message quotes the name with □ instead


@pytest.mark.parametrize("text", ["市发改委", "市 发改委", "市　发改委", "（试行）办公室", "國辦", "ＡＢＣ", "市" * 50, "\ue000局"])
def test_ordinary_names_are_accepted(text) -> None:
    assert text_problem(text, "单位") is None


def test_surrounding_white_space_is_dropped_and_kinds_have_their_own_length() -> None:
    assert tidy("\u3000 市发改委\u00a0\t") == "市发改委"
    assert text_problem("理" * 999, "理由", TextKind.TEXT) is None
    assert LIMITS[TextKind.NAME] < LIMITS[TextKind.TITLE] < LIMITS[TextKind.TEXT]


HEADER = "分组,单位,国办采用,报送条目\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (HEADER + "一组,甲\x01局,1,2\n", "「t.csv」第 2 行的单位「甲□局」含有控制字符（U+0001）"),
        (HEADER + "一\x0b组,甲,1,2\n", "「t.csv」第 2 行的分组「一□组」含有控制字符（U+000B）"),
        ("单位,国办\x02采用,报送条目\n甲,1,2\n", "「t.csv」第 1 行的采用渠道「国办□采用」含有控制字符"),
        ("单位,报送条目\n一、各\u200b部门\n甲,1\n", "「t.csv」第 2 行的分组「一、各□部门」含有不可见的格式字符"),
        ("单位,报送条目\n甲,1\n注：1.说明\x07。\n", "「t.csv」第 3 行的注「注：1.说明□。」含有控制字符"),
        (HEADER + "一组," + "甲" * 60 + ",1,2\n", "「t.csv」第 2 行的单位「甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲…」太长（60 个字），最多 50 个字"),
    ],
    ids=["unit", "group column", "channel", "group heading", "note", "too long"],
)
def test_table_import_refuses_bad_names_naming_the_row_and_column(text, says) -> None:
    with pytest.raises(EditError) as caught:
        parse_csv_text(text, "「t.csv」")
    assert says in str(caught.value)


def test_every_bad_name_of_a_table_is_listed_at_once() -> None:
    with pytest.raises(EditError) as caught:
        parse_csv_text(HEADER + "一组,甲\x01,1,2\n一组,乙\x02,1,2\n", "「t.csv」")
    first, second = caught.value.problems
    assert first.startswith("「t.csv」第 2 行的单位「甲□」") and second.startswith("「t.csv」第 3 行的单位「乙□」")


def test_a_title_given_for_the_new_period_follows_the_rule_and_a_guessed_one_falls_back() -> None:
    table = parse_csv_text("2023年\x01上半年\n单位,报送条目\n甲,1\n", "「t.csv」")
    with pytest.raises(EditError, match="期间名称「2023□年」含有控制字符"):
        build_period(table, default_scheme(), "2023\x0b年")
    result = build_period(table, default_scheme())
    assert result.period.info.title == "未命名期间"
    assert any("表格标题" in w and "未命名期间" in w for w in result.warnings)
    assert build_period(table, default_scheme(), "  2023年上半年\u3000").period.info.title == "2023年上半年"


# -- the checks behind the editors ---------------------------------------------------------


@pytest.fixture
def document(sample_copy):
    opened = PeriodDocument.open(sample_copy)
    yield opened
    opened.close()


def _refused(document: PeriodDocument, operation, says: str) -> None:
    log = len(document.file.audit_log())
    with pytest.raises(EditError, match=re.escape(says)):
        document.apply(operation)
    assert len(document.file.audit_log()) == log  # nothing was written


def test_editors_refuse_names_that_break_the_rule(document) -> None:
    period = document.period
    unit = next(iter(period.units.values()))
    units = tuple(replace(u, name="市发改委\n") if u.id == unit.id else u for u in period.units.values())
    _refused(document, SetUnits(units), "单位「市发改委□」含有换行符")
    groups = (replace(period.groups[0], name="一、\x1b部门"), *period.groups[1:])
    _refused(document, SetGroups(groups), "分组「一、□部门」含有控制字符（U+001B）")
    channels = (replace(period.scheme.channels[0], name="渠" * 51), *period.scheme.channels[1:])
    _refused(document, SetScheme(replace(period.scheme, channels=channels)), "太长（51 个字），最多 50 个字")
    _refused(document, SetScheme(replace(period.scheme, name="办法\x00")), "计分办法名称「办法□」含有控制字符")
    _refused(document, SetAdjustments(unit.id, (Adjustment(Decimal(1), "理由\x0b"),)), "第 1 条加减分的理由「理由□」")
    _refused(document, SetOverride(unit.id, ListKind.COMMEND, Override(False, "因\u202e故")), "名单的理由「因□故」")
    _refused(document, SetInfo(replace(period.info, title="2023\x0c")), "期间名称「2023□」")
    _refused(document, SetInfo(replace(period.info, notes=("注\x01",))), "第 1 条注「注□」")


def test_a_name_saved_before_the_rule_does_not_block_other_edits(document) -> None:
    """Only new or changed names are checked: a legacy name can stay while another unit is renamed."""
    period = document.period
    first, second, *_ = period.units.values()
    period.units[first.id] = replace(first, name="旧名\x0b称")  # as a file made before the rule holds it
    units = tuple(replace(u, name="新名称") if u.id == second.id else u for u in period.units.values())
    document.apply(SetUnits(units))
    assert period.units[second.id].name == "新名称"


# -- shared name helpers: the name a new row gets, the key names and headers are compared by

def test_free_name_takes_the_first_number_not_in_use() -> None:
    assert free_name("新单位", []) == "新单位1"
    assert free_name("新单位", ["新单位1", "新单位3", "市发改委"]) == "新单位2"
    assert free_name("新事项", iter(["新事项1", "新事项2"])) == "新事项3"


def test_names_headers_and_cells_fold_alike() -> None:
    assert spacing_key("市\u3000发改委 ") == spacing_key("市发改委") == "市发改委"
    assert header_name("潜江\n政务") == "潜江政务"
    assert header_name(" ＡＢ\u3000Ｃ ") == spacing_key("ＡＢ Ｃ") == "ABC"
    assert header_name(None) == ""
    assert parse_count("５＋１\u3000＊") == Count(5, 1)
    assert loose_key("市 发改委") == loose_key("发改委")


def test_a_channel_without_combined_refuses_a_starred_count_only() -> None:
    plain = Channel(1, "省级", Decimal(10), Decimal(0), accepts_combined=False)
    assert plain.refusal(Count(0, 1)) == plain.refusal(parse_count("2+1*")) == "该渠道不计综合采用，不能填带*的数"
    assert plain.refusal(Count(3, 0)) is None
    assert plain.refusal(3) is None
    assert Channel(2, "市级", Decimal(5), Decimal(2)).refusal(Count(1, 1)) is None
