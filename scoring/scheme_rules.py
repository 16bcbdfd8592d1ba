"""Checking a scheme's rules, and the rules as JSON (in scheme files and in the period file).

In JSON a limit names its components as the user sees them: a channel's or an event's name,
or 报送条目, 采用条目, 定额, 录用率; in memory they are keyed by id (:mod:`scoring.rules`), so a
renamed channel stays in its limit. Every problem is a Chinese sentence naming the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import overload

from scoring.cells import MAX_COUNT, CellError, format_points, parse_points
from scoring.errors import EditError
from scoring.model import Channel, Event, Scheme
from scoring.rules import (
    FIXED_PART_LABELS,
    FIXED_PARTS,
    QUOTA_PART,
    RATE_PART,
    Limit,
    QuotaRule,
    RateRule,
    Rules,
    UnitClass,
    channel_part,
    event_part,
    part_id,
)

RESERVED_NAMES = frozenset({"单位", "分组", "类别", "报送条目", "采用条目", "加减分", "得分", "排名", "达标", "本期得分", "累计得分", "累计排名"})


def part_label(scheme: Scheme, part: str) -> str:
    """The name a user knows a component by: 报送不及时, 区级录用（政务党建）, 报送条目, 定额, 录用率."""
    kind, number = part_id(part)
    if number is None:
        return FIXED_PART_LABELS.get(part, part)
    try:
        return scheme.channel(number).name if kind == "channel" else scheme.event(number).name
    except KeyError:
        return f"（已删除的列 {number}）"


def _part_exists(scheme: Scheme, part: str) -> bool:
    kind, number = part_id(part)
    if part == QUOTA_PART:
        return scheme.rules.quota is not None
    if part == RATE_PART:
        return bool(scheme.rules.rates)
    if number is None:
        return part in FIXED_PARTS
    ids = {c.id for c in scheme.channels} if kind == "channel" else {e.id for e in scheme.events}
    return kind in ("channel", "event") and number in ids


def rule_problems(scheme: Scheme) -> list[str]:
    """Why the scheme cannot be evaluated, one sentence per problem; [] when it can."""
    problems: list[str] = []
    rules = scheme.rules
    channel_names = {c.name for c in scheme.channels}
    seen: set[str] = set()
    for event in scheme.events:
        name = event.name.strip()
        if not name:
            problems.append("扣分/加分事项名称不能为空")
        elif name in seen:
            problems.append(f"扣分/加分事项「{name}」重名")
        elif name in channel_names or name in RESERVED_NAMES:
            problems.append(f"扣分/加分事项「{name}」与采用渠道或表格中的其他列同名")
        seen.add(name)
    class_names: set[str] = set()
    for unit_class in rules.classes:
        name = unit_class.name.strip()
        if not name:
            problems.append("单位类别名称不能为空")
        elif name in class_names:
            problems.append(f"单位类别「{name}」重名")
        class_names.add(name)
        for quota, what in ((unit_class.submitted_quota, "报送"), (unit_class.adopted_quota, "采用")):
            if quota is not None and not 0 <= quota <= MAX_COUNT:
                problems.append(f"单位类别「{name}」的{what}定额必须在 0 到 {MAX_COUNT} 之间")
    has_quota = any(c.submitted_quota is not None or c.adopted_quota is not None for c in rules.classes)
    if rules.quota is not None and not has_quota:
        problems.append("设置了「定额」计分，但没有任何单位类别设置定额（请先添加类别和定额）")
    if has_quota and rules.quota is None:
        problems.append("单位类别设置了定额，但没有设置「定额」如何计分")
    for rate in rules.rates:
        if not 0 < rate.below_percent <= 100:
            problems.append(f"「{rate.name}」规则的比例必须大于 0%、不超过 100%")
    taken: dict[str, str] = {}
    for limit in rules.limits:
        label = f"「{limit.name or '未命名的上下限'}」"
        if not limit.name.strip():
            problems.append("上下限规则的名称不能为空")
        if not limit.parts:
            problems.append(f"上下限规则{label}没有选择任何计分项")
        if limit.floor is not None and limit.cap is not None and limit.cap < limit.floor:
            problems.append(
                f"上下限规则{label}的上限 {format_points(limit.cap)} 低于下限 {format_points(limit.floor)}"
            )
        for part in limit.parts:
            if not _part_exists(scheme, part):
                problems.append(f"上下限规则{label}用到的「{part_label(scheme, part)}」不存在")
            elif part in taken:
                problems.append(
                    f"「{part_label(scheme, part)}」同时属于上下限规则「{taken[part]}」和{label}，只能属于一个"
                )
            taken.setdefault(part, limit.name)
    from scoring.item_scheme import item_rule_problems

    return problems + item_rule_problems(scheme)


def check_scheme(scheme: Scheme) -> None:
    problems = rule_problems(scheme)
    if problems:
        raise EditError(problems)


# -- JSON -----------------------------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def events_to_list(events: tuple[Event, ...]) -> list[dict[str, str]]:
    return [{"name": e.name, "points": str(e.points)} for e in events]


def rules_to_dict(scheme: Scheme) -> dict[str, object]:
    """The rules as JSON values, components named as the user sees them; {} for none."""
    rules = scheme.rules
    data: dict[str, object] = {}
    if rules.classes:
        data["classes"] = [
            {"name": c.name, "submitted_quota": c.submitted_quota, "adopted_quota": c.adopted_quota}
            for c in rules.classes
        ]
    if rules.quota is not None:
        q = rules.quota
        data["quota"] = {
            "name": q.name,
            "met_points": str(q.met_points),
            "missing_points": str(q.missing_points),
            "extra_points": str(q.extra_points),
        }
    if rules.rates:
        data["rates"] = [
            {"name": r.name, "below_percent": str(r.below_percent), "points": str(r.points)} for r in rules.rates
        ]
    if rules.limits:
        data["limits"] = [
            {
                "name": limit.name,
                "parts": [part_label(scheme, p) for p in limit.parts],
                "base": str(limit.base),
                "floor": _text(limit.floor),
                "cap": _text(limit.cap),
            }
            for limit in rules.limits
        ]
    if rules.pass_mark is not None:
        data["pass_mark"] = str(rules.pass_mark)
    return data


class _Reader:
    """Values out of parsed JSON, each refusal naming the rule (``source`` names the file)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> EditError:
        return EditError([f"{self.source}{message}"])

    @overload
    def points(self, value: object, what: str) -> Decimal: ...
    @overload
    def points(self, value: object, what: str, *, optional: bool) -> Decimal | None: ...

    def points(self, value: object, what: str, *, optional: bool = False) -> Decimal | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(f"{what}：不是有效的分值")
        try:
            return parse_points(str(value))
        except CellError as error:
            raise self.fail(f"{what}：{error}") from None

    def count(self, value: object, what: str) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
            raise self.fail(f"{what}必须是 0 到 {MAX_COUNT} 的整数")
        return value

    def items(self, data: dict[str, object], key: str, what: str) -> list[dict[str, object]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(f"「{what}」格式不对")
        return value

    def name(self, item: dict[str, object], what: str) -> str:
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(f"有一条{what}没有名称")
        return name.strip()


def events_from_list(data: dict[str, object], source: str = "") -> tuple[Event, ...]:
    read = _Reader(source)
    events = []
    for index, item in enumerate(read.items(data, "events", "扣分/加分事项"), start=1):
        name = read.name(item, "扣分/加分事项")
        events.append(Event(index, name, read.points(item.get("points"), f"扣分/加分事项「{name}」的分值")))
    return tuple(events)


def rules_from_dict(
    data: dict[str, object], channels: tuple[Channel, ...], events: tuple[Event, ...], source: str = ""
) -> Rules:
    """Rules out of JSON; a component is found by name among ``channels``, ``events`` and the fixed ones."""
    read = _Reader(source)
    classes = []
    for item in read.items(data, "classes", "单位类别"):
        name = read.name(item, "单位类别")
        classes.append(
            UnitClass(
                name,
                read.count(item.get("submitted_quota"), f"单位类别「{name}」的报送定额"),
                read.count(item.get("adopted_quota"), f"单位类别「{name}」的采用定额"),
            )
        )
    quota = None
    q = data.get("quota")
    if isinstance(q, dict):
        name = str(q.get("name") or "定额分")
        pts: Callable[[str, str], Decimal] = lambda key, what: read.points(q.get(key, "0"), f"「定额」的{what}")  # noqa: E731
        quota = QuotaRule(pts("met_points", "达到定额得分"), pts("missing_points", "每少 1 条得分"), pts("extra_points", "每多 1 条得分"), name)
    elif q is not None:
        raise read.fail("「定额」格式不对")
    rates = []
    for item in read.items(data, "rates", "录用率规则"):
        name = str(item.get("name") or "录用率")
        below = read.points(item.get("below_percent"), f"「{name}」的比例")
        rates.append(RateRule(below, read.points(item.get("points"), f"「{name}」的得分"), name))
    by_name = {label: part for part, label in FIXED_PART_LABELS.items()}
    by_name |= {c.name: channel_part(c.id) for c in channels} | {e.name: event_part(e.id) for e in events}
    limits = []
    for item in read.items(data, "limits", "上下限规则"):
        name = read.name(item, "上下限规则")
        names = item.get("parts", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise read.fail(f"上下限规则「{name}」的计分项格式不对")
        missing = [n for n in names if n not in by_name]
        if missing:
            raise read.fail(f"上下限规则「{name}」用到的「{'」「'.join(missing)}」不存在")
        limits.append(
            Limit(
                name,
                tuple(by_name[n] for n in names),
                read.points(item.get("base", "0"), f"上下限规则「{name}」的基础分"),
                read.points(item.get("floor"), f"上下限规则「{name}」的下限", optional=True),
                read.points(item.get("cap"), f"上下限规则「{name}」的上限", optional=True),
            )
        )
    pass_mark = read.points(data.get("pass_mark"), "达标分数线", optional=True)
    return Rules(tuple(classes), quota, tuple(rates), tuple(limits), pass_mark)
