"""What the program remembers between runs (QSettings in an .ini in the app-data folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop_app.paths import settings_file

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        """``path``: another settings file than the user's (the self-test keeps its own)."""
        self._settings = QSettings(str(path or settings_file()), QSettings.Format.IniFormat)

    def recent_files(self) -> list[Path]:
        value = self._settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        if not isinstance(value, list):  # a hand-edited or damaged settings file: no recent files
            return []
        return [Path(p) for p in value if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != path]
        self._settings.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        self._settings.setValue("recent_files", [str(p) for p in self.recent_files() if p != path])

    def last_file(self) -> Path | None:
        files = self.recent_files()
        return files[0] if files else None

    def first_run_done(self) -> bool:
        return bool(self._settings.value("first_run_done", False, type=bool))

    def mark_first_run_done(self) -> None:
        self._settings.setValue("first_run_done", True)

    def geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def rank_order(self) -> bool:
        return bool(self._settings.value("view/rank_order", False, type=bool))

    def set_rank_order(self, enabled: bool) -> None:
        self._settings.setValue("view/rank_order", enabled)

    def sync(self) -> None:
        self._settings.sync()
