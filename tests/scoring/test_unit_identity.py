"""A unit keeps its identity across periods: renamed (曾用名 in the file's history) or moved to
another group, it is matched by 累计, 对比上期 and 导入表格, and a person can match the rest by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from scoring.document import PeriodDocument
from scoring.exchange.csv_table import parse_csv_text
from scoring.exchange.merge import plan_import
from scoring.model import Period, PeriodInfo
from scoring.names import MatchKind
from scoring.periods import accumulate, accumulate_files, default_info, rank_changes
from scoring.sample import build_sample
from scoring.standings import Standings
from scoring.structure_edits import SetUnits
from scoring.unit_matching import UnitIndex
from tests.generated import id_of, sample_month

OLD, NEW = "市农业农村局", "市农业农村和水产局"


def _renamed(period: Period, old: str = OLD, new: str = NEW) -> Period:
    unit_id = id_of(period, old)
    period.units[unit_id] = replace(period.units[unit_id], name=new)
    return period


def test_accumulate_matches_a_unit_renamed_in_the_later_file_and_keeps_its_new_name() -> None:
    july, august = sample_month(7), _renamed(sample_month(8))
    former = [{}, {id_of(august, NEW): (OLD,)}]
    result = accumulate([july, august], sources=["7月.zwxx", "8月.zwxx"], former=former)
    total = result.period
    assert len(total.units) == 57 and not result.report.missing_units
    unit_id = id_of(total, NEW)  # the notice uses the unit's current name
    assert total.tallies[unit_id].submitted == 2 * july.tallies[id_of(july, OLD)].submitted
    assert f"「{OLD}」在「8月.zwxx」中已改名为「{NEW}」，按同一单位累计，用新名称" in result.report.lines()


def test_accumulate_matches_an_old_name_in_the_later_file_through_the_earlier_files_history() -> None:
    july, august = _renamed(sample_month(7)), sample_month(8)  # the earlier file was renamed afterwards
    result = accumulate([july, august], former=[{id_of(july, NEW): (OLD,)}, {}])
    assert len(result.period.units) == 57 and NEW in {u.name for u in result.period.units.values()}


def test_accumulate_of_files_follows_a_rename_made_in_units_management(tmp_path) -> None:
    PeriodDocument.create(tmp_path / "7月.zwxx", sample_month(7)).close()
    august = PeriodDocument.create(tmp_path / "8月.zwxx", sample_month(8))
    units = tuple(replace(u, name=NEW) if u.name == OLD else u for u in august.period.units.values())
    august.apply(SetUnits(units))
    august.close()
    without_history = accumulate([sample_month(7), _renamed(sample_month(8))])
    assert len(without_history.period.units) == 58  # what a match by name alone gives
    result = accumulate_files([tmp_path / "7月.zwxx", tmp_path / "8月.zwxx"])
    assert len(result.period.units) == 57 and not result.report.missing_units


def test_units_no_rule_matches_are_offered_and_can_be_matched_by_hand() -> None:
    july, august = sample_month(7), _renamed(_renamed(sample_month(8)), "市统计局", "市统计事务中心")
    result = accumulate([july, august], sources=["7月.zwxx", "8月.zwxx"])
    assert len(result.period.units) == 59  # the same units twice, with split totals
    offered = {u.name: u for u in result.report.unmatched}
    assert set(offered) == {NEW, "市统计事务中心"}
    assert set(offered[NEW].candidates) == {OLD, "市统计局"} and offered[NEW].source == "8月.zwxx"
    manual = {(1, NEW): OLD, (1, "市统计事务中心"): "市统计局"}
    matched = accumulate([july, august], sources=["7月.zwxx", "8月.zwxx"], manual=manual)
    assert len(matched.period.units) == 57 and not matched.report.missing_units
    assert {u.chosen for u in matched.report.unmatched} == {OLD, "市统计局"}  # still shown, with the choice
    assert any("人工对应" in line for line in matched.report.lines())
    unit_id = id_of(matched.period, OLD)
    assert matched.period.tallies[unit_id].submitted == 2 * july.tallies[id_of(july, OLD)].submitted


def test_accumulated_dates_cover_every_period_even_one_with_only_a_cutoff() -> None:
    july = sample_month(7, start=date(2023, 7, 1), end=date(2023, 7, 31))
    august = sample_month(8, cutoff=date(2023, 8, 31))
    info = default_info([july, august])
    assert (info.start, info.end, info.cutoff) == (date(2023, 7, 1), date(2023, 8, 31), date(2023, 8, 31))
    first_undated = replace(july, info=PeriodInfo("七月份", cutoff=date(2023, 7, 31)))
    info = default_info([first_undated, august])  # a title naming no dates: the cut-off's month
    assert (info.start, info.end) == (date(2023, 7, 1), date(2023, 8, 31))
    titled = replace(july, info=PeriodInfo("2023年7月"))
    assert default_info([titled, august]).start == date(2023, 7, 1)  # dates from the title


def test_rank_changes_follow_a_rename_either_way() -> None:
    earlier, current = sample_month(7), _renamed(sample_month(8))
    assert rank_changes(Standings(current), Standings(earlier))[id_of(current, NEW)] == "新"  # by name alone
    changes = rank_changes(Standings(current), Standings(earlier), {id_of(current, NEW): (OLD,)})
    assert changes[id_of(current, NEW)] == "—"
    earlier, current = _renamed(sample_month(7)), sample_month(8)
    changes = rank_changes(Standings(current), Standings(earlier), {}, {id_of(earlier, NEW): (OLD,)})
    assert changes[id_of(current, OLD)] == "—"


def test_a_moved_unit_is_itself_and_the_rest_of_its_old_group_is_unaffected() -> None:
    earlier, current = sample_month(7), sample_month(8)
    moved = id_of(current, "市统计局")
    current.units[moved] = replace(current.units[moved], group_id=current.groups[1].id)
    changes = rank_changes(Standings(current), Standings(earlier))
    assert changes[moved] == "转组"
    assert "新" not in changes.values()


def test_an_exact_name_wins_over_a_former_name() -> None:
    period = build_sample()
    unit_id = id_of(period, "市发改委")
    index = UnitIndex(period.units.values(), {unit_id: ("市统计局",)})  # a name reused by another unit
    assert index.find("市统计局").item.name == "市统计局"
    assert index.find(OLD, ("市发改委",)).kind is MatchKind.EXACT
    assert index.find("发展改革委", ("市发改委",)).item.id == unit_id


def _table(name: str) -> str:
    return f"单位,报送条目,采用条目\n{name},9,0\n市发改委,3,0\n"


def test_import_matches_a_table_that_still_uses_the_old_name() -> None:
    period = _renamed(build_sample())
    table = parse_csv_text(_table(OLD), "7月.csv")
    assert [u.name for u in plan_import(period, table).not_in_period] == [OLD]  # by name alone
    plan = plan_import(period, table, {id_of(period, NEW): (OLD,)})
    assert [m.kind for m in plan.matches if m.unit_name == NEW] == [MatchKind.RENAMED]
    assert not plan.not_in_period and NEW not in {u.name for u in plan.missing_from_table}
    assert "1 个单位按曾用名对应" in plan.summary()


def test_import_takes_a_match_made_by_hand_as_part_of_the_plan() -> None:
    period = build_sample()
    table = parse_csv_text(_table("农业水产局"), "7月.csv")
    plan = plan_import(period, table)
    assert [u.name for u in plan.not_in_period] == ["农业水产局"]
    assert OLD in {u.name for u in plan.candidates_for_hand()}
    line = plan.not_in_period[0].line
    plan = plan_import(period, table, manual={line: id_of(period, OLD)})
    assert not plan.not_in_period and [m.kind for m in plan.matches if m.line == line] == [MatchKind.MANUAL]
    unit_id = id_of(period, OLD)
    assert {c.unit_id for c in plan.changes if c.line == line} == {unit_id}
    trial = build_sample()
    for operation in plan.operations():
        operation.apply(trial)
    assert trial.tallies[unit_id].submitted == 9 and trial.tallies[unit_id].get(1) == period.tallies[unit_id].get(1)
    assert OLD in {u.name for u in plan.candidates_for_hand()}  # the choice can still be changed
