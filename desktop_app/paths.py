"""Where the program keeps its own files: never beside the executable (Program Files is read-only).

Settings, logs and crash reports live in the user's app-data folder; the sample period is
copied into the user's documents folder on first run. ``INFOSCORE_HOME`` (used by tests and
the frozen smoke test) moves all of them under one folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop_app import APP_NAME
from scoring.resources import SAMPLE_PERIOD, resource_path

SAMPLE_COPY_NAME = "2023年上半年（示例）.zwxx"


def _override() -> Path | None:
    home = os.environ.get("INFOSCORE_HOME")
    return Path(home) if home else None


def app_data_dir() -> Path:
    base = _override()
    if base is not None:
        folder = base / "appdata"
    else:
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def documents_dir() -> Path:
    base = _override()
    if base is not None:
        folder = base / "documents" / APP_NAME
    else:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents or Path.home()) / APP_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings_file() -> Path:
    return app_data_dir() / "settings.ini"


def log_file() -> Path:
    folder = app_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "infoscore.log"


def crash_file() -> Path:
    return log_file().with_name("crash.log")


def sample_copy() -> Path:
    """The user's own copy of the sample period (the shipped one stays untouched)."""
    target = documents_dir() / SAMPLE_COPY_NAME
    if not target.exists():
        shutil.copyfile(resource_path(SAMPLE_PERIOD), target)
        target.chmod(0o644)
    return target
