"""Printing, print preview and PDF of the attachment table, all drawn by one renderer.

``write_pdf`` needs only QtGui (it makes a windowless application if there is none); the
window's commands (print preview, print, PDF and Excel export) are in
:mod:`desktop_app.printing.commands`, imported by the menus when first used.
"""

from __future__ import annotations

from desktop_app.printing.renderer import ensure_gui_application, render, write_pdf

__all__ = ["ensure_gui_application", "render", "write_pdf"]
