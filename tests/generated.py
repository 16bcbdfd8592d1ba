"""Generated periods of any size for tests and benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import random
from datetime import date

from scoring.cells import Count
from scoring.model import Group, Period, PeriodInfo, Tally, Unit, default_notes
from scoring.sample import build_sample
from scoring.scheme_file import default_scheme

_PLACES = ("市", "区", "县", "镇", "街道", "管理区")
_KINDS = ("发展和改革局", "经济和信息化局", "交通运输局", "政务服务和大数据管理局", "统计局", "供销合作社", "农业农村局")


def sample_month(month: int, **dates: date) -> Period:
    """The sample period as the month ``2023年{month}月`` (``dates``: start, end, cutoff), no list decisions."""
    period = build_sample()
    period.info = PeriodInfo(f"2023年{month}月", **dates)
    period.overrides.clear()
    return period


def id_of(period: Period, name: str) -> int:
    """The id of the unit called ``name``."""
    return next(u.id for u in period.units.values() if u.name == name)


def generated_period(units: int, groups: int = 2, seed: int = 0, extra_names: tuple[str, ...] = ()) -> Period:
    """``units`` units spread over ``groups`` groups with random tallies; ``extra_names`` come first."""
    rng = random.Random(seed)
    scheme = default_scheme()
    group_list = [Group(g + 1, f"{'一二三四五六七八九十'[g % 10]}、第{g + 1}组单位") for g in range(groups)]
    names = list(extra_names) + [
        f"{_PLACES[i % len(_PLACES)]}{rng.choice(_KINDS)}{i + 1}号" for i in range(units - len(extra_names))
    ]
    unit_map = {i + 1: Unit(i + 1, name, group_list[i % groups].id) for i, name in enumerate(names)}
    tallies = {}
    for unit_id in unit_map:
        adoptions = {}
        for channel in scheme.channels:
            dedicated = rng.choice((0, 0, 0, 1, 2, 5))
            combined = rng.choice((0, 0, 1, 3)) if channel.accepts_combined else 0
            if dedicated or combined:
                adoptions[channel.id] = Count(dedicated, combined)
        submitted = rng.randint(0, 40)
        tallies[unit_id] = Tally(submitted, rng.randint(0, submitted), adoptions)
    info = PeriodInfo("2031年第一季度", date(2031, 1, 1), date(2031, 3, 31), date(2031, 3, 31), default_notes(scheme))
    return Period(info, scheme, group_list, unit_map, tallies)
