"""The actions of the period file's audit log (修改记录): a stable code in the file, a label for people.

Every change writes one entry per thing it changed: (time, user, action, target, old, new). The
action is stored as a code (``unit.rename``) so that rewording a label never changes what an older
file means; :mod:`scoring.unit_history` follows renames by the code to find former names (曾用名).
Files written before the codes hold the Chinese label itself; :func:`action_code` reads those too
(:data:`LEGACY_ACTIONS` is frozen: the texts old files hold, whatever the labels become). No schema
change: the column stays TEXT and the reader accepts both. Old and new values are readable text
(「2023年7月，2023-07-01 至 2023-07-31」), never a Python ``repr``.
"""

from __future__ import annotations

from typing import NamedTuple

TALLY_SET = "tally.set"
ADJUSTMENTS_SET = "adjustments.set"
LIST_OVERRIDE = "list.override"
INFO_SET = "period.info"
SCHEME_SET = "scheme.set"
GROUPS_SET = "groups.set"
UNIT_ADD = "unit.add"
UNIT_REMOVE = "unit.remove"
UNIT_RENAME = "unit.rename"
UNIT_MOVE = "unit.move"
UNIT_CATEGORY = "unit.category"
UNIT_DEACTIVATE = "unit.deactivate"
UNIT_ACTIVATE = "unit.activate"
UNITS_REORDER = "units.reorder"
FILE_CREATE = "file.create"
FILE_UPGRADE = "file.upgrade"
LEDGER_MODE = "ledger.mode"
ITEM_ADD = "item.add"
ITEM_CHANGE = "item.change"
ITEM_REMOVE = "item.remove"
TASK_ADD = "task.add"
TASK_CHANGE = "task.change"
TASK_REMOVE = "task.remove"

ACTION_LABELS = {  # code -> what a person reads; reword freely, the file keeps the code
    TALLY_SET: "修改",
    ADJUSTMENTS_SET: "修改加减分",
    LIST_OVERRIDE: "调整名单",
    INFO_SET: "修改期间信息",
    SCHEME_SET: "修改计分办法",
    GROUPS_SET: "修改分组",
    UNIT_ADD: "添加单位",
    UNIT_REMOVE: "删除单位",
    UNIT_RENAME: "单位改名",
    UNIT_MOVE: "移动单位",
    UNIT_CATEGORY: "修改单位类别",
    UNIT_DEACTIVATE: "停用单位",
    UNIT_ACTIVATE: "启用单位",
    UNITS_REORDER: "调整单位顺序",
    FILE_CREATE: "新建期间文件",
    FILE_UPGRADE: "升级文件格式",
    LEDGER_MODE: "切换填写方式",
    ITEM_ADD: "添加条目",
    ITEM_CHANGE: "修改条目",
    ITEM_REMOVE: "删除条目",
    TASK_ADD: "添加约稿",
    TASK_CHANGE: "修改约稿",
    TASK_REMOVE: "删除约稿",
}

LEGACY_ACTIONS = {  # the action texts files written before the codes hold -> code; never change these
    "修改": TALLY_SET,
    "修改加减分": ADJUSTMENTS_SET,
    "调整名单": LIST_OVERRIDE,
    "修改期间信息": INFO_SET,
    "修改计分办法": SCHEME_SET,
    "修改分组": GROUPS_SET,
    "添加单位": UNIT_ADD,
    "删除单位": UNIT_REMOVE,
    "单位改名": UNIT_RENAME,
    "移动单位": UNIT_MOVE,
    "修改单位类别": UNIT_CATEGORY,
    "停用单位": UNIT_DEACTIVATE,
    "启用单位": UNIT_ACTIVATE,
    "调整单位顺序": UNITS_REORDER,
    "新建期间文件": FILE_CREATE,
    "升级文件格式": FILE_UPGRADE,
    "切换填写方式": LEDGER_MODE,
    "添加条目": ITEM_ADD,
    "修改条目": ITEM_CHANGE,
    "删除条目": ITEM_REMOVE,
    "添加约稿": TASK_ADD,
    "修改约稿": TASK_CHANGE,
    "删除约稿": TASK_REMOVE,
}


def action_code(stored: str) -> str:
    """The code of an action as a file holds it: a code, or an older file's Chinese text.

    An action this program does not know (a newer program's) is kept as it is."""
    return LEGACY_ACTIONS.get(stored, stored)


def action_label(code: str) -> str:
    """The words for an action code, e.g. 单位改名; an unknown code is shown as stored."""
    return ACTION_LABELS.get(code, code)


class AuditEntry(NamedTuple):
    """One entry of the log as the storage reads it; ``action`` is always a code."""

    at: str
    user: str
    action: str
    target: str
    old: str | None
    new: str | None

    @property
    def label(self) -> str:
        return action_label(self.action)
