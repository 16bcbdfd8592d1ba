"""期间 → 计分办法…: channels, points, ranking and scheme files, each OK one undo step."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from desktop_app.actions import Action
from desktop_app.dialogs.channel_table import ACCEPTS, COMBINED, DEDICATED, NAME
from desktop_app.dialogs.scheme_editor import SchemeDialog
from scoring.scheme_file import default_scheme, load_scheme, save_scheme
from tests.desktop_app.editor_helpers import all_scores, headers, open_editor, rank, score, tally


def _open(window) -> SchemeDialog:
    return open_editor(window, Action.SCHEME, SchemeDialog)


def _row(dialog: SchemeDialog, name: str) -> int:
    table = dialog.channel_table.table
    return next(r for r in range(table.rowCount()) if table.item(r, NAME).text() == name)


def _ok(window, dialog: SchemeDialog) -> None:
    before = window.session.undo_stack.count()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert window.session.undo_stack.count() == before + 1  # one OK, one undo step


def test_adding_a_channel_adds_a_column_and_undo_removes_it(window) -> None:
    dialog = _open(window)
    dialog.channel_table.add_button.click()
    table = dialog.channel_table.table
    row = table.rowCount() - 1
    table.item(row, NAME).setText("市委办采用")
    table.item(row, DEDICATED).setText("８")  # full-width digits from an input method
    _ok(window, dialog)
    assert headers(window)[7] == "市委办采用"
    assert "市委办采用" in headers(window, 1)
    channel = window.session.document.period.scheme.channel_named("市委办采用")
    assert channel is not None and channel.dedicated_points == Decimal(8)
    assert channel.id not in {c.id for c in default_scheme().channels}
    window.action(Action.UNDO).trigger()
    assert "市委办采用" not in headers(window)


def test_renaming_a_channel_keeps_its_counts(window) -> None:
    channel_id = window.session.document.period.scheme.channel_named("湖北快报采用").id
    before = tally(window, "市发改委", channel_id)
    dialog = _open(window)
    dialog.channel_table.table.item(_row(dialog, "湖北快报采用"), NAME).setText("湖北政务快报采用")
    _ok(window, dialog)
    assert "湖北政务快报采用" in headers(window) and "湖北快报采用" not in headers(window)
    assert tally(window, "市发改委", channel_id) == before == "5+1*"
    log = window.session.document.file.audit_log()
    assert log[-1].action == "scheme.set" and "湖北政务快报采用" in log[-1][5]


def test_removing_a_channel_with_data_asks_and_undo_brings_the_data_back(window, questions) -> None:
    channel_id = window.session.document.period.scheme.channel_named("国办采用").id
    with_data = [name for name in all_scores(window) if tally(window, name, channel_id) != "0"]
    scores = all_scores(window)
    dialog = _open(window)
    table = dialog.channel_table.table
    table.selectRow(_row(dialog, "国办采用"))
    questions.answer = False
    dialog.channel_table.remove_button.click()
    assert f"{len(with_data)} 个单位" in questions[-1] and "国办采用" in questions[-1]
    assert _row(dialog, "国办采用") >= 0  # declined: still there
    questions.answer = True
    dialog.channel_table.remove_button.click()
    assert "国办采用" not in [table.item(r, NAME).text() for r in range(table.rowCount())]
    _ok(window, dialog)
    assert "国办采用" not in headers(window)
    assert score(window, "市发改委") != scores["市发改委"]
    window.action(Action.UNDO).trigger()
    assert "国办采用" in headers(window)
    assert all_scores(window) == scores
    assert tally(window, "市发改委", channel_id) == "5"
    window.action(Action.REDO).trigger()
    assert "国办采用" not in headers(window)


def test_removing_an_unused_channel_asks_nothing(window, questions) -> None:
    dialog = _open(window)
    dialog.channel_table.add_button.click()
    dialog.channel_table.remove_button.click()
    assert not questions
    dialog.reject()


def test_changing_points_recomputes_every_score(window) -> None:
    period = window.session.document.period
    before = {name: Decimal(value) for name, value in all_scores(window).items()}
    submitted = {u.name: period.tallies[u.id].submitted for u in period.units.values()}
    dialog = _open(window)
    dialog.submitted_edit.setText("1.5")  # was 1 per item submitted
    _ok(window, dialog)
    after = {name: Decimal(value) for name, value in all_scores(window).items()}
    assert len(after) == 57
    assert after == {name: before[name] + submitted[name] * Decimal("0.5") for name in before}


def test_channel_points_change_scores(window) -> None:
    dialog = _open(window)
    dialog.channel_table.table.item(_row(dialog, "国办采用"), DEDICATED).setText("20")  # was 10; 市发改委 has 5
    _ok(window, dialog)
    assert score(window, "市发改委") == "278"


def test_a_bad_entry_names_channel_and_column_and_applies_nothing(window, messages) -> None:
    dialog = _open(window)
    dialog.channel_table.table.item(_row(dialog, "政务要情采用"), COMBINED).setText("-5")
    dialog.adopted_edit.setText("两分")
    dialog.ok_button.click()
    _title, problems = messages[-1]
    assert any("采用渠道「政务要情采用」的「综合每条得分」" in p and "负数" in p for p in problems)
    assert any("「每采用 1 条得分」" in p for p in problems)
    assert dialog.isVisible()
    assert window.session.undo_stack.count() == 0
    dialog.reject()


def test_duplicate_channel_names_are_refused(window, messages) -> None:
    dialog = _open(window)
    dialog.channel_table.table.item(_row(dialog, "国办采用"), NAME).setText("政务要情采用")
    dialog.ok_button.click()
    assert "采用渠道「政务要情采用」重名" in messages[-1][1]
    assert window.session.undo_stack.count() == 0
    dialog.reject()


def test_not_counting_combined_in_a_channel_with_starred_counts_is_refused(window, messages) -> None:
    dialog = _open(window)
    dialog.channel_table.table.item(_row(dialog, "湖北快报采用"), ACCEPTS).setCheckState(
        dialog.channel_table.table.item(0, ACCEPTS).checkState().Unchecked
    )
    dialog.ok_button.click()
    assert any("湖北快报采用" in p and "综合" in p for p in messages[-1][1])
    assert window.session.undo_stack.count() == 0
    dialog.reject()


def test_ranking_method_and_tie_breaks(window) -> None:
    assert [rank(window, n) for n in ("市公共检验检测中心", "市卫健委", "市应急管理局")] == ["29", "29", "31"]
    dialog = _open(window)
    dialog.ranking_combo.setCurrentIndex(dialog.ranking_combo.findText("并列不占位（1,2,2,3）"))
    _ok(window, dialog)
    assert [rank(window, n) for n in ("市公共检验检测中心", "市卫健委", "市应急管理局")] == ["29", "29", "30"]
    dialog = _open(window)
    dialog.tie_first.setCurrentIndex(dialog.tie_first.findText("不再比较"))
    _ok(window, dialog)
    assert window.session.document.period.scheme.tie_breaks == ()
    assert rank(window, "国家统计局潜江调查队") == rank(window, "市交通运输局") == "5"  # 70 points each


def test_the_same_tie_break_twice_is_refused(window, messages) -> None:
    dialog = _open(window)
    dialog.tie_second.setCurrentIndex(dialog.tie_second.findText("报送条目多者在前"))
    dialog.ok_button.click()
    assert any("同分规则重复" in p for p in messages[-1][1])
    dialog.reject()


def test_ok_without_changes_adds_no_undo_step(window) -> None:
    dialog = _open(window)
    dialog.ok_button.click()
    assert not dialog.isVisible() and window.session.undo_stack.count() == 0


def test_save_and_load_a_scheme_file(window, tmp_path, ui, questions, save_answers) -> None:
    save_answers.append(tmp_path / "分享给同事")
    dialog = _open(window)
    dialog.commend_spin.setValue(5)
    dialog.save_button.click()
    saved = load_scheme(tmp_path / "分享给同事.json")
    assert saved.commend_count == 5
    assert [c.name for c in saved.channels] == [c.name for c in window.session.document.period.scheme.channels]
    dialog.reject()
    assert window.session.undo_stack.count() == 0  # saving a file changes nothing in the period

    # A colleague's scheme: one channel renamed away (its counts would go), one new, points changed.
    colleague = tmp_path / "同事的计分办法.json"
    channels = tuple(c for c in saved.channels if c.name != "国办采用")
    channels = (*channels[:-1], replace(channels[-1], name="国务院领导批示"), replace(channels[0], name="新渠道A"))
    save_scheme(replace(saved, channels=channels, submitted_points=Decimal(2)), colleague)
    ui.open_answers.append(colleague)
    kuaibao = window.session.document.period.scheme.channel_named("湖北快报采用").id
    dialog = _open(window)
    dialog.load_button.click()
    assert "国办采用" in questions[-1] and "国务院省领导批示" in questions[-1]  # said before anything happens
    assert "新增" in dialog.summary.text() and "删除采用渠道「国办采用」" in dialog.summary.text()
    assert window.session.undo_stack.count() == 0
    _ok(window, dialog)
    scheme = window.session.document.period.scheme
    assert scheme.channel_named("湖北快报采用").id == kuaibao  # matched by name: counts stay
    assert tally(window, "市发改委", kuaibao) == "5+1*"
    assert scheme.submitted_points == Decimal(2) and "国办采用" not in headers(window)
    assert scheme.channel_named("新渠道A").id not in {c.id for c in saved.channels}


def test_loading_the_example_scheme_says_what_it_changes(window, questions) -> None:
    dialog = _open(window)
    dialog.submitted_edit.setText("3")
    dialog.example_button.click()  # the example matches every channel: nothing to ask
    assert not questions and dialog.submitted_edit.text() == "1"
    assert "保留 6 个采用渠道" in dialog.summary.text()
    dialog.reject()


def test_a_bad_scheme_file_is_explained(window, tmp_path, ui, messages) -> None:
    bad = tmp_path / "不是计分办法.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    ui.open_answers.append(bad)
    dialog = _open(window)
    dialog.load_button.click()
    assert "不是计分办法文件" in messages[-1][1][0]
    dialog.reject()


def test_read_only_file_shows_the_scheme_but_cannot_change_it(window, qtbot, sample_copy, messages) -> None:
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(sample_copy) and other.session.read_only
    dialog = open_editor(other, Action.SCHEME, SchemeDialog)
    assert not dialog.ok_button.isVisible() and not dialog.channel_table.add_button.isEnabled()
    assert dialog.save_button.isEnabled()
    dialog.reject()
    other.close()
