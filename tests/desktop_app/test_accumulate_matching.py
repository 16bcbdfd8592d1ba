"""文件 → 累计…: a renamed unit is added up once, and a unit no rule matches can be matched by hand."""

from __future__ import annotations

from dataclasses import replace

from scoring.document import PeriodDocument
from scoring.sample import build_sample
from scoring.structure_edits import SetUnits
from tests.conftest import sample_copies
from tests.desktop_app.editor_helpers import accumulate_report, open_accumulate


def test_a_renamed_unit_is_added_up_once_and_others_can_be_matched_by_hand(window, tmp_path, ui) -> None:
    first = sample_copies(tmp_path, "7月.zwxx")[0]
    august = PeriodDocument.create(tmp_path / "8月.zwxx", build_sample())
    names = {"市审计局": "市审计署"}  # renamed in 单位管理: the history keeps 市审计局
    august.apply(SetUnits(tuple(replace(u, name=names.get(u.name, u.name)) for u in august.period.units.values())))
    august.close()
    period = build_sample()
    statistics = next(u.id for u in period.units.values() if u.name == "市统计局")
    period.units[statistics] = replace(period.units[statistics], name="市统计和调查局")  # no history: by hand
    PeriodDocument.create(tmp_path / "9月.zwxx", period).close()
    dialog = open_accumulate(window, ui, [first, tmp_path / "8月.zwxx", tmp_path / "9月.zwxx"])
    assert "58 个单位" in dialog.summary.text()  # 市审计署 matched by its former name; 市统计和调查局 not yet
    assert any("已改名为「市审计署」" in line for line in accumulate_report(dialog))
    hand = dialog.hand_table
    assert hand is not None and [hand.item(0, c).text() for c in range(2)] == ["9月.zwxx", "市统计和调查局"]
    combo = hand.combo_for((2, "市统计和调查局"))
    assert combo.itemText(0) == "（不对应，作为另一个单位）" and combo.findText("市统计局") > 0
    combo.setCurrentIndex(combo.findText("市统计局"))
    assert "57 个单位" in dialog.summary.text()
    assert dialog.hand_table.combo_for((2, "市统计和调查局")).currentText() == "市统计局"  # the choice can be undone
    assert any("人工对应" in line for line in accumulate_report(dialog))
    total = dialog.accumulated.period  # what 累计并保存 writes
    unit_id = next(u.id for u in total.units.values() if u.name == "市统计局")
    assert total.tallies[unit_id].submitted == 3 * period.tallies[statistics].submitted
    assert "市审计署" in {u.name for u in total.units.values()}  # the accumulated period uses the latest name
    dialog.files.setCurrentRow(2)
    dialog.move_current(-1)  # another order of files: choices made by hand are dropped, not misapplied
    assert "58 个单位" in dialog.summary.text()
    dialog.reject()
