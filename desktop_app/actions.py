"""The names of the main window's actions and menus: ``window.action(Action.UNDO)``."""

from __future__ import annotations

from enum import Enum, auto


class Action(Enum):
    NEW = auto()
    OPEN = auto()
    SAVE = auto()
    SAVE_AS = auto()
    IMPORT = auto()
    ACCUMULATE = auto()
    EXPORT_CSV = auto()
    EXPORT_XLSX = auto()
    EXPORT_PDF = auto()
    NOTICE = auto()
    PRINT_PREVIEW = auto()
    PRINT = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    COPY = auto()
    PASTE = auto()
    CLEAR = auto()
    ADJUSTMENTS = auto()
    FIND_UNIT = auto()
    PERIOD_INFO = auto()
    SCHEME = auto()
    UNITS = auto()
    LISTS = auto()
    RANK_ORDER = auto()
    CHART = auto()
    COMPARE = auto()
    UNCOMPARE = auto()
    NEXT_GROUP = auto()
    PREVIOUS_GROUP = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    ZOOM_RESET = auto()
    HELP = auto()
    ABOUT = auto()


class Menu(Enum):
    FILE = auto()
    EDIT = auto()
    PERIOD = auto()
    VIEW = auto()
    HELP = auto()


NEEDS_FILE = (Action.NEW, Action.SAVE_AS, Action.EXPORT_CSV, Action.EXPORT_XLSX, Action.EXPORT_PDF,
              Action.PRINT_PREVIEW, Action.PRINT, Action.NOTICE, Action.CHART, Action.COPY, Action.RANK_ORDER,
              Action.PERIOD_INFO, Action.SCHEME, Action.UNITS, Action.LISTS, Action.COMPARE)
NEEDS_WRITABLE_FILE = (Action.PASTE, Action.CLEAR, Action.ADJUSTMENTS)
