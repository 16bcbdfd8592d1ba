"""The rules of a scheme beyond "count × points": data, never constants in code.

- **Unit classes** (类别) with a submission quota per period (报送条目, optionally 采用条目).
- **Quota scoring**: met → base points; short → points per missing item (the base is lost);
  above → points per extra item.
- **Rate rules**: 采用条目 / 报送条目 below a percentage → points (only when 报送条目 > 0).
- **Limits**: a named sum of components, with a base, a floor and/or a cap, per period
  (报送分 at most 5; a base of 6 that deductions come off and that stops at 0).
- **达标 mark**: a score below it is 不达标.

A *component* is one named source of points of a unit, keyed by a string: ``submitted``
(报送条目 × points), ``adopted`` (采用条目 × points), ``quota``, ``rate``, ``channel:<id>``,
``event:<id>`` and ``items`` (in ledger mode under item rules, replacing the channels). A limit names the components it takes in; every other component is added as
it is. Adjustments (加减分) are never limited. :mod:`scoring.scheme_rules` checks a scheme's
rules and reads and writes them as JSON; :mod:`scoring.evaluate` scores with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SUBMITTED_PART = "submitted"
ADOPTED_PART = "adopted"
QUOTA_PART = "quota"
RATE_PART = "rate"
ITEMS_PART = "items"  # ledger mode under item rules: the unit's points from its items
FIXED_PARTS = (SUBMITTED_PART, ADOPTED_PART, QUOTA_PART, RATE_PART, ITEMS_PART)
FIXED_PART_LABELS = {
    SUBMITTED_PART: "报送条目",
    ADOPTED_PART: "采用条目",
    QUOTA_PART: "定额",
    RATE_PART: "录用率",
    ITEMS_PART: "条目得分",
}


def channel_part(channel_id: int) -> str:
    return f"channel:{channel_id}"


def event_part(event_id: int) -> str:
    return f"event:{event_id}"


def part_id(part: str) -> tuple[str, int | None]:
    """``channel:3`` → ("channel", 3); ``quota`` → ("quota", None)."""
    kind, _, number = part.partition(":")
    return kind, int(number) if number else None


@dataclass(frozen=True, slots=True)
class UnitClass:
    """A unit class (类别) and its quotas per period; None: no quota of that kind."""

    name: str
    submitted_quota: int | None = None
    adopted_quota: int | None = None


@dataclass(frozen=True, slots=True)
class QuotaRule:
    """How meeting the class quota scores. ``name`` labels the points for meeting it (月度基础分)."""

    met_points: Decimal = Decimal(0)
    missing_points: Decimal = Decimal(0)  # per item short of the quota, e.g. -1
    extra_points: Decimal = Decimal(0)  # per item above the quota
    name: str = "定额分"


@dataclass(frozen=True, slots=True)
class RateRule:
    """采用条目 / 报送条目 below ``below_percent`` % → ``points`` (when 报送条目 > 0)."""

    below_percent: Decimal
    points: Decimal
    name: str = "录用率"


@dataclass(frozen=True, slots=True)
class Limit:
    """``base`` plus the components in ``parts``, kept within [floor, cap] (None: no bound)."""

    name: str
    parts: tuple[str, ...]
    base: Decimal = Decimal(0)
    floor: Decimal | None = None
    cap: Decimal | None = None

    def clamp(self, value: Decimal) -> Decimal:
        if self.floor is not None and value < self.floor:
            value = self.floor
        if self.cap is not None and value > self.cap:
            value = self.cap
        return value


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything of a scheme that is not a channel or an event; empty in a linear scheme."""

    classes: tuple[UnitClass, ...] = ()
    quota: QuotaRule | None = None
    rates: tuple[RateRule, ...] = ()
    limits: tuple[Limit, ...] = ()
    pass_mark: Decimal | None = None  # a score below it is 不达标

    @property
    def empty(self) -> bool:
        return self == Rules()

    def unit_class(self, name: str) -> UnitClass | None:
        return next((c for c in self.classes if c.name == name), None) if name else None
