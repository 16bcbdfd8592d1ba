"""File choosers in one place, so that tests can replace them (they would block offscreen)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_open_path(parent: QWidget | None, title: str, folder: str, file_filter: str) -> str:
    """The chosen file, or "" if the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
    """Where to save, or "" if the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path
