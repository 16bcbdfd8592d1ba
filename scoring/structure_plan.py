"""The unit and group restructuring of 单位管理, planned without a display.

The clerk edits a copy of the groups (add, rename, reorder, list sizes, remove an empty one) and of
their units (add, rename, reorder, move to another group, deactivate, 类别) and presses OK once.
:func:`structure_problems` names every empty or repeated name; :func:`plan_structure` refuses with
them or turns the edited copy into the :class:`SetGroups` / :class:`SetUnits` operations, in the order that lets each one's
check pass (a unit moved out of a removed group into a new one needs the new group first and the
old one last). :func:`group_removal_problem` says why a group cannot be removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from scoring.edits import Operation
from scoring.errors import EditError
from scoring.model import Group, Period, Unit
from scoring.structure_edits import SetGroups, SetUnits


def group_removal_problem(group: Group, members: int, groups: int) -> str | None:
    """Why ``group`` (holding ``members`` units, active or not, among ``groups`` groups) cannot go, or None."""
    if members:
        return f"分组「{group.name}」中还有 {members} 个单位（含停用的），请先把它们移到其他分组。"
    if groups == 1:
        return "至少要保留一个分组。"
    return None


def structure_problems(groups: Sequence[Group], members: Mapping[int, Sequence[int]], units: Mapping[int, Unit]) -> list[str]:
    """Empty and duplicate names, each naming the group and the unit."""
    problems = [f"第 {row + 1} 个分组没有填写名称" for row, g in enumerate(groups) if not g.name.strip()]
    group_names = [g.name.strip() for g in groups if g.name.strip()]
    problems += [f"分组「{n}」重名" for n in sorted(set(group_names)) if group_names.count(n) > 1]
    seen: dict[str, list[str]] = {}
    for group in groups:
        for position, unit_id in enumerate(members[group.id], start=1):
            name = units[unit_id].name.strip()
            if not name:
                problems.append(f"分组「{group.name.strip()}」第 {position} 个单位没有填写名称")
            else:
                seen.setdefault(name, []).append(group.name.strip())
    for name, where in seen.items():
        if len(where) > 1:
            places = "、".join(dict.fromkeys(f"「{g}」" for g in where))
            problems.append(f"单位「{name}」重名（{places}中共 {len(where)} 个）")
    return problems


def plan_structure(
    period: Period, groups: Sequence[Group], members: Mapping[int, Sequence[int]], units: Mapping[int, Unit]
) -> list[Operation]:
    """The operations that make ``period`` hold ``groups`` (in order), each with ``members`` (unit ids in
    order) taken from ``units``; names are kept without surrounding white space. Nothing changed: [].
    Raises :class:`EditError` listing every problem of :func:`structure_problems`."""
    if problems := structure_problems(groups, members, units):
        raise EditError(problems)
    new_groups = tuple(replace(g, name=g.name.strip()) for g in groups)
    new_units = tuple(
        replace(units[uid], name=units[uid].name.strip(), group_id=g.id) for g in new_groups for uid in members[g.id]
    )
    kept = {g.id for g in new_groups}
    removed = tuple(g for g in period.groups if g.id not in kept)
    added = kept - {g.id for g in period.groups}
    before = tuple(u for g in new_groups + removed for u in period.units_in(g.id))
    groups_changed, units_changed = new_groups != tuple(period.groups), new_units != before
    if not units_changed:
        return [SetGroups(new_groups)] if groups_changed else []
    if not groups_changed:
        return [SetUnits(new_units)]
    if added and removed:  # units move from a removed group into a new one
        return [SetGroups(new_groups + removed), SetUnits(new_units), SetGroups(new_groups)]
    if removed:
        return [SetUnits(new_units), SetGroups(new_groups)]
    return [SetGroups(new_groups), SetUnits(new_units)]
