"""Scoring the item ledger, and the tallies a period in ledger mode derives from its items.

Under a scheme with item rules (``Scheme.items``) an item is worth its adoption points — only the
best adoption when 就高不就低, multiplied by the factors of its flags (经转报 ×2) — plus the points of
each 批示 level it drew (同级批示不重复加分). A 合报's points are split evenly among its units (each
share rounded to 2 decimals half up) or each unit scores fixed points. Whatever the rules, a
period in ledger mode counts per unit: 报送条目 (items it took part in), 采用条目 (those adopted)
and per channel 专报/综合 (adoptions of its items, a channel and kind counted once per item);
约稿 answers become counted events. The result does not depend on the order of items or of the
rows they were read from.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from scoring.cells import Count
from scoring.items import Answer, Item, ItemRules, JointMode, Task
from scoring.model import Period, Scheme, Tally

CENT = Decimal("0.01")
ZERO_POINTS = Decimal(0)


def adoption_points(scheme: Scheme, item: Item) -> Decimal:
    """The item's adoption points: best adoption (就高不就低) or all, times its flags' factors."""
    values = []
    for adoption in item.adoptions:
        try:
            channel = scheme.channel(adoption.channel_id)
        except KeyError:
            continue
        values.append(channel.combined_points if adoption.combined else channel.dedicated_points)
    rules = scheme.items or ItemRules()
    if not values:
        return ZERO_POINTS
    points = max(values) if rules.highest_only else sum(values, ZERO_POINTS)
    for multiplier in rules.multipliers:
        if multiplier.flag in item.flags:
            points *= multiplier.factor
    return points


def instruction_points(rules: ItemRules, item: Item) -> Decimal:
    """批示: each level at most once per item."""
    levels = {instruction.level for instruction in item.instructions}
    return sum((level.points for level in rules.instructions if level.name in levels), ZERO_POINTS)


def item_value(scheme: Scheme, item: Item) -> Decimal:
    """The whole item's points before a 合报 is shared out."""
    rules = scheme.items or ItemRules()
    return adoption_points(scheme, item) + instruction_points(rules, item)


def unit_share(rules: ItemRules, value: Decimal, units: int) -> Decimal:
    """One unit's share of an item worth ``value`` written by ``units`` units."""
    if units <= 1:
        return value
    if rules.joint is JointMode.FIXED:
        return rules.joint_points if value else ZERO_POINTS
    return (value / units).quantize(CENT, rounding=ROUND_HALF_UP)


def items_of(period: Period, unit_ids: Iterable[int] | None = None) -> dict[int, list[Item]]:
    """Each unit's items (every unit when ``unit_ids`` is None), in item id order."""
    wanted = set(period.units) if unit_ids is None else set(unit_ids)
    found: dict[int, list[Item]] = {uid: [] for uid in wanted}
    for item_id in sorted(period.items):
        item = period.items[item_id]
        for unit_id in set(item.unit_ids):
            if unit_id in found:
                found[unit_id].append(item)
    return found


def task_events(scheme: Scheme, tasks: Iterable[Task], unit_id: int) -> dict[int, int]:
    """The counted events a unit's 约稿 answers become (event id → count)."""
    rules = scheme.items
    if rules is None:
        return {}
    by_name = {event.name: event.id for event in scheme.events}
    counts: dict[int, int] = {}
    for task in tasks:
        if unit_id not in task.unit_ids:
            continue
        answer, adopted = task.answer(unit_id) or (Answer.NONE, False)
        if answer is Answer.ON_TIME:
            name = rules.tasks.done if adopted or not rules.tasks.adopted_only else ""
        elif answer is Answer.LATE:
            name = rules.tasks.late
        else:
            name = rules.tasks.missing
        if name in by_name:
            counts[by_name[name]] = counts.get(by_name[name], 0) + 1
    return counts


def task_event_ids(scheme: Scheme) -> set[int]:
    """Events counted from 约稿 tasks: not typed in ledger mode."""
    rules = scheme.items
    if rules is None:
        return set()
    names = {rules.tasks.done, rules.tasks.late, rules.tasks.missing} - {""}
    return {event.id for event in scheme.events if event.name in names}


def derive_tally(period: Period, unit_id: int, items: list[Item]) -> Tally:
    """The unit's tally computed from its items (typed counted events kept, 约稿 events added)."""
    scheme = period.scheme
    adoptions: dict[int, Count] = {}
    adopted = 0
    for item in items:
        kinds = {(a.channel_id, a.combined) for a in item.adoptions}
        if kinds:
            adopted += 1
        for channel_id, combined in kinds:
            count = adoptions.get(channel_id, Count())
            adoptions[channel_id] = count + (Count(0, 1) if combined else Count(1, 0))
    known = {channel.id for channel in scheme.channels}
    typed = period.typed.get(unit_id) or Tally()
    derived_ids = task_event_ids(scheme)
    events = {eid: n for eid, n in typed.events.items() if eid not in derived_ids}
    for event_id, number in task_events(scheme, period.tasks.values(), unit_id).items():
        events[event_id] = events.get(event_id, 0) + number
    points = None
    if scheme.items is not None:
        points = sum((unit_share(scheme.items, item_value(scheme, item), len(set(item.unit_ids))) for item in items), ZERO_POINTS)
    return Tally(
        len(items),
        adopted,
        {cid: count for cid, count in adoptions.items() if cid in known},
        events,
        points,
    )


