"""Where the shipped files (sample period, default scheme) are, from source or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_PERIOD = "sample-2023H1.zwxx"
DEFAULT_SCHEME = "default-scheme.json"
SEED_TABLE = "qianjiang-2023H1-attachment.csv"
HELP_TEXT = "help.md"  # the 使用说明, shown in the program and copied into README.md
SCHEME_PRESETS = (  # 方法甲, 方法乙, 方法丙
    "schemes/zhonglou-quarterly.json",
    "schemes/changshan-monthly.json",
    "schemes/itemwise-monthly.json",
)
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)  # icons/app-SIZE.png, drawn by build/make_icons.py


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in the frozen program
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    return resources_dir() / name


def app_icon_file(size: int) -> Path:
    return resources_dir() / "icons" / f"app-{size}.png"


def shipped_files() -> list[Path]:
    """Every file the program needs from its resources folder (the frozen build's self-test checks them)."""
    return [resource_path(name) for name in (SAMPLE_PERIOD, DEFAULT_SCHEME, SEED_TABLE, HELP_TEXT, *SCHEME_PRESETS)] + [
        app_icon_file(size) for size in APP_ICON_SIZES
    ]
