"""Print, print preview and PDF of the attachment table, read back as a reader of the PDF sees it."""

from __future__ import annotations

import errno
import re
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from desktop_app.actions import Action, Menu
from scoring.atomic import OutputError
from scoring.document import PeriodDocument
from scoring.model import Channel
from scoring.report import Report, build_report
from scoring.standings import Standings
from tests.conftest import ROOT
from tests.generated import generated_period

FULL_HEADER = ("单位", "报送条目", "采用条目", "得分", "排名")
COMPACT_HEADER = ("排名", "单位", "得分")


def _sample_report(path: Path, group_ids=None) -> Report:
    document = PeriodDocument.open(path, read_only=True, why="测试")
    try:
        return build_report(document.period, document.standings, group_ids)
    finally:
        document.close()


def _report(period) -> Report:
    return build_report(period, Standings(period))


def page_texts(path: Path) -> list[str]:
    """Text of each page exactly as a reader copies it (no folding: searching the PDF must work)."""
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _pattern(text: str) -> str:
    """``text`` in extracted PDF text: line breaks may fall anywhere in a table cell."""
    return r"\s*".join(re.escape(ch) for ch in text.replace(" ", ""))


def contains(page: str, text: str) -> bool:
    return re.search(_pattern(text), page) is not None


def assert_in_order(text: str, names: list[str]) -> None:
    position = 0
    for name in names:
        found = re.compile(_pattern(name)).search(text, position)
        assert found is not None, f"{name} missing or out of order"
        position = found.end()


def test_pdf_of_the_sample_has_the_attachment_on_two_pages(qapp, sample_copy: Path, tmp_path: Path) -> None:
    report = _sample_report(sample_copy)
    target = tmp_path / "附件.pdf"
    assert write_pdf(report, target) == 2
    pages = page_texts(target)
    assert len(pages) == 2
    assert contains(pages[0], "2023年上半年政务信息报送及采用情况")
    assert contains(pages[0], "一、市政府各部门") and contains(pages[1], "二、区、镇、街道办事处")
    for number, page in enumerate(pages, start=1):
        assert all(contains(page, header) for header in FULL_HEADER), number
        assert contains(page, f"第 {number} 页 共 2 页")
    assert_in_order("\n".join(pages), [row.unit for row in report.all_rows()])
    assert contains(pages[1], "注：") and contains(pages[1], "得分相同的单位，以报送条目的数量依次先后排名。")
    assert contains(pages[1], "统计截止日期为2023年6月30日")
    assert contains(pages[0], "5+1*")
    box = pypdf.PdfReader(target).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297