def derive_tallies(period: Period, unit_ids: Iterable[int] | None = None) -> None:
    """In ledger mode, recompute the tallies of the given units (all when None) from the items."""
    if not period.ledger:
        return
    for unit_id, items in items_of(period, unit_ids).items():
        if unit_id in period.units:
            period.tallies[unit_id] = derive_tally(period, unit_id, items)


def typed_tallies(period: Period) -> dict[int, Tally]:
    """Where typed tallies live: aside in ledger mode, else the tallies themselves."""
    return period.typed if period.ledger else period.tallies


def enter_ledger(period: Period) -> None:
    """Switch to ledger mode in memory: keep the typed tallies aside, derive the rest."""
    period.typed = {uid: tally.copy() for uid, tally in period.tallies.items()}
    period.ledger = True
    derive_tallies(period)


def leave_ledger(period: Period) -> None:
    """Back to typed tallies: exactly what was typed before (counted events typed since kept)."""
    period.tallies = {uid: period.typed.get(uid, Tally()).copy() for uid in period.units}
    period.typed = {}
    period.ledger = False


def switch_summary(period: Period) -> list[str]:
    """What switching to ledger mode replaces: each unit whose typed counts differ, in words."""
    from scoring.cells import format_count

    if period.ledger:
        return []
    trial_items = items_of(period)
    lines = []
    for unit_id, unit in period.units.items():
        typed = period.tallies[unit_id]
        derived = derive_tally(period, unit_id, trial_items.get(unit_id, []))
        changes = []
        if typed.submitted != derived.submitted:
            changes.append(f"报送条目 {typed.submitted} → {derived.submitted}")
        if typed.adopted != derived.adopted:
            changes.append(f"采用条目 {typed.adopted} → {derived.adopted}")
        for channel in period.scheme.channels:
            old, new = typed.adoptions.get(channel.id, Count()), derived.adoptions.get(channel.id, Count())
            if old != new:
                changes.append(f"{channel.name} {format_count(old)} → {format_count(new)}")
        if changes:
            lines.append(f"{unit.name}：{'，'.join(changes)}")
    return lines


def item_working(scheme: Scheme, item: Item) -> str:
    """How one item scores, in words: 省级采用综合 10（就高不就低）+ 市领导批示 10 = 20，合报 2 家均分."""
    from scoring.cells import format_points

    rules = scheme.items or ItemRules()
    pieces = []
    adoption = adoption_points(scheme, item)
    if item.adoptions:
        named = []
        for a in item.adoptions:
            try:
                named.append(f"{scheme.channel(a.channel_id).name}{'综合' if a.combined else '专报'}")
            except KeyError:
                continue
        best = "（就高不就低）" if rules.highest_only and len(item.adoptions) > 1 else ""
        flags = [f"{m.flag}×{format_points(m.factor)}" for m in rules.multipliers if m.flag in item.flags]
        pieces.append(f"{'、'.join(named)} {format_points(adoption)}{best}{'（' + '、'.join(flags) + '）' if flags else ''}")
    levels = {i.level for i in item.instructions}
    for level in rules.instructions:
        if level.name in levels:
            times = sum(1 for i in item.instructions if i.level == level.name)
            pieces.append(f"{level.name} {format_points(level.points)}{'（同级只计一次）' if times > 1 else ''}")
    value = item_value(scheme, item)
    text = " + ".join(pieces) + f" = {format_points(value)}" if pieces else "未采用 0"
    units = len(set(item.unit_ids))
    if units > 1:
        how = "均分" if rules.joint is JointMode.SPLIT else "每家固定分值"
        text += f"，合报 {units} 家{how}"
    return text


def unit_item_lines(period: Period, unit_id: int) -> list[tuple[str, str, Decimal]]:
    """(《标题》, working, the unit's share) for each of the unit's items, for 得分明细."""
    scheme = period.scheme
    rules = scheme.items or ItemRules()
    return [
        (f"《{item.title}》", item_working(scheme, item), unit_share(rules, item_value(scheme, item), len(set(item.unit_ids))))
        for item in items_of(period, [unit_id])[unit_id]
    ]


def is_derived(period: Period, key: object) -> bool:
    """A tally field computed from the ledger (not typed) in this period."""
    from scoring.model import EventKey

    if not period.ledger:
        return False
    return not isinstance(key, EventKey) or key.event_id in task_event_ids(period.scheme)
