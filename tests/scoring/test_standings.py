"""Scores, ranks and suggestions follow every edit."""

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.cells import Count
from scoring.edits import EditError, SetAdjustments, SetOverride, SetTally, parse_cell, parse_cells
from scoring.model import (
    SUBMITTED,
    Adjustment,
    Channel,
    Group,
    ListKind,
    Override,
    Period,
    PeriodInfo,
    RankingMethod,
    Scheme,
    Unit,
)
from scoring.standings import NOT_COMMENDED_AT_ZERO, NOT_ENTERED, Standings


def _period(n=5, ranking=RankingMethod.COMPETITION) -> Period:
    scheme = Scheme(
        channels=(Channel(1, "本级", Decimal(5), Decimal("2.5")), Channel(2, "批示", Decimal(30), Decimal(0), False)),
        submitted_points=Decimal("0.5"),
        ranking=ranking,
        commend_count=1,
        criticise_count=1,
    )
    units = [Unit(i, f"单位{i}", 1) for i in range(1, n + 1)]
    return Period(PeriodInfo("测试"), scheme, [Group(1, "一组")], units)


def _apply(period, standings, op):
    op.check(period)
    op.apply(period)
    return standings.refresh([op.unit_id])


def test_score_is_exact_decimal() -> None:
    period = _period()
    standings = Standings(period)
    _apply(period, standings, SetTally(1, 1, Count(1, 1)))
    _apply(period, standings, SetTally(1, SUBMITTED, 3))
    assert standings.score(1) == Decimal("9")  # 5 + 2.5 + 3 * 0.5
    assert str(standings.score(1)) in {"9", "9.0", "9.00"}


def test_edit_moves_the_rank_and_reports_only_what_changed() -> None:
    period = _period()
    standings = Standings(period)
    assert {standings.rank(u) for u in period.units} == {1}
    delta = _apply(period, standings, SetTally(3, 1, Count(2)))
    assert delta.scores == {3}
    assert standings.rank(3) == 1 and standings.rank(1) == 2
    assert delta.ranks == {1, 2, 4, 5}  # unit 3 was tied first and stays first
    delta = _apply(period, standings, SetTally(3, 1, Count(3)))
    assert delta.scores == {3} and delta.ranks == set()


def test_tie_break_by_items_submitted() -> None:
    period = _period()
    standings = Standings(period)
    for unit in (1, 2):
        _apply(period, standings, SetTally(unit, 1, Count(1)))
    _apply(period, standings, SetTally(2, SUBMITTED, 2))
    _apply(period, standings, SetTally(1, SUBMITTED, 2))
    assert standings.rank(1) == standings.rank(2) == 1
    _apply(period, standings, SetTally(1, 1, Count(1, 0)))
    _apply(period, standings, SetAdjustments(2, (Adjustment(Decimal(1), "x"),)))
    standings.refresh([2])
    assert standings.rank(2) == 1


def test_suggestions_include_ties_and_respect_overrides() -> None:
    period = _period()
    standings = Standings(period)
    _apply(period, standings, SetTally(1, 1, Count(3)))
    _apply(period, standings, SetTally(2, 1, Count(2)))
    for unit_id in (3, 4, 5):  # filled in, one item submitted each
        _apply(period, standings, SetTally(unit_id, SUBMITTED, 1))
    assert standings.listed(ListKind.COMMEND) == {1}
    assert standings.listed(ListKind.CRITICISE) == {3, 4, 5}  # tied at the bottom: all listed
    SetOverride(1, ListKind.COMMEND, Override(False, "报送有效信息偏少")).apply(period)
    SetOverride(4, ListKind.CRITICISE, Override(False, "已说明情况")).apply(period)
    delta = standings.refresh_lists()
    assert delta.lists == {1, 4}
    assert standings.listed(ListKind.COMMEND) == set()
    assert standings.listed(ListKind.CRITICISE) == {3, 5}
    assert standings.suggested(ListKind.COMMEND) == {1}


def test_deactivated_units_are_not_ranked() -> None:
    period = _period()
    period.units[5] = Unit(5, "单位5", 1, active=False)
    standings = Standings(period)
    assert standings.rank(5) is None
    assert 5 not in standings.in_rank_order(1)


def test_parse_cells_lists_every_bad_cell_and_changes_nothing() -> None:
    period = _period()
    with pytest.raises(EditError) as caught:
        parse_cells(period, [(1, 1, "2"), (2, 1, "5+"), (3, 2, "1*"), (4, SUBMITTED, "-1")])
    problems = caught.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("单位2「本级」")
    assert "不计综合" in problems[1] and "单位3" in problems[1]
    assert "报送条目" in problems[2]
    assert period.tallies[1].get(1) == Count()


def test_parse_cell_accepts_full_width() -> None:
    assert parse_cell(_period(), 1, 1, "３＋１＊").value == Count(3, 1)


def test_dense_ranking_option() -> None:
    period = _period(ranking=RankingMethod.DENSE)
    standings = Standings(period)
    _apply(period, standings, SetTally(1, 1, Count(2)))
    _apply(period, standings, SetTally(2, 1, Count(2)))
    assert [standings.rank(u) for u in (1, 2, 3)] == [1, 1, 2]


def test_a_blank_period_suggests_nobody_and_says_why() -> None:
    period = _period()
    standings = Standings(period)
    assert standings.suggested(ListKind.COMMEND) == set() and standings.suggested(ListKind.CRITICISE) == set()
    assert standings.not_suggested_because(1) == NOT_ENTERED


def test_units_not_filled_in_are_neither_commended_nor_all_tied_last() -> None:
    period = _period()
    standings = Standings(period)
    _apply(period, standings, SetTally(1, 1, Count(3)))
    _apply(period, standings, SetTally(2, 1, Count(1)))
    assert standings.suggested(ListKind.COMMEND) == {1}
    assert standings.suggested(ListKind.CRITICISE) == {2}  # the last of those filled in, not the 3 blank ones
    assert standings.not_suggested_because(4) == NOT_ENTERED
    _apply(period, standings, SetAdjustments(4, (Adjustment(Decimal(-1), "报送不及时"),)))
    assert standings.suggested(ListKind.CRITICISE) == {4}  # an adjustment is something entered


def test_a_tie_at_zero_points_is_never_commended() -> None:
    period = _period()
    period.scheme = replace(period.scheme, submitted_points=Decimal(0), commend_count=3)
    standings = Standings(period)
    _apply(period, standings, SetTally(1, 1, Count(3)))
    _apply(period, standings, SetTally(2, 1, Count(1)))
    for unit_id in (3, 4, 5):
        _apply(period, standings, SetTally(unit_id, SUBMITTED, 2))  # entered, but worth 0 points: tied at rank 3
    assert {standings.rank(u) for u in (3, 4, 5)} == {3}
    assert standings.suggested(ListKind.COMMEND) == {1, 2}
    assert standings.not_suggested_because(3) == NOT_COMMENDED_AT_ZERO
    assert standings.not_suggested_because(1) == ""


def test_a_deactivated_unit_keeps_a_score_but_has_no_rank_and_moves_no_one() -> None:
    period = _period()
    period.units[2] = replace(period.units[2], active=False)
    standings = Standings(period)
    delta = _apply(period, standings, SetTally(2, 1, Count(4)))
    assert (standings.score(2), standings.rank(2), delta.scores, delta.ranks) == (Decimal(20), None, {2}, set())
    assert standings.not_suggested_because(2) == ""
    assert standings.period_score(2) == Decimal(20)  # not accumulated: 本期得分 is the score itself
