"""Where the shipped files (sample period, default scheme) are, from source or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_PERIOD = "sample-2023H1.zwxx"
DEFAULT_SCHEME = "default-scheme.json"
SEED_TABLE = "qianjiang-2023H1-attachment.csv"


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in the frozen program
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    return resources_dir() / name
