"""The PDF's text layer: what a reader finds and copies is what the page shows.

Qt's PDF writer maps glyphs that CJK fonts share between an ideograph and a radical (一 and ⼀,
门 and ⻔, 用 and ⽤) to the radical, so searching the attachment for 采用 found nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.printing.pdf_unicode import fix_cmap, unified
from scoring.document import PeriodDocument
from scoring.report import build_report
from scoring.standings import Standings

RADICALS = re.compile("[\u2e80-\u2fdf]")


def test_radicals_map_to_the_ideographs_they_look_like() -> None:
    assert [unified(char) for char in "⼀⽤⻔⻓⻛采"] == list("一用门长风采")


def test_cmap_entries_of_every_form_are_rewritten() -> None:
    cmap = (
        b"2 beginbfchar\n<0003> <2F64>\n<0004> <0041>\nendbfchar\n"
        b"3 beginbfrange\n<0001> <0003> [<0032> <2F00> <2ED4>]\n<0005> <0006> <2F00>\n<0007> <0008> <4E00>\nendbfrange\n"
    )
    fixed = fix_cmap(cmap)
    assert b"<0003> <7528>" in fixed and b"<0004> <0041>" in fixed
    assert b"<0001> <0003> [<0032> <4E00> <95E8>]" in fixed
    assert b"<0005> <0006> [<4E00> <4E28>]" in fixed  # ⼀⼁ spelled out: 一丨
    assert b"<0007> <0008> <4E00>" in fixed  # a range of plain ideographs stays a range


def test_unknown_cmap_content_is_left_alone() -> None:
    odd = b"1 beginbfrange\n<0001> <0002> /Something\nendbfrange\n"
    assert fix_cmap(odd) == odd


def _pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def _fonts_only(monkeypatch: pytest.MonkeyPatch, families: list[str]) -> None:
    from desktop_app.printing import renderer

    monkeypatch.setattr(renderer, "installed", lambda wanted: [family for family in families])


FONT_SETS = {
    "noto": ["Noto Serif CJK SC", "Noto Sans CJK SC"],  # OpenType/CFF, Debian's default
    "truetype": ["AR PL UMing CN", "WenQuanYi Zen Hei"],  # TrueType, as the Windows build under Wine
}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("fonts", sorted(FONT_SETS))
def test_every_unit_name_is_found_in_the_pdf(qapp, sample_copy: Path, tmp_path: Path, monkeypatch, fonts) -> None:
    from PySide6.QtGui import QFontDatabase

    from desktop_app.printing import write_pdf

    families = FONT_SETS[fonts]
    missing = [family for family in families if family not in QFontDatabase.families()]
    if missing:
        pytest.skip(f"fonts not installed: {missing}")
    _fonts_only(monkeypatch, families)
    document = PeriodDocument.open(sample_copy, read_only=True)
    period = document.period
    document.close()
    target = tmp_path / "附件.pdf"
    write_pdf(build_report(period, Standings(period)), target)
    text = _pdf_text(target)
    assert not RADICALS.search(text), RADICALS.findall(text)[:10]
    flat = re.sub(r"\s+", "", text)
    assert "采用情况" in flat and "市政府各部门" in flat
    for unit in period.units.values():
        assert re.sub(r"\s+", "", unit.name) in flat, unit.name
