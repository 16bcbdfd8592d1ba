"""Across periods: adding periods up (累计) and rank changes against an earlier period (对比上期)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import EditError
from scoring.model import Adjustment, Channel, Event, EventKey, Group, Period, PeriodInfo, Tally, Unit
from scoring.periods import accumulate, accumulate_files, default_info, open_standings, rank_changes
from scoring.scheme_file import default_scheme
from scoring.standings import Standings
from tests.generated import id_of, sample_month


def _month(month: int) -> Period:
    return sample_month(month, start=date(2023, month, 1), end=date(2023, month, 28), cutoff=date(2023, month, 28))


def _rename(period: Period, old: str, new: str) -> None:
    unit_id = id_of(period, old)
    period.units[unit_id] = replace(period.units[unit_id], name=new)


def test_tallies_are_the_sums_and_scores_the_sums_of_the_scores() -> None:
    """Adjustments of each month are inside that month's score; the sum carries none of its own."""
    months = [_month(1), _month(2), _month(3)]
    months[1].adjustments[1] = (Adjustment(Decimal(-10), "约稿未报送"),) + months[1].adjustments.get(1, ())
    result = accumulate(months, sources=["1月.zwxx", "2月.zwxx", "3月.zwxx"])
    total = result.period
    assert result.report.clean and result.report.lines() == []
    one = months[0]
    for unit_id, tally in one.tallies.items():
        summed = total.tallies[unit_id]
        assert summed.submitted == 3 * tally.submitted and summed.adopted == 3 * tally.adopted
        assert summed.adoptions == {c: Count(3 * n.dedicated, 3 * n.combined) for c, n in tally.adoptions.items()}
    assert total.adjustments == {} and [s.label for s in total.sources] == ["2023年1月", "2023年2月", "2023年3月"]
    standings = Standings(total)
    assert standings.score(1) == 3 * Standings(one).score(1) - 10
    assert [g.name for g in total.groups] == [g.name for g in one.groups] and total.scheme == one.scheme
    assert total.info.title == "2023年1月至2023年3月累计" and total.info.start == date(2023, 1, 1)
    assert total.info.end == date(2023, 3, 28) and not total.overrides


def test_units_and_channels_missing_from_some_periods_are_reported_and_kept() -> None:
    january, february, march = _month(1), _month(2), _month(3)
    del february.units[id_of(february, "市统计局")]
    _rename(march, "市发改委", "发改委")  # matched without the leading 市
    _rename(march, "市经信局", "市 经信局")  # matched ignoring the space
    new_id = max(march.units) + 1
    march.units[new_id] = Unit(new_id, "高新区", march.groups[1].id)
    march.tallies[new_id] = Tally(submitted=4)
    guoban = march.scheme.channel_named("国办采用")
    march.scheme = replace(march.scheme, channels=tuple(c for c in march.scheme.channels if c is not guoban))
    for tally in march.tallies.values():
        tally.adoptions.pop(guoban.id, None)
    result = accumulate([january, february, march], sources=["1月.zwxx", "2月.zwxx", "3月.zwxx"])
    lines = result.report.lines()
    assert "单位「市统计局」（一、市政府各部门）不在「2月.zwxx」中" in lines
    assert "单位「高新区」（二、区、镇、街道办事处）不在「1月.zwxx」、「2月.zwxx」中" in lines
    assert "采用渠道「国办采用」不在「3月.zwxx」中" in lines
    assert "「3月.zwxx」中的「发改委」按「市发改委」累计" in lines
    assert "「3月.zwxx」中的「市 经信局」按「市经信局」累计" in lines
    assert any("计分办法与「1月.zwxx」不同" in line for line in lines)
    total = result.period
    assert total.tallies[id_of(total, "市统计局")].submitted == 2 * january.tallies[id_of(january, "市统计局")].submitted
    assert total.tallies[id_of(total, "高新区")].submitted == 4
    assert total.unit(id_of(total, "高新区")).group_id == total.groups[1].id
    fgw = id_of(total, "市发改委")
    assert total.tallies[fgw].adoptions[guoban.id] == Count(10)  # 5 in January and February, none in March
    assert len(total.units) == 58


def test_a_unit_named_exactly_is_never_taken_by_a_doubtful_match() -> None:
    january, february = _month(1), _month(2)
    new_id = max(february.units) + 1
    february.units = {new_id: Unit(new_id, "发改委", february.groups[0].id), **february.units}
    february.tallies[new_id] = Tally(submitted=1)
    result = accumulate([january, february])
    total = result.period
    names = [u.name for u in total.units.values()]
    assert names.count("市发改委") == 1 and "发改委" in names
    assert total.tallies[id_of(total, "发改委")].submitted == 1


