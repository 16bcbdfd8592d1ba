"""Every save chooser of the window (新建期间, 另存为, 导出 CSV/Excel/PDF): it never writes over the open
period file or one another program holds, adds the format's suffix without eating what was typed,
and explains a full disk with the old file kept and nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

import desktop_app.new_file as new_file
from desktop_app.actions import Action
from desktop_app.printing.options_dialog import PrintOptions
from scoring.model import PeriodInfo

FULL = "磁盘空间不足，无法写入「{}」。请清理磁盘或另选一个位置后重试（原有文件没有改变）"


@pytest.fixture
def new_title(monkeypatch):
    """新建期间 asks for the title 2023年上半年, which makes the chooser propose the open file itself."""
    monkeypatch.setattr(new_file, "ask_period_info", lambda *a, **k: PeriodInfo("2023年上半年"))


@pytest.fixture
def all_groups(monkeypatch):
    from desktop_app.printing import commands

    monkeypatch.setattr(commands, "ask_options", lambda w, period, a, p: PrintOptions(tuple(g.id for g in period.groups), False))


def test_new_period_refuses_to_overwrite_the_open_file_and_asks_again(window, new_title, save_answers, messages) -> None:
    """The report: Ctrl+N, 2023年上半年, Enter on the proposed name; the open file became an empty period."""
    opened = window.session.document.path
    before = opened.read_bytes()
    save_answers.append(opened)
    window.action(Action.NEW).trigger()
    assert save_answers.suggested == [str(opened), str(opened)]  # it proposed the open file; then asked again
    assert messages == [("保存新期间", f"「{opened.name}」是正在使用的期间文件，不能被覆盖。请另选一个文件名。")]
    assert opened.read_bytes() == before
    assert window.session.document.path == opened and not window.session.read_only
    assert window.session.document.period.tallies[1].submitted > 0


def test_save_as_and_new_period_refuse_a_file_another_window_holds(
    window, new_title, save_answers, messages, locked_elsewhere, tmp_path
) -> None:
    other = tmp_path / "别的窗口.zwxx"
    other.write_bytes(window.session.document.path.read_bytes())
    before = other.read_bytes()
    locked_elsewhere(other)
    save_answers.extend([other, tmp_path / "副本"])
    window.save_as()
    assert len(messages) == 1 and messages[0][0] == "另存为"
    assert messages[0][1].startswith("「别的窗口.zwxx」正由本机另一个程序窗口（进程 ")
    assert window.session.document.path == tmp_path / "副本.zwxx"  # the second answer was taken
    save_answers.append(other)
    window.action(Action.NEW).trigger()
    assert len(messages) == 2 and messages[1][0] == "保存新期间" and "不能被覆盖" in messages[1][1]
    assert other.read_bytes() == before


@pytest.mark.parametrize(("typed", "written"), [("2023.07", "2023.07.zwxx"), ("周报 v1.2", "周报 v1.2.zwxx")])
def test_save_as_keeps_what_was_typed_after_a_dot(window, save_answers, messages, tmp_path, typed, written) -> None:
    save_answers.append(tmp_path / typed)
    window.save_as()
    assert window.session.document.path == tmp_path / written and not messages
    assert not (tmp_path / "2023.zwxx").exists() and not (tmp_path / "周报 v1.zwxx").exists()


def test_csv_export_named_like_the_open_file_keeps_it(window, save_answers, messages) -> None:
    opened = window.session.document.path
    before = opened.read_bytes()
    save_answers.append(opened)
    window.action(Action.EXPORT_CSV).trigger()
    assert opened.read_bytes() == before and not messages
    assert Path(f"{opened}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_existing_file_the_dialog_did_not_warn_about_is_asked_about(window, save_answers, questions, tmp_path) -> None:
    """The dialog warned about 「附件」, not 「附件.csv」, which the suffix makes of it."""
    existing = tmp_path / "附件.csv"
    existing.write_bytes(b"keep me")
    questions.answer = False
    save_answers.append(tmp_path / "附件")
    window.action(Action.EXPORT_CSV).trigger()
    assert questions == ["「附件.csv」已经存在，要替换它吗？"] and existing.read_bytes() == b"keep me"
    questions.answer = True
    save_answers.append(tmp_path / "附件")
    window.action(Action.EXPORT_CSV).trigger()
    assert existing.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(("action", "name"), [(Action.EXPORT_CSV, "附件.csv"), (Action.EXPORT_XLSX, "附件.xlsx"), (Action.EXPORT_PDF, "附件.pdf")])
def test_an_export_on_a_full_disk_keeps_the_old_file(window, all_groups, save_answers, messages, disk_full, tmp_path, action, name) -> None:
    target = tmp_path / name
    target.write_bytes(b"last month")
    save_answers.append(target)
    before = sorted(tmp_path.rglob("*"))
    window.action(action).trigger()
    assert messages == [("导出失败", FULL.format(name))]
    assert target.read_bytes() == b"last month" and sorted(tmp_path.rglob("*")) == before


def test_new_period_and_save_as_on_a_full_disk_are_explained(window, new_title, save_answers, messages, disk_full, tmp_path) -> None:
    """SQLite's own "database or disk is full" while writing the new file or the copy."""
    opened = window.session.document.path
    before = sorted(tmp_path.rglob("*"))
    save_answers.append(tmp_path / "下半年")
    window.action(Action.NEW).trigger()
    save_answers.append(tmp_path / "副本")
    window.save_as()
    assert messages == [("新建期间失败", FULL.format("下半年.zwxx")), ("另存为失败", FULL.format("副本.zwxx"))]
    assert sorted(tmp_path.rglob("*")) == before
    assert window.session.document.path == opened and not window.session.read_only


def test_a_window_that_opens_the_target_after_it_was_chosen_stops_the_write(
    window, new_title, save_answers, messages, locked_elsewhere, monkeypatch, tmp_path
) -> None:
    """Another window opens the chosen file between the check and the write: the file is not
    replaced under it (its edits would go to a file nobody sees)."""
    from desktop_app.dialogs import file_choosers

    target = tmp_path / "下半年.zwxx"
    target.write_bytes(window.session.document.path.read_bytes())
    before = target.read_bytes()
    checked = file_choosers.check_output

    def check_then_opened_elsewhere(path, **kwargs):
        checked(path, **kwargs)
        locked_elsewhere(path)
        return path

    monkeypatch.setattr(file_choosers, "check_output", check_then_opened_elsewhere)
    save_answers.append(target)
    window.action(Action.NEW).trigger()
    assert len(messages) == 1 and messages[0][0] == "新建期间失败"
    assert messages[0][1].startswith("「下半年.zwxx」正由本机另一个程序窗口（进程 ")
    assert target.read_bytes() == before and window.session.document.path != target
