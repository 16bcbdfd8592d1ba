"""Synthetic periods of any size, shaped like the sample (same scheme, similar tallies)."""

from __future__ import annotations

import random

from scoring.cells import Count
from scoring.model import Group, Period, PeriodInfo, Tally, Unit
from scoring.sample import build_sample


def synthetic_period(units: int, groups: int = 2, seed: int = 7) -> Period:
    sample = build_sample()
    rnd = random.Random(seed)
    channels = sample.scheme.channels
    period = Period(
        PeriodInfo(f"合成期间（{units} 个单位）"),
        sample.scheme,
        [Group(g + 1, f"第{g + 1}组") for g in range(groups)],
        [Unit(u + 1, f"单位{u + 1:05d}", (u % groups) + 1) for u in range(units)],
    )
    for unit_id in period.units:
        adoptions = {
            c.id: Count(rnd.randrange(4), rnd.randrange(3) if c.accepts_combined else 0)
            for c in channels
            if rnd.random() < 0.4
        }
        adopted = sum(c.total for c in adoptions.values())
        kept = {k: v for k, v in adoptions.items() if v.total}
        period.tallies[unit_id] = Tally(adopted + rnd.randrange(30), adopted, kept)
    return period
