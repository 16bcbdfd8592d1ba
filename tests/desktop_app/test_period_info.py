"""期间 → 期间信息…: title, dates and notes, one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.actions import Action
from desktop_app.dialogs.new_period import PeriodInfoDialog
from tests.desktop_app.editor_helpers import open_editor


def test_changing_the_title_dates_and_notes(window) -> None:
    dialog = open_editor(window, Action.PERIOD_INFO, PeriodInfoDialog)
    dialog.title.setText("2023年1-6月")
    dialog.has_cutoff.setChecked(True)
    dialog.cutoff.setDate(QDate(2023, 7, 5))
    dialog.notes.setPlainText("第一条注\n\n第二条注")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    info = window.session.document.period.info
    assert (info.title, info.cutoff, info.notes) == ("2023年1-6月", date(2023, 7, 5), ("第一条注", "第二条注"))
    assert "2023年1-6月" in window.windowTitle()
    assert window.session.undo_stack.count() == 1
    assert window.session.document.file.audit_log()[-1].action == "period.info"
    window.action(Action.UNDO).trigger()
    assert window.session.document.period.info.title == "2023年上半年"
    assert "2023年上半年" in window.windowTitle()


def test_read_only_shows_but_does_not_change(window, qtbot, sample_copy, messages) -> None:
    from desktop_app.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(sample_copy) and other.session.read_only
    dialog = open_editor(other, Action.PERIOD_INFO, PeriodInfoDialog)
    assert dialog.title.isReadOnly() and dialog.title.text() == "2023年上半年"
    assert not dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).isVisible()
    dialog.reject()
    other.close()


def test_new_period_proposes_the_period_after_the_open_one(window, monkeypatch) -> None:
    import desktop_app.new_file as new_file

    asked = []
    monkeypatch.setattr(new_file, "ask_period_info", lambda parent, info, *a, **k: asked.append(info))
    window.new_period()
    assert (asked[0].title, asked[0].start, asked[0].end) == ("2023年7月", date(2023, 7, 1), date(2023, 7, 31))


def test_typing_a_period_title_sets_its_dates(qtbot) -> None:
    from scoring.model import PeriodInfo

    dialog = PeriodInfoDialog(PeriodInfo("2023年7月", date(2023, 7, 1), date(2023, 7, 31)), "新建期间", with_notes=False)
    qtbot.addWidget(dialog)
    dialog.title.selectAll()
    dialog.title.insert("2023年第三季度")  # as typing or an input method does (keyClicks takes Latin-1 only)
    assert (dialog.start.date(), dialog.end.date()) == (QDate(2023, 7, 1), QDate(2023, 9, 30))


def test_a_title_that_contradicts_the_dates_asks_first(qtbot, questions) -> None:
    from scoring.model import PeriodInfo

    dialog = PeriodInfoDialog(PeriodInfo("2023年7月", date(2023, 7, 1), date(2023, 7, 31)), "新建期间", with_notes=False)
    qtbot.addWidget(dialog)
    dialog.title.setText("2023年8月")  # typed over, dates left at July
    questions.answer = False
    dialog.accept()
    assert len(questions) == 1 and "2023年8月1日至2023年8月31日" in questions[0]
    assert dialog.result() == 0 and dialog.result_info.title == "2023年7月"
    questions.answer = True
    dialog.accept()
    assert dialog.result_info.title == "2023年8月" and dialog.result_info.start == date(2023, 7, 1)


def test_the_dialog_refuses_in_the_domains_words_before_closing(qtbot, messages) -> None:
    from scoring.model import PeriodInfo

    dialog = PeriodInfoDialog(PeriodInfo("2023年7月", date(2023, 7, 1), date(2023, 7, 31)), "期间信息")
    qtbot.addWidget(dialog)
    dialog.title.setText("  ")
    dialog.start.setDate(QDate(2023, 8, 1))
    dialog.accept()
    assert messages[-1] == ("期间信息有误", "期间名称不能为空，请填写如“2023年7月”\n开始日期晚于结束日期")
    dialog.title.setText("2023年7月\u200b")  # a zero-width space pasted from a web page
    dialog.start.setDate(QDate(2023, 7, 1))
    dialog.accept()
    assert messages[-1] == ("期间信息有误", "期间名称「2023年7月□」含有不可见的格式字符（U+200B），请删除后重新输入")
    assert dialog.result() == 0 and dialog.result_info.title == "2023年7月"
