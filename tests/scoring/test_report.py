"""The attachment table as rows of text: the notes under it follow the scheme."""

from __future__ import annotations

from dataclasses import replace

from scoring.model import TieBreak
from scoring.report import build_report
from scoring.sample import build_sample
from scoring.standings import Standings


def _notes(period) -> tuple[str, ...]:
    return build_report(period, Standings(period)).notes


def test_the_tie_note_follows_the_schemes_tie_rule() -> None:
    period = build_sample()
    assert _notes(period)[1] == "2.得分相同的单位，以报送条目的数量依次先后排名。"  # as the notice published
    period.scheme = replace(period.scheme, tie_breaks=(TieBreak.ADOPTED, TieBreak.SUBMITTED))
    assert _notes(period)[1] == "2.得分相同的单位，以采用条目的数量、报送条目的数量依次先后排名。"
    period.scheme = replace(period.scheme, tie_breaks=())
    assert _notes(period)[1] == "2.得分相同的单位名次并列。"
    assert _notes(period)[0] == "1." + period.info.notes[0]  # the clerk's own notes stay as written
