"""单位管理's OK planned without a display: every problem named, and the operations in an order the
period file accepts, whatever the clerk added, renamed, moved, deactivated and removed in one go."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.document import PeriodDocument
from scoring.errors import EditError
from scoring.model import Group, Unit
from scoring.structure_edits import SetGroups
from scoring.structure_plan import group_removal_problem, plan_structure, structure_problems


@pytest.fixture
def document(sample_copy):
    opened = PeriodDocument.open(sample_copy)
    yield opened
    opened.close()


def _copy(period):
    """What 单位管理 edits: the groups, the unit ids of each group, the units by id."""
    groups = list(period.groups)
    members = {g.id: [u.id for u in period.units_in(g.id)] for g in period.groups}
    return groups, members, dict(period.units)


def _kinds(operations) -> list[str]:
    return [type(op).__name__ for op in operations]


def _apply_and_reopen(document, operations, sample_copy):
    document.apply(operations)
    document.close()
    return PeriodDocument.open(sample_copy, read_only=True, why="test").period


def test_nothing_changed_plans_nothing(document) -> None:
    assert plan_structure(document.period, *_copy(document.period)) == []


def test_renaming_a_group_only_sets_the_groups_without_surrounding_spaces(document) -> None:
    groups, members, units = _copy(document.period)
    groups[0] = replace(groups[0], name="  甲组\u3000")
    operations = plan_structure(document.period, groups, members, units)
    assert operations == [SetGroups((replace(groups[0], name="甲组"), *groups[1:]))]


def test_renaming_deactivating_and_reordering_units_only_sets_the_units(document, sample_copy) -> None:
    period = document.period
    groups, members, units = _copy(period)
    first, second = members[groups[0].id][:2]
    units[first] = replace(units[first], name=" 改名后的单位 ", active=False)
    members[groups[0].id][:2] = [second, first]
    operations = plan_structure(period, groups, members, units)
    assert _kinds(operations) == ["SetUnits"]
    reopened = _apply_and_reopen(document, operations, sample_copy)
    assert reopened.units[first] == Unit(first, "改名后的单位", groups[0].id, active=False, category=units[first].category)
    assert [u.id for u in reopened.units_in(groups[0].id)][:2] == [second, first]


def test_a_new_group_with_units_moved_into_it_comes_first(document, sample_copy) -> None:
    period = document.period
    groups, members, units = _copy(period)
    moved = members[groups[0].id].pop()
    groups.append(Group(99, "新分组"))
    members[99] = [moved]
    operations = plan_structure(period, groups, members, units)
    assert _kinds(operations) == ["SetGroups", "SetUnits"]
    reopened = _apply_and_reopen(document, operations, sample_copy)
    assert [u.id for u in reopened.units_in(99)] == [moved]


def test_emptying_and_removing_a_group_moves_the_units_first(document, sample_copy) -> None:
    period = document.period
    groups, members, units = _copy(period)
    gone = groups.pop()
    members[groups[0].id] += members.pop(gone.id)
    operations = plan_structure(period, groups, members, units)
    assert _kinds(operations) == ["SetUnits", "SetGroups"]
    reopened = _apply_and_reopen(document, operations, sample_copy)
    assert [g.id for g in reopened.groups] == [groups[0].id]
    assert len(reopened.units_in(groups[0].id)) == len(units)


def test_units_moved_from_a_removed_group_into_a_new_one_need_both_groups_meanwhile(document, sample_copy) -> None:
    period = document.period
    groups, members, units = _copy(period)
    gone = groups.pop()
    groups.append(Group(99, "合并后的分组"))
    members[99] = members.pop(gone.id)
    operations = plan_structure(period, groups, members, units)
    assert _kinds(operations) == ["SetGroups", "SetUnits", "SetGroups"]
    reopened = _apply_and_reopen(document, operations, sample_copy)
    assert [g.name for g in reopened.groups] == [groups[0].name, "合并后的分组"]
    assert [u.id for u in reopened.units_in(99)] == members[99]


def test_empty_and_repeated_names_are_refused_naming_group_and_unit(document) -> None:
    period = document.period
    groups, members, units = _copy(period)
    first, second = groups
    groups[1] = replace(second, name=" ")
    groups.append(Group(99, first.name))
    a, b = members[first.id][:2]
    units[a] = replace(units[a], name="")
    twin = members[second.id][0]
    units[twin] = replace(units[twin], name=units[b].name + " ")
    members[99] = []
    expected = [
        "第 2 个分组没有填写名称",
        f"分组「{first.name}」重名",
        f"分组「{first.name}」第 1 个单位没有填写名称",
        f"单位「{units[b].name}」重名（「{first.name}」、「」中共 2 个）",
    ]
    assert structure_problems(groups, members, units) == expected
    with pytest.raises(EditError) as refused:
        plan_structure(period, groups, members, units)
    assert refused.value.problems == expected


def test_a_group_can_be_removed_only_when_empty_and_not_the_last() -> None:
    group = Group(1, "甲组")
    assert group_removal_problem(group, 3, 2) == "分组「甲组」中还有 3 个单位（含停用的），请先把它们移到其他分组。"
    assert group_removal_problem(group, 0, 1) == "至少要保留一个分组。"
    assert group_removal_problem(group, 0, 2) is None
