"""Check a translated Inno Setup messages file against the compiler's Default.isl.

    python build/isl_check.py build/ChineseSimplified.isl PATH/TO/Default.isl

Every message of Default.isl ([Messages] and [CustomMessages]) must be translated, with the same
placeholders (%1 … %9, [name], [name/ver], [gb], [mb]) and, where the English has one, an
accelerator (&X); no message may be unknown to Default.isl. Exit status 0 when the file passes.
Run by build/windows_on_debian.sh before Inno Setup compiles the installer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SECTIONS = ("Messages", "CustomMessages")
PLACEHOLDER = re.compile(r"%[1-9]|\[name(?:/ver)?\]|\[gb\]|\[mb\]")


def messages(text: str) -> dict[str, str]:
    """'Section.Name' -> text, for the message sections of an .isl file."""
    found, section = {}, ""
    for line in text.lstrip("\ufeff").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif section in SECTIONS and "=" in line:
            name, value = line.split("=", 1)
            found[f"{section}.{name.strip()}"] = value
    return found


def compare(translated: str, default: str) -> list[str]:
    """What is wrong with ``translated`` (the text of an .isl file) against ``default``."""
    ours, english = messages(translated), messages(default)
    problems = [f"missing: {name}" for name in english if name not in ours]
    problems += [f"unknown to Default.isl: {name}" for name in ours if name not in english]
    for name in english.keys() & ours.keys():
        if sorted(PLACEHOLDER.findall(english[name])) != sorted(PLACEHOLDER.findall(ours[name])):
            problems.append(f"{name}: placeholders {sorted(PLACEHOLDER.findall(ours[name]))}, "
                            f"Default.isl has {sorted(PLACEHOLDER.findall(english[name]))}")
        if ("&" in english[name].replace("&&", "")) != ("&" in ours[name].replace("&&", "")):
            problems.append(f"{name}: accelerator (&) differs from Default.isl")
        if english[name] and not ours[name]:
            problems.append(f"{name}: empty")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    translated, default = (Path(a).read_text(encoding="utf-8-sig") for a in argv)
    problems = compare(translated, default)
    for problem in problems:
        print(f"{argv[0]}: {problem}", file=sys.stderr)
    print(f"{argv[0]}: {len(messages(translated))} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
