"""帮助 → 使用说明 has one source, resources/help.md: the program shows it, README.md's 使用说明
section is generated from it, and it names everything the menus offer."""

from __future__ import annotations

import re
import shutil

from desktop_app import help_text
from desktop_app.actions import Action
from scoring.resources import HELP_TEXT, resource_path, shipped_files
from tests.conftest import ROOT

NOT_EXPLAINED = {Action.QUIT, Action.HELP, Action.ABOUT}
# what the program does that a clerk must be able to find in the help
TOPICS = ("导出PDF", "打印预览", "生成通报草稿", "得分图表", "打开所在文件夹", "排名变化", "转组", "信息条目台账", "台账模式",
          "约稿", "扣分/加分事项", "类别与定额", "上下限", "达标", "载入预设", "方法丙", "按单位名称粘贴", "Ctrl+F", "Ctrl+PgDn",
          "Ctrl+0", "单位名称列固定不动", "Ctrl+S", "只读", "随对方的修改自动更新", "曾用名", "累计")


def test_readme_shows_the_help_of_the_program() -> None:
    assert help_text.main(["--check"]) == 0, "run: python -m desktop_app.help_text --write-readme"


def test_a_readme_that_drifted_is_found_and_rewritten(tmp_path) -> None:
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("**Ctrl+F**", "**Ctrl+G**"), encoding="utf-8")
    assert help_text.main(["--check"], readme) == 1
    assert help_text.main(["--write-readme"], readme) == 0
    assert readme.read_text(encoding="utf-8") == text
    assert help_text.main(["--check"], readme) == 0


def test_the_help_covers_what_the_program_does() -> None:
    markdown = help_text.help_markdown()
    assert [topic for topic in TOPICS if topic not in markdown] == []


def test_the_help_names_every_menu_command(window) -> None:
    markdown = help_text.help_markdown()
    labels = {name: re.sub(r"\(&.\)|&|…", "", window.action(name).text()).strip() for name in Action}
    assert {name: label for name, label in labels.items()
            if name not in NOT_EXPLAINED and label not in markdown} == {}


def test_the_help_menu_shows_the_help_beside_the_window(window) -> None:
    from desktop_app.dialogs.help import HelpDialog

    window.action(Action.HELP).trigger()
    dialog = window.findChild(HelpDialog)
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.browser.toPlainText()
    assert "信息条目台账" in text and "**" not in text  # Markdown shown as text, not as marks
    window.action(Action.HELP).trigger()
    assert len(window.findChildren(HelpDialog)) == 1


def test_the_help_is_shipped_and_checked_by_the_self_test() -> None:
    assert resource_path(HELP_TEXT) in shipped_files()
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder goes into the build
