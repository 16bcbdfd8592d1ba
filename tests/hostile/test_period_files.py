"""Hostile corpus: every damaged period file is either refused cleanly or read correctly.

For each case (see tests/hostile/corpus.py; ``pytest --collect-only -q tests/hostile`` counts
them) the file is opened through the domain (PeriodDocument, as the window does) and through
the command line in-process (``info`` and ``export --csv``). Each must either refuse it with the
program's Chinese file error (no English SQLite text), or give exactly the sample's data, and
never raise anything else. The file's bytes stay as they were, unless a journal that belongs to
it was legitimately rolled back (then the data must still equal the sample's).

560 cases with the current sample. A single flipped bit inside a stored value that turns it into
another valid value (a digit, a character) leaves a file every SQLite check accepts; the content
digest the file carries (scoring.storage.digest) refuses it. No case is excused.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_period
from desktop_app.cli import main
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.model import SUBMITTED
from scoring.storage import PeriodFileError
from tests.hostile.corpus import BASE, BASES, SEED, build_cases, made_up_journals
from tests.scoring.storage.helpers import crash_mid_change, english_words

CASES = build_cases()
pytestmark = pytest.mark.skipif(os.name == "nt", reason="the crashed writers use SIGKILL")


def _cli(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


def _without_notes(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("注意："))


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, dict[str, object]]:
    """What each undamaged base reads as: the period, ``info`` output and the exported CSV."""
    readings = {}
    for name, data in BASES.items():
        folder = tmp_path_factory.mktemp(name)
        path = folder / "期间.zwxx"
        path.write_bytes(data)
        document = PeriodDocument.open(path, read_only=True)
        period = document.period
        document.close()
        code, info, _ = _cli("info", path)
        assert code == 0
        assert _cli("export", path, "--csv", folder / "a.csv")[0] == 0
        readings[name] = {"period": period, "info": info, "csv": (folder / "a.csv").read_bytes()}
    return readings


@pytest.fixture(scope="module")
def journals(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("journals")
    made = made_up_journals(random.Random(SEED))
    edited = folder / "edited.zwxx"
    edited.write_bytes(BASE)
    document = PeriodDocument.open(edited)
    for unit in list(document.period.units)[:20]:
        document.apply(SetTally(unit, SUBMITTED, 321))
    channel = document.period.scheme.channels[0].id
    document.apply(SetTally(unit, channel, Count(7, 0)))
    document.close()
    crash_mid_change(edited)
    other = folder / "other.zwxx"
    PeriodDocument.create(other, synthetic_period(300)).close()
    crash_mid_change(other)
    same = folder / "same.zwxx"
    same.write_bytes(BASE)
    crash_mid_change(same)
    for name, path in (("journal of a copy edited since", edited), ("journal of another period", other),
                       ("journal of the same unchanged file", same)):
        made[name] = path.with_name(path.name + "-journal").read_bytes()
    return made


def _refusal_is_clean(message: str, path: Path) -> None:
    assert "「期间.zwxx」" in message, message
    assert not english_words(message, path), message


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_file_is_refused_cleanly_or_read_correctly(tmp_path, expected, journals, case) -> None:
    path = tmp_path / "期间.zwxx"
    base, write = CASES[case]
    write(path, journals)
    expected = expected[base]
    before = path.read_bytes()
    journal = path.with_name(path.name + "-journal")
    had_journal = journal.exists()
    opened = 0

    differs = False
    try:
        document = PeriodDocument.open(path)
    except PeriodFileError as error:
        _refusal_is_clean(str(error), path)
    else:
        try:
            differs = document.period != expected["period"]
            document.standings.in_rank_order(document.period.groups[0].id)
            opened += 1
        finally:
            document.close()

    code, out, err = _cli("info", path)
    assert code in (0, 1)
    if code == 0:
        differs |= _without_notes(out) != expected["info"]
        opened += 1
    else:
        assert err.startswith("错误：")
        _refusal_is_clean(err, path)

    csv = tmp_path / "附件.csv"
    code, out, err = _cli("export", path, "--csv", csv)
    assert code in (0, 1)
    if code == 0:
        differs |= csv.read_bytes() != expected["csv"]
        opened += 1
    else:
        assert not csv.exists()
        _refusal_is_clean(err, path)

    assert opened in (0, 3), "the same file was refused one way and read another"
    if path.read_bytes() != before:  # only a journal that belongs to the file may change it
        assert had_journal and not journal.exists() and opened == 3
    assert not differs, "opened with data that differs from the original"


def test_the_corpus_covers_every_kind_of_damage() -> None:
    assert len(CASES) >= 400  # 560 with the current sample (its page count sets the number)
    for kind in ("header byte", "page header", "cell pointers", "cell content", "zeroed", "truncated",
                 "appended", "journal", "/internal", "/overflow", "freelist/trunk"):
        assert any(kind in case for case in CASES), kind
