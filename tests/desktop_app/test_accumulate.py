"""文件 → 累计…: several period files added up into a new period, mismatches shown first."""

from __future__ import annotations

from desktop_app.table_model import TALLY
from scoring.document import PeriodDocument
from scoring.model import SUBMITTED
from scoring.sample import build_sample
from tests.conftest import SAMPLE_PERIOD, sample_copies
from tests.desktop_app.editor_helpers import accumulate_report, cell, grid_units, open_accumulate


def test_two_copies_of_the_sample_double_every_tally(window, tmp_path, ui) -> None:
    paths = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx")
    dialog = open_accumulate(window, ui, paths, tmp_path / "累计")
    assert dialog.title_edit.text() == "2023年上半年累计"
    assert "完全一致" in dialog.summary.text() and "57 个单位" in dialog.summary.text()
    assert accumulate_report(dialog) == []
    assert "2023年1月1日 至 2023年6月30日" == dialog.dates.text()
    dialog.title_edit.setText("2023年1至2月")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    document = window.session.document
    assert document.path == tmp_path / "累计.zwxx" and document.period.info.title == "2023年1至2月"
    assert cell(window, "市住建局", TALLY, SUBMITTED) == "80"  # 40 in each file
    kuaibao = document.period.scheme.channel_named("湖北快报采用").id
    assert cell(window, "市发改委", TALLY, kuaibao) == "10+2*"  # 5+1* twice
    assert len(grid_units(window, 0)) + len(grid_units(window, 1)) == 57


def test_a_unit_missing_from_one_file_is_reported_before_saving(window, tmp_path, ui) -> None:
    first = sample_copies(tmp_path, "1月.zwxx")[0]
    period = build_sample()
    gone = next(u.id for u in period.units.values() if u.name == "市审计局")
    del period.units[gone], period.tallies[gone]
    period.adjustments.pop(gone, None)
    PeriodDocument.create(tmp_path / "2月.zwxx", period).close()
    dialog = open_accumulate(window, ui, [first, tmp_path / "2月.zwxx"])
    assert "1 处不一致" in dialog.summary.text()
    assert accumulate_report(dialog) == ["单位「市审计局」（一、市政府各部门）不在「2月.zwxx」中"]
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_files_can_be_added_removed_and_reordered(window, tmp_path, ui) -> None:
    one, two, three = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx", "3月.zwxx")
    dialog = open_accumulate(window, ui, [one])
    assert not dialog.ok_button.isEnabled() and "至少选择两个" in dialog.summary.text()
    ui.open_answers.append([two, three, one])
    dialog.add_button.click()
    assert [p.name for p in dialog.paths()] == ["1月.zwxx", "2月.zwxx", "3月.zwxx"]  # 1月 once only
    assert "已在列表中" in window.statusBar().currentMessage()
    assert dialog.ok_button.isEnabled()
    dialog.files.setCurrentRow(2)
    assert not dialog.down_button.isEnabled()
    dialog.up_button.click()
    assert [p.name for p in dialog.paths()] == ["1月.zwxx", "3月.zwxx", "2月.zwxx"]
    dialog.files.setCurrentRow(0)
    dialog.remove_button.click()
    assert [p.name for p in dialog.paths()] == ["3月.zwxx", "2月.zwxx"]
    dialog.reject()


def test_a_damaged_file_is_named_and_nothing_can_be_saved(window, tmp_path, ui) -> None:
    good = sample_copies(tmp_path, "1月.zwxx")[0]
    bad = tmp_path / "2月.zwxx"
    bad.write_text("不是期间文件", encoding="utf-8")
    dialog = open_accumulate(window, ui, [good, bad])
    assert not dialog.ok_button.isEnabled() and "2月.zwxx" in dialog.summary.text()
    dialog.reject()


def test_the_sum_never_overwrites_one_of_its_files(window, tmp_path, ui, messages) -> None:
    paths = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx")
    dialog = open_accumulate(window, ui, paths, paths[1])
    dialog.ok_button.click()
    assert dialog.isVisible() and messages[-1] == (
        "保存累计期间", "「2月.zwxx」是本次要读取的文件，不能同时作为输出文件（会毁掉原文件）。请另选一个文件名。"
    )
    assert paths[1].read_bytes() == SAMPLE_PERIOD.read_bytes()
    dialog.reject()


def test_a_full_disk_is_explained_and_leaves_nothing(window, tmp_path, ui, messages, disk_full) -> None:
    paths = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx")
    before = sorted(tmp_path.rglob("*"))
    dialog = open_accumulate(window, ui, paths, tmp_path / "累计")
    dialog.ok_button.click()
    assert dialog.isVisible() and messages[-1] == (
        "保存累计期间", "磁盘空间不足，无法写入「累计.zwxx」。请清理磁盘或另选一个位置后重试（原有文件没有改变）"
    )
    assert sorted(tmp_path.rglob("*")) == before
    dialog.reject()


def test_the_months_items_are_listed_in_the_accumulated_period(window, tmp_path, ui) -> None:
    from datetime import date

    from scoring.item_edits import SetItems
    from scoring.items import Item

    paths = sample_copies(tmp_path, "1月.zwxx", "2月.zwxx")
    for month, path in enumerate(paths, start=1):
        document = PeriodDocument.open(path)
        unit = next(u.id for u in document.period.units.values() if u.name == "市发改委")
        document.apply(SetItems.adding([Item(1, (unit,), f"{month}月的信息", date(2023, month, 5))]))
        document.close()
    dialog = open_accumulate(window, ui, paths, tmp_path / "累计")
    dialog.ok_button.click()
    items = window.session.document.period.items.values()
    assert sorted(i.title for i in items) == ["1月的信息", "2月的信息"]
    assert window.ledger.model.rowCount() == 2
