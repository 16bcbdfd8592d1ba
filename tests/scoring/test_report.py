"""The attachment table's content (Report) and the grid's columns, for single and accumulated periods."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from scoring.model import Event, EventKey, PeriodInfo, TieBreak
from scoring.periods import accumulate
from scoring.report import build_report, cutoff_sentence, grid_columns, report_title, result_headers
from scoring.rules import Rules
from scoring.sample import build_sample
from scoring.standings import Standings


def _month(month: int):
    period = build_sample()
    period.info = PeriodInfo(f"2023年{month}月", cutoff=date(2023, month, 28))
    period.overrides.clear()
    return period


def test_title_and_cutoff_sentence() -> None:
    period = _month(7)
    assert report_title(period) == "2023年7月政务信息报送及采用情况"
    assert cutoff_sentence(period) == "统计截止日期为2023年7月28日"
    period.info = replace(period.info, cutoff=None)
    assert cutoff_sentence(period) == ""


def test_a_single_period_shows_score_and_rank_and_the_grid_its_columns() -> None:
    period = _month(7)
    report = build_report(period, Standings(period))
    assert result_headers(report) == ["得分", "排名"]
    kinds = [kind for kind, _header, _key in grid_columns(period)]
    assert kinds[0] == "unit" and kinds[-3:] == ["adjustment", "score", "rank"]
    assert len(kinds) == 1 + len(period.scheme.channels) + 2 + 3


def test_a_marked_scheme_adds_da_biao_and_events_add_their_columns() -> None:
    period = _month(7)
    period.scheme = replace(period.scheme, events=(Event(1, "报送不及时", Decimal(-1)),), rules=Rules(pass_mark=Decimal(60)))
    report = build_report(period, Standings(period))
    assert result_headers(report) == ["得分", "排名", "达标"]
    columns = grid_columns(period)
    assert ("tally", "报送不及时", EventKey(1)) in columns and columns[-1] == ("pass", "达标", None)


def test_an_accumulated_period_shows_this_periods_score_beside_the_total() -> None:
    total = accumulate([_month(7), _month(8)]).period
    standings = Standings(total)
    report = build_report(total, standings)
    assert result_headers(report) == ["本期得分", "累计得分", "累计排名"]
    row = report.all_rows()[0]
    assert Decimal(row.result_cells[1]) == 2 * Decimal(row.result_cells[0])
    assert [header for kind, header, _key in grid_columns(total)][-3:] == ["本期得分", "累计得分", "累计排名"]


def test_the_tie_note_follows_the_schemes_tie_rule() -> None:
    period = build_sample()
    notes = lambda: build_report(period, Standings(period)).notes  # noqa: E731
    assert notes()[1] == "2.得分相同的单位，以报送条目的数量依次先后排名。"  # as the notice published
    period.scheme = replace(period.scheme, tie_breaks=(TieBreak.ADOPTED, TieBreak.SUBMITTED))
    assert notes()[1] == "2.得分相同的单位，以采用条目的数量、报送条目的数量依次先后排名。"
    period.scheme = replace(period.scheme, tie_breaks=())
    assert notes()[1] == "2.得分相同的单位名次并列。"
    assert notes()[0] == "1." + period.info.notes[0]  # the clerk's own notes stay as written
