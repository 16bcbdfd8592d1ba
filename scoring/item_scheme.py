"""Item rules (:class:`scoring.items.ItemRules`) checked and read/written as JSON.

In a scheme file (version 3) and in the period file they are the ``items`` object::

    {"highest_only": true,
     "instructions": [{"name": "市领导批示", "points": "10"}],
     "joint": "split",                       # or "fixed" with "joint_points": "2"
     "multipliers": [{"flag": "经转报", "factor": "2"}],
     "tasks": {"done": "约稿完成", "late": "约稿迟报", "missing": "约稿未完成", "adopted_only": false}}

Every refusal is a Chinese sentence naming the rule.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.cells import CellError, parse_points
from scoring.errors import EditError
from scoring.items import InstructionLevel, ItemRules, JointMode, Multiplier, TaskEvents
from scoring.model import Scheme


def item_rules_to_dict(rules: ItemRules) -> dict[str, object]:
    data: dict[str, object] = {
        "highest_only": rules.highest_only,
        "instructions": [{"name": i.name, "points": str(i.points)} for i in rules.instructions],
        "joint": str(rules.joint),
        "multipliers": [{"flag": m.flag, "factor": str(m.factor)} for m in rules.multipliers],
    }
    if rules.joint is JointMode.FIXED:
        data["joint_points"] = str(rules.joint_points)
    tasks = rules.tasks
    if tasks != TaskEvents():
        data["tasks"] = {
            "done": tasks.done,
            "late": tasks.late,
            "missing": tasks.missing,
            "adopted_only": tasks.adopted_only,
        }
    return data


def _points(value: object, what: str, source: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise EditError([f"{source}{what}：不是有效的分值"])
    try:
        return parse_points(str(value))
    except CellError as error:
        raise EditError([f"{source}{what}：{error}"]) from None


def _list(data: dict[str, object], key: str, what: str, source: str) -> list[dict[str, object]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise EditError([f"{source}「{what}」格式不对"])
    return value


def _name(value: object, what: str, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EditError([f"{source}有一条{what}没有名称"])
    return value.strip()


def item_rules_from_dict(data: object, source: str = "") -> ItemRules:
    """Item rules out of JSON; a bad value raises EditError naming the rule."""
    if not isinstance(data, dict):
        raise EditError([f"{source}「按条目计分」格式不对"])
    highest = data.get("highest_only", True)
    if not isinstance(highest, bool):
        raise EditError([f"{source}「就高不就低」只能是 true 或 false"])
    instructions = tuple(
        InstructionLevel(
            name := _name(item.get("name"), "批示级别", source),
            _points(item.get("points"), f"批示「{name}」的分值", source),
        )
        for item in _list(data, "instructions", "批示", source)
    )
    try:
        joint = JointMode(data.get("joint", "split"))
    except ValueError:
        raise EditError([f"{source}「合报」只能是 split（均分）或 fixed（每个单位固定分值）"]) from None
    joint_points = _points(data.get("joint_points", "0"), "合报每个单位的分值", source)
    multipliers = tuple(
        Multiplier(
            flag := _name(item.get("flag"), "加倍标记", source),
            _points(item.get("factor"), f"标记「{flag}」的倍数", source),
        )
        for item in _list(data, "multipliers", "加倍标记", source)
    )
    tasks_data = data.get("tasks", {})
    if not isinstance(tasks_data, dict):
        raise EditError([f"{source}「约稿」格式不对"])
    names = {key: tasks_data.get(key, "") for key in ("done", "late", "missing")}
    if not all(isinstance(v, str) for v in names.values()) or not isinstance(tasks_data.get("adopted_only", False), bool):
        raise EditError([f"{source}「约稿」格式不对"])
    tasks = TaskEvents(names["done"].strip(), names["late"].strip(), names["missing"].strip(), tasks_data.get("adopted_only", False))
    return ItemRules(highest, instructions, joint, joint_points, multipliers, tasks)


def item_rule_problems(scheme: Scheme) -> list[str]:
    """Why the item rules cannot be evaluated, one sentence each; [] when they can."""
    rules = scheme.items
    if rules is None:
        return []
    problems = []
    seen: set[str] = set()
    for level in rules.instructions:
        if not level.name.strip():
            problems.append("批示级别的名称不能为空")
        elif level.name in seen:
            problems.append(f"批示级别「{level.name}」重名")
        seen.add(level.name)
    flags: set[str] = set()
    for multiplier in rules.multipliers:
        if not multiplier.flag.strip():
            problems.append("加倍标记的名称不能为空")
        elif multiplier.flag in flags:
            problems.append(f"加倍标记「{multiplier.flag}」重复")
        if multiplier.factor <= 0:
            problems.append(f"加倍标记「{multiplier.flag}」的倍数必须大于 0")
        flags.add(multiplier.flag)
    if rules.joint is JointMode.FIXED and rules.joint_points < 0:
        problems.append("合报每个单位的分值不能为负数")
    events = {event.name for event in scheme.events}
    for name, what in ((rules.tasks.done, "约稿完成"), (rules.tasks.late, "约稿迟报"), (rules.tasks.missing, "约稿未完成")):
        if name and name not in events:
            problems.append(f"约稿规则「{what}」用到的扣分/加分事项「{name}」不存在")
    return problems
