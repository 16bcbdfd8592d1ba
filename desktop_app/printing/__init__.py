"""Printing, print preview and PDF of the attachment table, all drawn by one renderer.

``write_pdf`` needs only QtGui (it makes a windowless application if there is none); the
window's commands (``print_preview``, ``print_report``, ``export_pdf``, ``export_xlsx``) live
in :mod:`desktop_app.printing.commands` and are loaded only when first used.
"""

from __future__ import annotations

from desktop_app.printing.renderer import ensure_gui_application, render, write_pdf

__all__ = ["ensure_gui_application", "export_pdf", "export_xlsx", "print_preview", "print_report", "render", "write_pdf"]
_COMMANDS = ("print_preview", "print_report", "export_pdf", "export_xlsx")


def __getattr__(name: str) -> object:
    if name in _COMMANDS:
        from desktop_app.printing import commands

        return getattr(commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
