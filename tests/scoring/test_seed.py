"""Acceptance: the seed notice's published table is reproduced exactly."""

import csv
import random
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.document import PeriodDocument
from scoring.exchange.builder import CALIBRATION_REASON, build_period
from scoring.exchange.csv_table import parse_csv_text, read_csv, write_csv
from scoring.report import build_report
from scoring.sample import build_sample
from scoring.scheme_file import default_scheme


def _published(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return {row["单位"]: (row["得分"], row["排名"]) for row in csv.DictReader(handle)}


def test_ranking_rule_reproduces_all_57_published_ranks(seed_csv: Path) -> None:
    period = build_period(read_csv(seed_csv), default_scheme()).period
    published = _published(seed_csv)
    from scoring.standings import Standings

    standings = Standings(period)
    ranks = {period.units[u].name: str(standings.rank(u)) for u in period.units}
    assert len(ranks) == 57
    assert ranks == {name: rank for name, (_, rank) in published.items()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_import_then_export_reproduces_scores_and_ranks_whatever_the_row_order(seed_csv, tmp_path, seed) -> None:
    lines = seed_csv.read_text(encoding="utf-8").splitlines()
    body = lines[1:]
    random.Random(seed).shuffle(body)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    document = PeriodDocument.create(tmp_path / "p.zwxx", build_period(read_csv(shuffled), default_scheme()).period)
    out = tmp_path / "out.csv"
    write_csv(build_report(document.period, document.standings), out)
    document.close()
    assert _published(out) == _published(seed_csv)


def test_calibration_keeps_later_edits_live(seed_csv) -> None:
    period = build_period(read_csv(seed_csv), default_scheme()).period
    reasons = {a.reason for items in period.adjustments.values() for a in items}
    assert reasons == {CALIBRATION_REASON}


def test_export_is_in_rank_order_within_groups(tmp_path) -> None:
    period = build_sample()
    from scoring.standings import Standings

    report = build_report(period, Standings(period))
    for section in report.sections:
        keys = [(-row.score, -row.submitted) for row in section.rows]
        assert keys == sorted(keys)
        assert [row.rank for row in section.rows] == sorted(row.rank for row in section.rows)


def test_published_scores_need_adjustments_under_any_scheme(seed_csv) -> None:
    """The README's point: tallies alone do not give the published scores."""
    text = seed_csv.read_text(encoding="utf-8")
    period = build_period(parse_csv_text(text), default_scheme()).period
    assert any(a.points != Decimal(0) for items in period.adjustments.values() for a in items)
