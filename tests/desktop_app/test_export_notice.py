"""After an export the status bar says where the file went and offers to open it or its folder."""

from __future__ import annotations

from pathlib import Path

import desktop_app.export_notice as export_notice
from desktop_app.actions import Action


def _opened(monkeypatch) -> list[tuple[str, Path]]:
    opened: list[tuple[str, Path]] = []
    monkeypatch.setattr(export_notice, "open_file", lambda path: opened.append(("file", path)) or True)
    monkeypatch.setattr(export_notice, "show_in_folder", lambda path: opened.append(("folder", path)) or True)
    return opened


def test_after_a_csv_export_the_file_or_its_folder_can_be_opened(window, tmp_path, save_answers, monkeypatch) -> None:
    opened = _opened(monkeypatch)
    target = tmp_path / "附件.csv"
    save_answers.append(target)
    window.action(Action.EXPORT_CSV).trigger()
    notice = window.export_notice
    assert notice.isVisible() and "已导出「附件.csv」" in notice.text()
    assert "打开文件" in notice.text() and "打开所在文件夹" in notice.text()
    notice.linkActivated.emit("file")
    assert opened == [("file", target)] and not notice.isVisible()
    save_answers.append(target)
    window.action(Action.EXPORT_CSV).trigger()
    notice.linkActivated.emit("folder")
    assert opened[-1] == ("folder", target)


def test_every_export_of_the_window_offers_it(window, tmp_path, save_answers, monkeypatch) -> None:
    from desktop_app.printing import commands

    _opened(monkeypatch)
    from desktop_app.printing.options_dialog import PrintOptions

    groups = tuple(g.id for g in window.session.document.period.groups)
    monkeypatch.setattr(commands, "ask_options", lambda *a, **k: PrintOptions(groups))
    save_answers.append(tmp_path / "附件.xlsx")
    commands.export_xlsx(window)
    assert "附件.xlsx" in window.export_notice.text()
    save_answers.append(tmp_path / "附件.pdf")
    commands.export_pdf(window)
    assert "附件.pdf" in window.export_notice.text() and "共 2 页" in window.export_notice.text()


def test_a_file_moved_away_since_is_said_so(window, tmp_path, save_answers, monkeypatch) -> None:
    opened = _opened(monkeypatch)
    target = tmp_path / "附件.csv"
    save_answers.append(target)
    window.action(Action.EXPORT_CSV).trigger()
    target.unlink()
    window.export_notice.linkActivated.emit("file")
    assert opened == [] and "已不在原处" in window.export_notice.text()
