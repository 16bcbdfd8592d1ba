"""A unit's score under a scheme: its components, the limits on them, the total and 达标.

``component_points`` is the one place a unit's points are worked out; the score
(:func:`unit_total`) and the explanation in words (:mod:`scoring.explain`) both start from it.
A linear scheme (no rules, no events) has only channel and item components and scores exactly
as the program always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scoring.model import Scheme, Tally
from scoring.rules import (
    ADOPTED_PART,
    ITEMS_PART,
    QUOTA_PART,
    RATE_PART,
    SUBMITTED_PART,
    Limit,
    Rules,
    UnitClass,
    channel_part,
    event_part,
)

ZERO_POINTS = Decimal(0)


@dataclass(frozen=True, slots=True)
class QuotaResult:
    """How a unit stands against its class quota."""

    unit_class: UnitClass
    missing: int
    extra: int

    @property
    def met(self) -> bool:
        return self.missing == 0


def quota_result(rules: Rules, category: str, tally: Tally) -> QuotaResult | None:
    """The unit's standing against its class quota, or None when no quota applies to it."""
    if rules.quota is None:
        return None
    unit_class = rules.unit_class(category)
    if unit_class is None or (unit_class.submitted_quota is None and unit_class.adopted_quota is None):
        return None
    missing = extra = 0
    for quota, done in ((unit_class.submitted_quota, tally.submitted), (unit_class.adopted_quota, tally.adopted)):
        if quota is not None:
            missing += max(0, quota - done)
            extra += max(0, done - quota)
    return QuotaResult(unit_class, missing, extra)


def quota_points(rules: Rules, result: QuotaResult) -> Decimal:
    quota = rules.quota
    assert quota is not None
    base = quota.met_points if result.met else ZERO_POINTS
    return base + result.missing * quota.missing_points + result.extra * quota.extra_points


def rate_applies(below_percent: Decimal, tally: Tally) -> bool:
    """采用条目 / 报送条目 < below_percent %, exactly, and only when something was submitted."""
    return tally.submitted > 0 and tally.adopted * 100 < below_percent * tally.submitted


def component_points(scheme: Scheme, category: str, tally: Tally) -> dict[str, Decimal]:
    """Every non-zero component of the unit's score (see :mod:`scoring.rules`), in scheme order."""
    points: dict[str, Decimal] = {}
    if tally.item_points is not None:  # scored item by item (scoring.item_rules), not by counts
        if tally.item_points:
            points[ITEMS_PART] = tally.item_points
    for channel in scheme.channels if tally.item_points is None else ():
        count = tally.adoptions.get(channel.id)
        if count is not None:
            value = count.dedicated * channel.dedicated_points + count.combined * channel.combined_points
            if value:
                points[channel_part(channel.id)] = value
    for event in scheme.events:
        times = tally.events.get(event.id)
        if times:
            points[event_part(event.id)] = times * event.points
    if tally.submitted and scheme.submitted_points:
        points[SUBMITTED_PART] = tally.submitted * scheme.submitted_points
    if tally.adopted and scheme.adopted_points:
        points[ADOPTED_PART] = tally.adopted * scheme.adopted_points
    rules = scheme.rules
    quota = quota_result(rules, category, tally)
    if quota is not None and (value := quota_points(rules, quota)):
        points[QUOTA_PART] = value
    if rules.rates:
        rate = sum((r.points for r in rules.rates if rate_applies(r.below_percent, tally)), ZERO_POINTS)
        if rate:
            points[RATE_PART] = rate
    return points


@dataclass(frozen=True, slots=True)
class LimitValue:
    limit: Limit
    raw: Decimal  # base + the components it takes in
    value: Decimal  # kept within floor and cap


def combine(rules: Rules, points: dict[str, Decimal]) -> tuple[list[LimitValue], dict[str, Decimal], Decimal]:
    """Limited sums, the components added as they are, and the total (without adjustments)."""
    limited: list[LimitValue] = []
    taken: set[str] = set()
    total = ZERO_POINTS
    for limit in rules.limits:
        raw = limit.base + sum((points.get(part, ZERO_POINTS) for part in limit.parts), ZERO_POINTS)
        value = limit.clamp(raw)
        limited.append(LimitValue(limit, raw, value))
        taken.update(limit.parts)
        total += value
    free = {key: value for key, value in points.items() if key not in taken}
    return limited, free, total + sum(free.values(), ZERO_POINTS)


def unit_total(scheme: Scheme, category: str, tally: Tally, adjustments: Decimal) -> Decimal:
    """The unit's score: channels, items, events, quota, rate, within their limits, plus 加减分."""
    if scheme.rules.empty and not scheme.events and tally.item_points is None:  # the linear scheme: no dictionaries needed
        total = adjustments + tally.submitted * scheme.submitted_points + tally.adopted * scheme.adopted_points
        for channel in scheme.channels:
            count = tally.adoptions.get(channel.id)
            if count is not None:
                total += count.dedicated * channel.dedicated_points + count.combined * channel.combined_points
        return total
    return combine(scheme.rules, component_points(scheme, category, tally))[2] + adjustments


def passes(scheme: Scheme, score: Decimal) -> bool | None:
    """达标: the score reaches the scheme's mark; None when the scheme sets none."""
    mark = scheme.rules.pass_mark
    return None if mark is None else score >= mark
