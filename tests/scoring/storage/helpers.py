"""Shared by the storage and hostile-file tests: what a clean Chinese refusal looks like."""

from __future__ import annotations

import re
import signal
from pathlib import Path

from tests.conftest import start_script

# Words a message may contain: file names and the names of programs the user knows.
ALLOWED_WORDS = {"zwxx", "journal", "Excel", "WPS", "CSV", "Word", "xlsx", "csv"}


def english_words(message: str, *paths: Path) -> list[str]:
    """English words in a message once the file and folder names it quotes are taken out."""
    for path in paths:
        for text in (str(path.parent), str(path), path.name):
            message = message.replace(text, "")
    return [word for word in re.findall(r"[A-Za-z]{3,}", message) if word not in ALLOWED_WORDS]


def crash_mid_change(path: Path) -> None:
    """Kill -9 a process in the middle of a change of ``path``: leaves a hot journal behind."""
    before = path.read_bytes()
    process = start_script(Path(__file__).with_name("crash_writer.py"), path)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert path.with_name(path.name + "-journal").exists(), "no journal was left behind"
    assert path.read_bytes() != before, "the change did not reach the file before the crash"
