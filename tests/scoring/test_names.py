"""Shared name helpers: the name a new row gets, and the key names and headers are compared by."""

from decimal import Decimal

from scoring.cells import Count, parse_count, spacing_key
from scoring.exchange.headers import header_name
from scoring.model import Channel
from scoring.names import free_name, loose_key


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
