"""Reading the grid and opening the period editors the way a user does (from the menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.actions import Action
from desktop_app.table_model import RANK, SCORE, TALLY, UNIT


def open_editor(window, action: Action, dialog_class: type[QDialog]):
    """Choose the menu entry and return the dialog it opened."""
    window.action(action).trigger()
    dialogs = [d for d in window.findChildren(dialog_class) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def tab_names(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def grid_units(window, group_index: int = 0) -> list[str]:
    model = window.views[group_index].source
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def find_row(window, unit_name: str):
    """(view, row) of the unit in whichever tab shows it, or (None, None)."""
    for view in window.views:
        model = view.source
        for row in range(model.rowCount()):
            if model.data(model.index(row, 0)) == unit_name:
                return view, row
    return None, None


def cell(window, unit_name: str, kind: str, key=None, role=Qt.ItemDataRole.DisplayRole):
    view, row = find_row(window, unit_name)
    assert view is not None, f"{unit_name} is not in the grid"
    model = view.source
    return model.data(model.index(row, model.column_of(kind, key)), role)


def score(window, unit_name: str) -> str:
    return cell(window, unit_name, SCORE)


def rank(window, unit_name: str) -> str:
    return cell(window, unit_name, RANK)


def tally(window, unit_name: str, channel_id: int) -> str:
    return cell(window, unit_name, TALLY, channel_id)


def tint(window, unit_name: str) -> str | None:
    """The row's background colour name in the grid (None: not tinted)."""
    brush = cell(window, unit_name, UNIT, None, Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color().name()


def headers(window, group_index: int = 0) -> list[str]:
    model = window.views[group_index].source
    return [column.header for column in model.columns]


def unit_id(window, unit_name: str) -> int:
    return next(u.id for u in window.session.document.period.units.values() if u.name == unit_name)


def all_scores(window) -> dict[str, str]:
    scores = {}
    for view in window.views:
        model = view.source
        for row in range(model.rowCount()):
            scores[model.data(model.index(row, 0))] = model.data(model.index(row, model.column_of(SCORE)))
    return scores


def open_accumulate(window, ui, paths, save_as=None):
    """文件 → 累计… with ``paths`` chosen; ``save_as`` answers the save question that follows (then
    cancelled: a refused choice is not repeated forever)."""
    from desktop_app.dialogs.accumulate import AccumulateDialog

    ui.open_answers.append(paths)
    if save_as is not None:
        ui.save_answers.append(save_as)
    return open_editor(window, Action.ACCUMULATE, AccumulateDialog)


def accumulate_report(dialog) -> list[str]:
    """The lines the 累计 dialog reports (mismatches first)."""
    return [dialog.report.item(row).text() for row in range(dialog.report.count())]
