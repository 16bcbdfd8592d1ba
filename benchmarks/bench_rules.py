"""Scheme rules: recompute after one edit with quotas, caps and events; accumulate a year of months.

Run: python -m benchmarks.bench_rules   (prints a table; medians of repeated runs)
Targets (2-core machine): recompute after one edit ≤ 20 ms at 10,000 units under a scheme with
class quotas, a capped 报送分, a base of 6 with a floor, counted events and a 达标 mark;
accumulating 12 monthly periods of 1,000 units ≤ 1 s (each month scored under its own scheme).
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from benchmarks.bench_core import median_ms
from benchmarks.synthetic import synthetic_period
from scoring.model import Event, EventKey, Period, Scheme
from scoring.periods import accumulate
from scoring.rules import (
    QUOTA_PART,
    RATE_PART,
    SUBMITTED_PART,
    Limit,
    QuotaRule,
    RateRule,
    Rules,
    UnitClass,
    event_part,
)
from scoring.standings import Standings

CLASSES = ("一类", "二类", "乡镇")


def ruled_scheme(base: Scheme) -> Scheme:
    return replace(
        base,
        events=(Event(1, "报送不及时", Decimal(-1)), Event(2, "被上级通报", Decimal(-2)), Event(3, "约稿完成", Decimal(2))),
        rules=Rules(
            classes=(UnitClass("一类", 6), UnitClass("二类", 3), UnitClass("乡镇", 8, 2)),
            quota=QuotaRule(Decimal(10), Decimal(-1), Decimal(0)),
            rates=(RateRule(Decimal(30), Decimal(-1)),),
            limits=(
                Limit("报送分", (SUBMITTED_PART,), cap=Decimal(5)),
                Limit("基础分", (event_part(1), event_part(2), QUOTA_PART, RATE_PART), Decimal(6), Decimal(0)),
            ),
            pass_mark=Decimal(6),
        ),
    )


def ruled_period(units: int, seed: int = 7) -> Period:
    period = synthetic_period(units, groups=1, seed=seed)
    period.scheme = ruled_scheme(period.scheme)
    rnd = random.Random(seed)
    for unit in list(period.units.values()):
        period.units[unit.id] = replace(unit, category=rnd.choice(CLASSES))
        events = {1: rnd.randrange(4), 2: rnd.randrange(2), 3: rnd.randrange(3)}
        period.tallies[unit.id].events = {k: v for k, v in events.items() if v}
    return period



def bench_recompute(units: int) -> float:
    period = ruled_period(units)
    standings = Standings(period)
    order = standings.in_rank_order(period.groups[0].id)
    bottom = order[-1]
    channel = period.scheme.channels[4].id
    from scoring.cells import Count

    flip = [Count(40), Count(0)]
    late = [3, 0]

    def recompute() -> None:  # the last unit to the top and back, and an event count with it
        flip.reverse()
        late.reverse()
        period.tallies[bottom].set(channel, flip[0])
        period.tallies[bottom].set(EventKey(1), late[0])
        standings.refresh([bottom])

    return median_ms(recompute, 200)


def bench_accumulate(units: int, months: int) -> float:
    periods = [ruled_period(units, seed=month) for month in range(months)]
    for number, period in enumerate(periods, start=1):
        period.info = replace(period.info, title=f"{number}月")
    return median_ms(lambda: Standings(accumulate(periods).period), 3)


def main() -> None:
    rows = [
        ("重算（一次修改后，定额+封顶+事项）", "57 个单位", bench_recompute(57), 20.0),
        ("重算（一次修改后，定额+封顶+事项）", "10,000 个单位", bench_recompute(10_000), 20.0),
        ("累计 12 个月并排名", "1,000 个单位", bench_accumulate(1_000, 12), 1000.0),
    ]
    print(f"{'操作':<26}{'规模':>14}{'用时':>14}{'目标':>12}")
    for name, size, ms, target in rows:
        print(f"{name:<26}{size:>14}{ms:>12.2f}ms{target:>10.0f}ms")


if __name__ == "__main__":
    main()
