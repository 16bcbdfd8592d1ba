"""Parsing what clerks type into tally cells."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.cells import (
    MAX_COUNT,
    CellError,
    Count,
    format_count,
    format_points,
    parse_count,
    parse_items,
    parse_points,
)

counts = st.builds(Count, st.integers(0, MAX_COUNT), st.integers(0, MAX_COUNT))
FULL_WIDTH = str.maketrans("0123456789+*", "０１２３４５６７８９＋＊")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5+1*", Count(5, 1)),
        ("1*", Count(0, 1)),
        ("2", Count(2, 0)),
        ("0", Count(0, 0)),
        ("", Count(0, 0)),
        ("  ", Count(0, 0)),
        ("1*+5", Count(5, 1)),
        ("５＋１＊", Count(5, 1)),
        (" 5 + 1 * ", Count(5, 1)),
        ("\u30005+1*\u3000", Count(5, 1)),
        ("0+0*", Count(0, 0)),
        ("007", Count(7, 0)),
    ],
)
def test_accepts_what_clerks_type(text: str, expected: Count) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("-1", "负数"),
        ("1.5", "小数"),
        ("abc", "只能包含数字"),
        ("5+", "加号两边"),
        ("+5", "加号两边"),
        ("**", "星号"),
        ("1**", "星号"),
        ("1*+2*", "只能写一次"),
        ("1+2", "只能写一次"),
        ("1+2+3*", "最多一个加号"),
        ("99999", "太大"),
        ("五", "只能包含数字"),
    ],
)
def test_refuses_with_a_chinese_reason(text: str, says: str) -> None:
    with pytest.raises(CellError, match=says):
        parse_count(text)


@given(counts)
def test_canonical_form_round_trips(count: Count) -> None:
    assert parse_count(format_count(count)) == count


@given(counts, st.booleans(), st.sampled_from(["", " ", "\u3000", "\t"]))
def test_full_width_spacing_and_order_do_not_matter(count: Count, starred_first: bool, space: str) -> None:
    parts = [str(count.dedicated), f"{count.combined}*"]
    if starred_first:
        parts.reverse()
    typed = space + f"{space}+{space}".join(parts).translate(FULL_WIDTH) + space
    assert parse_count(typed) == count


@given(st.text(max_size=12))
def test_any_text_is_parsed_or_refused_with_cell_error(text: str) -> None:
    try:
        count = parse_count(text)
    except CellError as error:
        assert str(error)
    else:
        assert parse_count(format_count(count)) == count


def test_canonical_forms() -> None:
    assert [format_count(c) for c in (Count(), Count(5), Count(0, 1), Count(5, 1))] == ["0", "5", "1*", "5+1*"]


@pytest.mark.parametrize(("text", "expected"), [("12", 12), ("１２", 12), ("", 0), ("12.0", 12), (7, 7)])
def test_item_counts(text, expected) -> None:
    assert parse_items(text) == expected


@pytest.mark.parametrize("text", ["-3", "1.5", "1*", "x", "100000"])
def test_item_counts_refused(text) -> None:
    with pytest.raises(CellError):
        parse_items(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5", "5"), ("-10", "-10"), ("0.5", "0.5"), ("＋２.５", "2.5"), ("2.50", "2.5"), ("", "0"), ("-0", "0")],
)
def test_points_are_exact_decimals(text: str, expected: str) -> None:
    assert format_points(parse_points(text)) == expected


@pytest.mark.parametrize("text", ["1e3", "abc", "1.23456", "200000", "--1", "nan"])
def test_points_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_points(text)


def test_no_float_artefacts_in_sums() -> None:
    total = sum((parse_points("0.1") for _ in range(3)), Decimal(0))
    assert format_points(total) == "0.3"
    assert format_points(Decimal("100")) == "100"


@pytest.mark.parametrize(("text", "says"), [("*", "缺少数字"), ("5+-1*", "不能为负数"), ("1*+-2", "不能为负数")])
def test_a_part_without_a_number_or_with_a_sign_is_named(text: str, says: str) -> None:
    with pytest.raises(CellError, match=says):
        parse_count(text)


@pytest.mark.parametrize(("dedicated", "combined"), [(-1, 0), (0, MAX_COUNT + 1), (True, 0), (1.0, 0)])
def test_a_count_holds_only_whole_numbers_in_range(dedicated, combined) -> None:
    with pytest.raises(CellError, match="采用数必须是"):
        Count(dedicated, combined)


def test_counts_add_up_channel_by_channel_and_read_as_typed() -> None:
    total = Count(5, 1) + Count(2, 3)
    assert (total, total.total, str(total)) == (Count(7, 4), 11, "7+4*")


@pytest.mark.parametrize("number", [-1, MAX_COUNT + 1])
def test_item_counts_given_as_numbers_are_range_checked(number: int) -> None:
    with pytest.raises(CellError, match=str(number)):
        parse_items(number)


@pytest.mark.parametrize(("value", "expected"), [(Decimal("2.50"), "2.5"), (-10, "-10"), (Decimal("-0"), "0")])
def test_points_given_as_numbers_are_checked_like_typed_ones(value, expected: str) -> None:
    assert format_points(parse_points(value)) == expected


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1.00001"), 10**9])
def test_points_given_as_numbers_are_refused_when_not_finite_too_precise_or_too_large(value) -> None:
    with pytest.raises(CellError):
        parse_points(value)


@pytest.mark.parametrize("value", ["-1", "−0.5", -2])
def test_points_that_must_not_be_negative(value) -> None:
    with pytest.raises(CellError, match="不能为负数"):
        parse_points(value, allow_negative=False)
    assert parse_points("0", allow_negative=False) == 0
