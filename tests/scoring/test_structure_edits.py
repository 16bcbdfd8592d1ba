"""Changes of scheme, groups and units through PeriodDocument, and what they say beforehand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError, SetAdjustments, SetOverride, SetTally
from scoring.model import Adjustment, EventKey, Group, ListKind, Override, Period, PeriodInfo, Unit
from scoring.scheme_file import load_scheme
from scoring.standings import unit_score
from scoring.structure_edits import SetGroups, SetScheme, SetUnits
from tests.conftest import RESOURCES


@pytest.fixture
def document(sample_copy):
    opened = PeriodDocument.open(sample_copy)
    yield opened
    opened.close()


def _unit(document: PeriodDocument, name: str) -> Unit:
    return next(u for u in document.period.units.values() if u.name == name)


def test_operations_are_checked_in_order_so_they_can_build_on_each_other(document) -> None:
    period = document.period
    new_group = Group(3, "三、市直事业单位")
    moved = replace(_unit(document, "市小龙虾产业发展促进中心"), group_id=3)
    units = tuple(moved if u.id == moved.id else u for u in period.units.values())
    document.apply([SetGroups((*period.groups, new_group)), SetUnits(units)])
    assert document.standings.rank(moved.id) == 1
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert reopened.period.units[moved.id].group_id == 3
    reopened.close()


def test_a_failing_check_later_in_the_list_changes_nothing(document) -> None:
    period = document.period
    before_groups, log_length = list(period.groups), len(document.file.audit_log())
    renamed = (replace(period.groups[0], name="甲"), period.groups[1])
    emptied = (period.groups[0],)  # group 2 still has units
    with pytest.raises(EditError, match="还有单位"):
        document.apply([SetGroups(renamed), SetGroups(emptied)])
    assert period.groups == before_groups
    assert len(document.file.audit_log()) == log_length
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert reopened.period.groups == before_groups
    reopened.close()


def test_a_scheme_change_recomputes_every_score(document) -> None:
    period = document.period
    channels = tuple(replace(c, dedicated_points=c.dedicated_points * 2) for c in period.scheme.channels)
    document.apply(SetScheme(replace(period.scheme, channels=channels, adopted_points=Decimal(0))))
    for unit_id in period.units:
        tally = period.tallies[unit_id]
        expected = (
            sum(
                (count.dedicated * ch.dedicated_points + count.combined * ch.combined_points
                 for ch in channels if (count := tally.adoptions.get(ch.id))),
                Decimal(0),
            )
            + tally.submitted * period.scheme.submitted_points
            + period.adjustment_total(unit_id)
        )
        assert document.standings.score(unit_id) == expected == unit_score(period, unit_id)


def test_removing_a_channel_and_undoing_restores_its_counts(document) -> None:
    period = document.period
    gov = period.scheme.channel_named("国办采用")
    before = {uid: t.adoptions.get(gov.id) for uid, t in period.tallies.items()}
    applied = document.apply(SetScheme(replace(period.scheme, channels=tuple(c for c in period.scheme.channels
                                                                              if c.id != gov.id))))
    assert all(gov.id not in t.adoptions for t in period.tallies.values())
    document.apply(applied.inverse)
    assert {uid: t.adoptions.get(gov.id) for uid, t in period.tallies.items()} == before
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert reopened.period.tallies[_unit(document, "市发改委").id].adoptions[gov.id] == Count(5)
    reopened.close()


def test_a_scheme_with_negative_points_counts_or_repeated_tie_breaks_is_refused_with_every_reason(document) -> None:
    scheme = document.period.scheme
    first = scheme.channels[0]
    bad = replace(
        scheme,
        channels=(replace(first, combined_points=Decimal(-1)), *scheme.channels[1:]),
        submitted_points=Decimal(-1),
        criticise_count=-1,
        tie_breaks=(*scheme.tie_breaks, *scheme.tie_breaks),
    )
    with pytest.raises(EditError) as raised:
        document.apply(SetScheme(bad))
    problems = raised.value.problems
    assert f"采用渠道「{first.name}」的分值不能为负数（扣分请用加减分）" in problems
    assert {"每条报送或采用的分值不能为负数", "建议表扬或批评的名额不能为负数", } <= set(problems)
    assert any(p.startswith("同分规则重复：两次都选了") for p in problems)
    assert document.period.scheme == scheme


def test_a_channel_with_starred_counts_cannot_stop_counting_combined_adoptions(document) -> None:
    period = document.period
    for unit_id, channel in [(1, period.scheme.channels[0]), (2, period.scheme.channels[0])]:
        document.apply(SetTally(unit_id, channel.id, Count(1, 1)))
    channels = tuple(replace(c, accepts_combined=False) if c.id == channel.id else c for c in period.scheme.channels)
    with pytest.raises(EditError, match=f"采用渠道「{channel.name}」已有综合采用数（.*{period.units[1].name}"):
        document.apply(SetScheme(replace(period.scheme, channels=channels)))


def test_a_group_with_a_negative_list_size_is_refused(document) -> None:
    groups = (replace(document.period.groups[0], commend_count=-1), *document.period.groups[1:])
    with pytest.raises(EditError, match="的表扬或批评名额不能为负数"):
        document.apply(SetGroups(groups))


def test_removing_a_unit_and_undoing_restores_everything_it_held(document) -> None:
    period = document.period
    unit_id = _unit(document, "市发改委").id
    channel = period.scheme.channels[0]
    document.apply([SetTally(unit_id, channel.id, Count(3, 2)), SetAdjustments(unit_id, (Adjustment(Decimal(2), "约稿完成"),)),
                    SetOverride(unit_id, ListKind.CRITICISE, Override(True, "多次迟报"))])
    held = (period.tallies[unit_id].copy(), period.adjustments[unit_id], period.overrides[(unit_id, ListKind.CRITICISE)])
    score = document.standings.scores[unit_id]
    applied = document.apply(SetUnits(tuple(u for u in period.units.values() if u.id != unit_id)))
    assert unit_id not in period.tallies and (unit_id, ListKind.CRITICISE) not in period.overrides
    document.apply(applied.inverse)
    assert (period.tallies[unit_id], period.adjustments[unit_id], period.overrides[(unit_id, ListKind.CRITICISE)]) == held
    assert document.standings.scores[unit_id] == score
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert reopened.period.tallies[unit_id] == held[0]
    assert reopened.period.overrides[(unit_id, ListKind.CRITICISE)] == held[2]
    reopened.close()


def test_deactivating_and_reordering_units_are_recorded_in_the_change_log(document) -> None:
    period = document.period
    first, *rest = period.units.values()
    document.apply(SetUnits((*rest, replace(first, active=False))))
    assert document.standings.rank(first.id) is None
    assert document.standings.not_suggested_because(first.id) == ""
    actions = [entry[2] for entry in document.file.audit_log()[-2:]]
    assert actions == ["unit.deactivate", "units.reorder"]
    document.apply(SetUnits((replace(first, active=True), *rest)))
    assert document.file.audit_log()[-2][2:4] == ("unit.activate", first.name)


def test_removing_a_unit_and_undoing_restores_its_counted_events(tmp_path) -> None:
    scheme = load_scheme(RESOURCES / "schemes" / "zhonglou-quarterly.json")
    event = scheme.events[0]
    units = {1: Unit(1, "甲单位", 1), 2: Unit(2, "乙单位", 1)}
    period = Period(PeriodInfo("2024年第一季度"), scheme, [Group(1, "一组")], units)
    document = PeriodDocument.create(tmp_path / "q1.zwxx", period)
    document.apply(SetTally(1, EventKey(event.id), 2))
    applied = document.apply(SetUnits((units[2],)))
    document.apply(applied.inverse)
    document.close()
    reopened = PeriodDocument.open(tmp_path / "q1.zwxx", read_only=True)
    assert reopened.period.tallies[1].events == {event.id: 2}
    reopened.close()
