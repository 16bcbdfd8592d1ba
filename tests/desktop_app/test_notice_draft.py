"""文件 → 生成通报草稿…: the clerk picks a file name and gets the Word draft."""

from __future__ import annotations

import docx

from desktop_app.actions import Action


def test_the_menu_writes_the_draft_and_says_where(window, tmp_path, save_answers) -> None:
    save_answers.append(tmp_path / "通报")
    assert window.action(Action.NOTICE).isEnabled()
    window.action(Action.NOTICE).trigger()
    target = tmp_path / "通报.docx"
    notice = docx.Document(str(target))
    assert notice.paragraphs[0].text.replace("\n", "") == "关于2023年上半年政务信息报送及采用情况的通报"
    assert any("市发改委、市经信局；杨市街道、泰丰街道、王场镇予以通报表扬" in p.text for p in notice.paragraphs)
    assert save_answers.suggested[0].endswith("关于2023年上半年政务信息报送及采用情况的通报（草稿）.docx")
    assert target.name in window.export_notice.text() and window.export_notice.target == target


def test_cancel_writes_nothing(window, tmp_path, save_answers) -> None:
    before = set(tmp_path.rglob("*"))
    window.action(Action.NOTICE).trigger()
    assert set(tmp_path.rglob("*")) == before


def test_a_folder_that_is_a_file_is_refused_and_asked_again(window, tmp_path, save_answers, messages) -> None:
    blocker = tmp_path / "占用"
    blocker.write_text("x", encoding="utf-8")
    save_answers.append(blocker / "通报.docx")
    window.action(Action.NOTICE).trigger()
    assert messages == [("生成通报草稿", "「占用」不是文件夹，不能在其中保存「通报.docx」。请另选位置。")]
    assert len(save_answers.suggested) == 2  # asked again (and cancelled)


def test_a_full_disk_is_explained_and_keeps_the_old_draft(window, tmp_path, save_answers, messages, disk_full) -> None:
    target = tmp_path / "通报.docx"
    target.write_bytes(b"old draft")
    save_answers.append(target)
    before = sorted(tmp_path.rglob("*"))
    window.action(Action.NOTICE).trigger()
    assert messages == [("生成通报草稿失败", "磁盘空间不足，无法写入「通报.docx」。请清理磁盘或另选一个位置后重试（原有文件没有改变）")]
    assert target.read_bytes() == b"old draft"
    assert sorted(tmp_path.rglob("*")) == before  # no temporary file left
