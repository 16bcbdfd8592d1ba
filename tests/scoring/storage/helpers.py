"""Shared by the storage and hostile-file tests: what a clean Chinese refusal looks like."""

from __future__ import annotations

import re
from pathlib import Path

# Words a message may contain: file names and the names of programs the user knows.
ALLOWED_WORDS = {"zwxx", "journal", "Excel", "WPS", "CSV", "Word", "xlsx", "csv"}


def english_words(message: str, *paths: Path) -> list[str]:
    """English words in a message once the file and folder names it quotes are taken out."""
    for path in paths:
        for text in (str(path.parent), str(path), path.name):
            message = message.replace(text, "")
    return [word for word in re.findall(r"[A-Za-z]{3,}", message) if word not in ALLOWED_WORDS]
