"""A unit's former names (曾用名), read back from the period file's audit log.

The log records every rename as (``unit.rename``, old name → new name); the storage reads an older
file's 单位改名 as that code too (:mod:`scoring.audit`). Names are unique at any
moment between changes, so walking the log backwards from a unit's current name follows its
renames; an added-unit entry (``unit.add``) under the name ends the walk (before that the name was not this
unit's). The log does not name units by id: if one change renamed unit X from A to B and
unit Y from B to C, Y's history would wrongly show A too (a rare, harmless confusion).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.audit import UNIT_ADD as ADDED
from scoring.audit import UNIT_RENAME as RENAMED

AuditRow = tuple[str, str, str, str, str | None, str | None]  # at, user, action code, target, old, new


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