def test_a_sum_too_large_names_the_unit() -> None:
    january, february = _month(1), _month(2)
    for period in (january, february):
        period.tallies[1].submitted = 6000
    with pytest.raises(EditError, match="市发改委"):
        accumulate([january, february])


def test_period_files_are_read_without_being_changed(tmp_path) -> None:
    paths = []
    for month in (1, 2):
        document = PeriodDocument.create(tmp_path / f"{month}月.zwxx", _month(month))
        document.close()
        paths.append(tmp_path / f"{month}月.zwxx")
    before = [p.read_bytes() for p in paths]
    result = accumulate_files(paths)
    assert result.report.sources == ["1月.zwxx", "2月.zwxx"]
    assert result.period.info == default_info([_month(1), _month(2)])
    assert [p.read_bytes() for p in paths] == before


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5), st.integers(0, 5)), min_size=3, max_size=3), min_size=1, max_size=4))
def test_score_of_the_sum_is_the_sum_of_the_scores(months) -> None:
    scheme = default_scheme()
    channel = scheme.channels[0].id
    periods = []
    for month in months:
        units = {i: Unit(i, f"单位{i}", 1) for i in range(1, 4)}
        tallies = {i: Tally(submitted, 0, {channel: Count(d, c)}) for i, (submitted, d, c) in enumerate(month, start=1)}
        periods.append(Period(PeriodInfo("月"), scheme, [Group(1, "一组")], units, tallies))
    total = Standings(accumulate(periods).period)
    for unit_id in range(1, 4):
        assert total.score(unit_id) == sum(Standings(p).score(unit_id) for p in periods)


def test_rank_changes_up_down_same_and_new() -> None:
    earlier = _month(5)
    current = _month(6)
    current.adjustments[id_of(current, "市经信局")] = (Adjustment(Decimal(200), "测试"),)
    _rename(current, "市住建局", "住建局")  # still the same unit
    _rename(current, "市商务局", "市商务和招商局")  # a different name: counted as new
    changes = rank_changes(Standings(current), Standings(earlier))
    named = {current.units[uid].name: text for uid, text in changes.items()}
    assert named["市经信局"] == "↑1" and named["市发改委"] == "↓1"
    assert named["住建局"] == "—" and named["市商务和招商局"] == "新"
    assert named["杨市街道"] == "—"
    assert len(changes) == 57


def test_a_unit_moved_to_another_group_shows_the_move_not_new() -> None:
    earlier = _month(5)
    current = _month(6)
    moved = id_of(current, "市发改委")
    current.units[moved] = replace(current.units[moved], group_id=current.groups[1].id)
    inactive = id_of(current, "市统计局")
    current.units[inactive] = replace(current.units[inactive], active=False)
    changes = rank_changes(Standings(current), Standings(earlier))
    assert changes[moved] == "转组" and inactive not in changes  # still itself: never 新


def test_open_standings_reads_an_earlier_file(tmp_path) -> None:
    document = PeriodDocument.create(tmp_path / "5月.zwxx", _month(5))
    document.close()
    earlier = open_standings(tmp_path / "5月.zwxx")
    changes = rank_changes(Standings(_month(6)), earlier)
    assert set(changes.values()) == {"—"}


def test_a_group_channel_or_event_found_only_in_a_later_period_is_added_with_its_figures() -> None:
    january, february = _month(1), _month(2)
    february.groups.append(Group(9, "三、开发区"))
    new_id = max(february.units) + 1
    february.units[new_id] = Unit(new_id, "高新区", 9)
    february.scheme = replace(
        february.scheme,
        channels=(*february.scheme.channels, Channel(50, "新华社采用", Decimal(50), Decimal(0))),
        events=(Event(7, "报送不及时", Decimal(-1)),),
    )
    february.tallies[new_id] = Tally(2, 1, {50: Count(1)}, {7: 3})
    total = accumulate([january, february]).period
    unit = total.units[id_of(total, "高新区")]
    assert total.group(unit.group_id).name == "三、开发区" and [g.name for g in total.groups][-1] == "三、开发区"
    channel, event = total.scheme.channel_named("新华社采用"), total.scheme.events[0]
    assert event.name == "报送不及时"
    assert total.tallies[unit.id].get(channel.id) == Count(1) and total.tallies[unit.id].get(EventKey(event.id)) == 3
    assert Standings(total).score(unit.id) == Standings(february).score(new_id)


def test_nothing_to_add_up_is_refused() -> None:
    with pytest.raises(EditError, match="没有选择要累计的期间"):
        accumulate([])