def test_chinese_fonts_are_embedded(qapp, sample_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "附件.pdf"
    write_pdf(_sample_report(sample_copy), target)
    fonts = pypdf.PdfReader(target).pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font.get_object()["/BaseFont"]


def test_compact_ranking_table(qapp, sample_copy: Path, tmp_path: Path) -> None:
    report = _sample_report(sample_copy)
    target = tmp_path / "排名.pdf"
    pages_written = write_pdf(report, target, compact=True)
    pages = page_texts(target)
    assert pages_written == len(pages) >= 1
    for page in pages:
        assert all(contains(page, header) for header in COMPACT_HEADER)
        assert not contains(page, "采用条目") and not contains(page, "湖北快报")
    assert_in_order("\n".join(pages), [row.unit for row in report.all_rows()])


def test_a_long_period_runs_over_many_pages_with_the_header_on_each(qapp, tmp_path: Path) -> None:
    period = generated_period(300, groups=3, extra_names=("=1+1", "中华人民共和国某某省某某市某某区某某街道办事处某某社区居民委员会"))
    report = _report(period)
    for compact in (False, True):
        target = tmp_path / f"long-{compact}.pdf"
        count = write_pdf(report, target, compact=compact)
        pages = page_texts(target)
        assert count == len(pages) >= 5
        header = COMPACT_HEADER if compact else FULL_HEADER
        for number, page in enumerate(pages, start=1):
            assert all(contains(page, h) for h in header), (compact, number)
            assert contains(page, f"第 {number} 页 共 {count} 页")
        text = "\n".join(pages)
        assert_in_order(text, [row.unit for row in report.all_rows()])
        assert contains(text, "一、第1组单位（续）")
        assert contains(pages[-1], "统计截止日期为2031年3月31日")


def test_a_group_without_units_and_names_that_look_like_markup(qapp, tmp_path: Path) -> None:
    period = generated_period(30, groups=3, extra_names=("<b>甲&amp;乙</b>",))
    for unit in list(period.units.values()):
        if unit.group_id == 2:
            period.units[unit.id] = replace(unit, active=False)
    period.groups[0] = replace(period.groups[0], name="一、  市直  单位")
    report = _report(period)
    target = tmp_path / "out.pdf"
    for compact in (False, True):
        assert write_pdf(report, target, compact=compact) == len(page_texts(target))
        text = "\n".join(page_texts(target))
        assert contains(text, "（本组没有参加排名的单位）") and contains(text, "<b>甲&amp;乙</b>")
        assert_in_order(text, ["一、 市直 单位", "二、第2组单位", "三、第3组单位"])


def test_many_channels_print_landscape(qapp, tmp_path: Path) -> None:
    period = generated_period(20)
    extra = tuple(Channel(100 + i, f"第{i}个采用渠道名称较长", Decimal(1), Decimal(1)) for i in range(8))
    period.scheme = replace(period.scheme, channels=period.scheme.channels + extra)
    target = tmp_path / "wide.pdf"
    write_pdf(_report(period), target)
    box = pypdf.PdfReader(target).pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert contains(page_texts(target)[0], "第7个采用渠道名称较长")


def test_a_locked_target_gives_a_clear_message(qapp, sample_copy: Path, tmp_path: Path, replace_refused) -> None:
    target = tmp_path / "out" / "附件.pdf"
    target.parent.mkdir()
    target.write_bytes(b"open in a PDF reader")
    with pytest.raises(OutputError, match="请关闭后重试"):
        write_pdf(_sample_report(sample_copy), target)
    assert target.read_bytes() == b"open in a PDF reader" and len(list(target.parent.iterdir())) == 1


def test_printing_is_not_loaded_when_the_program_starts() -> None:
    code = "import sys, desktop_app.main_window; print(sorted(m for m in sys.modules if 'print' in m.lower()))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def write_pdf(report: Report, target: Path, *, compact: bool = False) -> int:
    from desktop_app.printing import write_pdf as write

    return write(report, target, compact=compact)


# -- the window's commands ------------------------------------------------------------------------
@pytest.fixture
def commands(monkeypatch, messages):
    """The printing commands with their dialogs answered: all groups, the full table."""
    from desktop_app.printing import commands as module
    from desktop_app.printing.options_dialog import PrintOptions

    asked: list[str] = []

    def ask_options(window, period, action, previous):
        asked.append(action)
        return PrintOptions(tuple(g.id for g in period.groups), False)

    monkeypatch.setattr(module, "ask_options", ask_options)
    monkeypatch.setattr(module, "asked", asked, raising=False)
    return module


def test_export_pdf_from_the_menu(window, commands, save_answers, tmp_path: Path, messages) -> None:
    target = tmp_path / "导出的附件"  # no suffix typed: .pdf is added
    save_answers.append(target)
    window.action(Action.EXPORT_PDF).trigger()
    written = target.with_name("导出的附件.pdf")
    assert commands.asked == ["导出PDF"] and not messages
    assert len(page_texts(written)) == 2
    assert "共 2 页" in window.export_notice.text()


def test_export_xlsx_from_the_menu(window, commands, save_answers, tmp_path: Path, messages) -> None:
    import openpyxl

    save_answers.append(tmp_path / "附件.xlsx")
    window.action(Action.EXPORT_XLSX).trigger()
    assert save_answers.suggested[0].endswith("2023年上半年政务信息报送及采用情况.xlsx") and not messages
    sheet = openpyxl.load_workbook(tmp_path / "附件.xlsx").active
    assert (sheet["A1"].value, sheet["A2"].value) == ("附件", "2023年上半年政务信息报送及采用情况")


def test_cancelled_save_writes_nothing(window, commands, save_answers, tmp_path: Path, messages) -> None:
    window.action(Action.EXPORT_PDF).trigger()
    window.action(Action.EXPORT_XLSX).trigger()
    assert not messages and not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))


