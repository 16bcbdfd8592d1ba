"""A unit's former names (曾用名), read back from the period file's audit log.

The log records every rename as (单位改名, old name → new name). Names are unique at any
moment between changes, so walking the log backwards from a unit's current name follows its
renames; an 添加单位 entry under the name ends the walk (before that the name was not this
unit's). The log does not name units by id: if one change renamed unit X from A to B and
unit Y from B to C, Y's history would wrongly show A too (a rare, harmless confusion).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RENAMED = "单位改名"
ADDED = "添加单位"

AuditRow = tuple[str, str, str, str, str | None, str | None]  # at, user, action, target, old, new


@dataclass(frozen=True, slots=True)
class FormerName:
    name: str
    until: str  # when it was renamed (the log's timestamp)
    user: str


def former_names(log: Sequence[AuditRow], current_name: str) -> list[FormerName]:
    """The unit's earlier names, most recent first."""
    names: list[FormerName] = []
    head = current_name
    for at, user, action, target, old, new in reversed(log):
        if action == ADDED and target == head:
            break
        if action == RENAMED and new == head and old:
            names.append(FormerName(old, at, user))
            head = old
    return names


def describe_former_names(names: Sequence[FormerName]) -> str:
    """E.g. 市农业局（2024-03-05 改名）、市农业农村局（…）."""
    return "、".join(f"{n.name}（{n.until[:10]} 改名）" for n in names)
