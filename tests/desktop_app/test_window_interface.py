"""What the features see of the main window: signals for the open file and the group shown,
named actions, one place for status messages, and the same colours in the legend as in the grid."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

from desktop_app.actions import Action, Menu
from desktop_app.table_model import COMMEND_TINT, CRITICISE_TINT


def test_opening_and_closing_a_file_is_announced(qtbot, sample_copy, messages) -> None:
    from desktop_app.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    seen = []
    main.session_changed.connect(seen.append)
    assert main.open_path(sample_copy)
    assert seen == [main.session] and main.ledger.session is main.session  # the ledger follows the window
    main.close()
    assert seen[-1] is None and main.ledger.session is None


def test_every_action_has_a_name_and_a_place_in_a_menu_or_the_window(window) -> None:
    in_menus = {a for menu in Menu for a in window.menu(menu).actions()}
    for name in Action:
        assert window.action(name) in in_menus, name
    assert window.actions()  # QWidget.actions() is Qt's again, not a dict of ours


def test_switching_groups_is_announced(window, qtbot) -> None:
    with qtbot.waitSignal(window.group_changed) as changed:
        window.action(Action.NEXT_GROUP).trigger()
    assert changed.args == [1] and window.current_group() == 1


def test_the_status_bar_legend_shows_the_grids_tints(window) -> None:
    legend = next(label for label in window.statusBar().findChildren(QLabel) if "建议表扬" in label.text())
    colours = re.findall(r"background:(#[0-9a-fA-F]{6})", legend.text())
    assert colours == [COMMEND_TINT.name(), CRITICISE_TINT.name()]


def test_messages_of_the_features_go_to_the_status_bar(window) -> None:
    window.action(Action.SAVE).trigger()  # Ctrl+S: every edit is saved already
    assert "不用手动保存" in window.statusBar().currentMessage()
