"""文件 → 生成通报草稿…: the clerk picks a file name and gets the Word draft."""

from __future__ import annotations

import docx

import desktop_app.notice_draft as notice_draft


def test_the_menu_writes_the_draft_and_says_where(window, tmp_path, monkeypatch) -> None:
    suggestions: list[str] = []

    def choose(parent, title, suggested: str, file_filter) -> str:
        suggestions.append(suggested)
        return str(tmp_path / "通报")

    monkeypatch.setattr(notice_draft, "ask_save_path", choose)
    assert window.actions["notice"].isEnabled()
    window.actions["notice"].trigger()
    target = tmp_path / "通报.docx"
    notice = docx.Document(str(target))
    assert notice.paragraphs[0].text.replace("\n", "") == "关于2023年上半年政务信息报送及采用情况的通报"
    assert any("市发改委、市经信局；杨市街道、泰丰街道、王场镇予以通报表扬" in p.text for p in notice.paragraphs)
    assert suggestions[0].endswith("关于2023年上半年政务信息报送及采用情况的通报（草稿）.docx")
    assert str(target) in window.statusBar().currentMessage()


def test_cancel_writes_nothing(window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(notice_draft, "ask_save_path", lambda parent, title, suggested, file_filter: "")
    before = set(tmp_path.rglob("*"))
    window.actions["notice"].trigger()
    assert set(tmp_path.rglob("*")) == before


def test_a_failed_write_is_explained(window, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "占用"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(notice_draft, "ask_save_path", lambda parent, title, suggested, file_filter: str(blocker / "通报.docx"))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(notice_draft.messages, "show_error", lambda parent, title, text: shown.append((title, text)))
    window.actions["notice"].trigger()
    assert shown and shown[0][0] == "生成通报草稿失败" and "占用" in shown[0][1]
