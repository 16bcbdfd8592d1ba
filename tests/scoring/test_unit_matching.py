"""Finding the same unit in another period or table: exact name, former name, group, loose spelling."""

from __future__ import annotations

from scoring.model import Group, Period, PeriodInfo, Unit
from scoring.names import MatchKind
from scoring.scheme_file import default_scheme
from scoring.unit_matching import UnitIndex, aliases_from_log, match_period


def _period(*units: Unit) -> Period:
    return Period(PeriodInfo("期间"), default_scheme(), [Group(1, "一、市直部门"), Group(2, "二、县市区")], list(units))


def test_former_names_come_from_the_renames_in_the_log() -> None:
    period = _period(Unit(1, "市农业农村局", 1), Unit(2, "市统计局", 1))
    added = ("2023-01-01T09:00:00", "张三", "unit.add", "市统计局", None, "一、市直部门")
    renamed = ("2023-02-01T09:00:00", "张三", "unit.rename", "市农业局", "市农业局", "市农业农村局")
    assert aliases_from_log(period, [added]) == {}
    assert aliases_from_log(period, [added, renamed]) == {1: ("市农业局",)}


def test_a_name_two_units_once_had_is_not_guessed() -> None:
    units = [Unit(1, "市农业农村局", 1), Unit(2, "市水产局", 1)]
    index = UnitIndex(units, {1: ("市农业局",), 2: ("市农业局",)})
    found = index.find("市农业局")
    assert found.item is None and found.ambiguous
    assert {u.id for u in found.candidates} == {1, 2}


def test_a_name_in_two_groups_is_matched_within_the_group_of_the_same_name() -> None:
    earlier = _period(Unit(1, "经济开发区", 1), Unit(2, "经济开发区", 2), Unit(3, "市财政局", 1))
    current = _period(Unit(10, "经济开发区", 2), Unit(11, "经济开发区", 1), Unit(12, "市财政局", 1))
    matched = match_period(current, earlier)
    assert {uid: unit.id for uid, unit in matched.items() if unit} == {10: 2, 11: 1, 12: 3}


def test_a_deactivated_unit_is_matched_to_nothing() -> None:
    earlier = _period(Unit(1, "市财政局", 1))
    current = _period(Unit(5, "市财政局", 1, active=False))
    assert match_period(current, earlier) == {5: None}
    assert UnitIndex(earlier.units.values()).find("财政局").kind is MatchKind.DOUBTFUL