def test_a_failed_export_is_explained(window, commands, save_answers, tmp_path: Path, messages, monkeypatch) -> None:
    blocker = tmp_path / "文件"
    blocker.write_text("")
    save_answers.append(blocker / "附件.pdf")  # refused in the chooser, which asks again (cancelled)
    window.action(Action.EXPORT_PDF).trigger()
    assert messages == [("导出PDF", "「文件」不是文件夹，不能在其中保存「附件.pdf」。请另选位置。")]
    assert len(save_answers.suggested) == 2
    messages.clear()
    import scoring.atomic

    def no_folder(*args, **kwargs):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(scoring.atomic.tempfile, "mkstemp", no_folder)
    save_answers.append(tmp_path / "附件.pdf")
    window.action(Action.EXPORT_PDF).trigger()
    assert messages == [("导出失败", f"无法写入「附件.pdf」：没有在「{tmp_path}」中写文件的权限，请另选一个位置")]


def test_print_goes_to_the_chosen_printer(window, commands, monkeypatch, tmp_path: Path, messages) -> None:
    from PySide6.QtPrintSupport import QPrinter

    target = tmp_path / "打印.pdf"

    def ask_printer(parent, printer) -> bool:  # the user picks "print to file"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(commands, "ask_printer", ask_printer)
    window.action(Action.PRINT).trigger()
    assert commands.asked == ["打印"] and not messages
    pages = page_texts(target)
    assert len(pages) == 2 and all(contains(page, "排名") for page in pages)
    assert "共 2 页" in window.statusBar().currentMessage()


def test_printing_to_a_file_never_overwrites_the_open_period(window, commands, monkeypatch, messages) -> None:
    from PySide6.QtPrintSupport import QPrinter

    opened = window.session.document.path
    before = opened.read_bytes()

    def ask_printer(parent, printer) -> bool:  # "print to file", onto the period file itself
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(opened))
        return True

    monkeypatch.setattr(commands, "ask_printer", ask_printer)
    window.action(Action.PRINT).trigger()
    assert messages == [("打印", f"「{opened.name}」是正在使用的期间文件，不能被覆盖。请另选一个文件名。")]
    assert opened.read_bytes() == before


def test_print_preview_renders_offscreen(window, commands, monkeypatch, qtbot) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    seen: list[int] = []

    def show(dialog) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        qtbot.waitUntil(lambda: preview.pageCount() > 0)
        seen.append(preview.pageCount())
        dialog.close()

    monkeypatch.setattr(commands, "show_preview", show)
    window.action(Action.PRINT_PREVIEW).trigger()
    assert commands.asked == ["打印预览"] and seen == [2]


def test_options_dialog_chooses_groups_and_layout(window, qtbot) -> None:
    from desktop_app.printing.options_dialog import PrintOptionsDialog

    period = window.session.document.period
    dialog = PrintOptionsDialog(period, "打印", None, window)
    qtbot.addWidget(dialog)
    first, second = (dialog.group_boxes[g.id] for g in period.groups)
    assert first.isChecked() and second.isChecked() and dialog.full.isChecked()
    assert "34 个单位" in first.text()
    first.setChecked(False)
    dialog.compact.setChecked(True)
    options = dialog.options()
    assert options.group_ids == (period.groups[1].id,) and options.compact
    second.setChecked(False)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert dialog.hint.text() == "请至少选择一个分组"
    again = PrintOptionsDialog(period, "打印", options, window)
    qtbot.addWidget(again)
    assert again.compact.isChecked() and not again.group_boxes[period.groups[0].id].isChecked()


def test_menu_entries_and_their_state(qtbot, messages) -> None:
    from PySide6.QtGui import QKeySequence

    from desktop_app.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    texts = [action.text() for action in main.menu(Menu.FILE).actions()]
    for text in ("导出 Excel 表格…", "导出PDF…", "打印预览…", "打印(&P)…"):
        assert text in texts
    assert main.action(Action.PRINT).shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert main.action(Action.PRINT).shortcut().toString() == "Ctrl+P"
    for name in (Action.EXPORT_XLSX, Action.EXPORT_PDF, Action.PRINT_PREVIEW, Action.PRINT):
        assert not main.action(name).isEnabled()  # nothing open yet
