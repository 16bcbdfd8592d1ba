"""The one source of the 使用说明: resources/help.md (Chinese Markdown).

The program shows it in 帮助 → 使用说明; README.md's 使用说明 section is generated from it between
two marker comments, so the two never drift apart::

    python -m desktop_app.help_text --write-readme   # after editing resources/help.md
    python -m desktop_app.help_text --check          # exit 1 if README.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.resources import HELP_TEXT, resource_path

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- 使用说明开始：由 resources/help.md 生成（python -m desktop_app.help_text --write-readme），请勿直接修改 -->"
END = "<!-- 使用说明结束 -->"


class ReadmeError(ValueError):
    """README.md lacks the marker comments around its 使用说明 section."""


def help_markdown() -> str:
    return resource_path(HELP_TEXT).read_text(encoding="utf-8")


def with_help(readme: str, markdown: str) -> str:
    """``readme`` with the text between the markers replaced by ``markdown``."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        raise ReadmeError(f"README.md 中没有找到标记：{START} … {END}")
    return readme[: start + len(START)] + "\n\n" + markdown.strip() + "\n\n" + readme[end:]


def main(argv: list[str] | None = None, readme: Path = README) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["--write-readme"], ["--check"]):
        print("用法：python -m desktop_app.help_text --write-readme | --check", file=sys.stderr)
        return 2
    current = readme.read_text(encoding="utf-8")
    wanted = with_help(current, help_markdown())
    if args == ["--check"]:
        if wanted != current:
            print("README.md 的使用说明与 resources/help.md 不一致：请运行 python -m desktop_app.help_text --write-readme",
                  file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        readme.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
