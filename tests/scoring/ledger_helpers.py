"""A small 方法丙 period (甲局, 乙局, 丙局) for the item-ledger tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scoring.document import PeriodDocument
from scoring.items import Instruction, Item, ItemAdoption
from scoring.model import Group, Period, PeriodInfo, Unit
from scoring.scheme_file import load_scheme
from tests.conftest import RESOURCES

ITEMWISE = RESOURCES / "schemes" / "itemwise-monthly.json"
JIA, YI, BING = 1, 2, 3


def itemwise_period(ledger: bool = True) -> Period:
    return Period(
        info=PeriodInfo("2026年1月", date(2026, 1, 1), date(2026, 1, 31)),
        scheme=load_scheme(ITEMWISE),
        groups=[Group(1, "部门")],
        units=[Unit(JIA, "甲局", 1), Unit(YI, "乙局", 1), Unit(BING, "丙局", 1)],
        ledger=ledger,
    )


def channel(period: Period, name: str) -> int:
    found = period.scheme.channel_named(name)
    assert found is not None
    return found.id


def worked_example(period: Period) -> list[Item]:
    """方法丙's example: A by 甲局、乙局 (市级 专报, 省级 综合, 市领导批示 ×2, 省领导批示); B by 甲局."""
    city, province = channel(period, "市级采用"), channel(period, "省级采用")
    item_a = Item(
        1,
        (JIA, YI),
        "甲乙两局联合推进营商环境",
        date(2026, 1, 5),
        (ItemAdoption(city, False, date(2026, 1, 8), "《潜江政务信息》第12期"), ItemAdoption(province, True)),
        (Instruction("市领导批示"), Instruction("市领导批示", date(2026, 1, 20)), Instruction("省领导批示")),
    )
    item_b = Item(2, (JIA,), "甲局一季度工作动态", date(2026, 1, 9))
    return [item_a, item_b]


def create(tmp_path: Path, period: Period) -> PeriodDocument:
    return PeriodDocument.create(tmp_path / "2026年1月.zwxx", period)
