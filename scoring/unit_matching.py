"""Which unit is which: a table against a period (导入表格), periods against each other (累计,
对比上期).

A unit keeps its identity when it is renamed (单位管理 keeps the old name, 曾用名, in the file's
history) or moved to another group. A name is looked up in this order:

1. the same name, or the same but for white space and full-width/half-width forms — sure;
2. through the rename history, either way — sure: the name looked up is a former name of a
   unit (the table or the earlier file still says 市农业局, the unit is now 市农业农村局), or a
   unit's name is a former name of the name looked up (the later file renamed it);
3. the same name but for a leading 市 — doubtful, a person confirms it.

Several equally good candidates are ambiguous and none is taken. What no rule matches a person
may match by hand in the previews; the callers take such a choice before looking anything up
(:class:`scoring.names.MatchKind` ``MANUAL``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from scoring.audit import UNIT_ADD as ADDED
from scoring.audit import UNIT_RENAME as RENAMED
from scoring.model import Period, Unit
from scoring.names import Found, MatchKind, NameIndex, spacing_key
from scoring.unit_history import AuditRow, former_names

_KIND_ORDER: dict[MatchKind | None, int] = {MatchKind.MANUAL: 0, MatchKind.EXACT: 1, MatchKind.SPACING: 2, MatchKind.RENAMED: 3, MatchKind.DOUBTFUL: 4}
Aliases = Mapping[int, Sequence[str]]  # unit id -> its former names (曾用名), most recent first
NO_ALIASES: Aliases = {}


def aliases_from_log(period: Period, log: Sequence[AuditRow]) -> dict[int, tuple[str, ...]]:
    """Every unit's former names as the period file's history records them."""
    names_log = [row for row in log if row[2] in (RENAMED, ADDED)]  # a long log of edits is walked once
    if not any(row[2] == RENAMED for row in names_log):
        return {}
    aliases = {}
    for unit_id, unit in period.units.items():
        names = tuple(n.name for n in former_names(names_log, unit.name))
        if names:
            aliases[unit_id] = names
    return aliases


class UnitIndex:
    """Units found by a name (and that name's own former names) in the order of the module docstring."""

    def __init__(self, units: Iterable[Unit], former: Aliases = NO_ALIASES) -> None:
        self.units = list(units)
        self._strict = NameIndex(self.units, lambda u: u.name, loose=False)
        self._loose = NameIndex(self.units, lambda u: u.name)
        self._by_key: dict[str, list[Unit]] = {}
        self._by_former: dict[str, list[Unit]] = {}
        for unit in self.units:
            self._by_key.setdefault(spacing_key(unit.name), []).append(unit)
            for name in former.get(unit.id, ()):
                self._by_former.setdefault(spacing_key(name), []).append(unit)

    def find(self, name: str, former: Sequence[str] = ()) -> Found[Unit]:
        """The unit called ``name``; ``former`` are the looked-up unit's own former names."""
        found = self._strict.find(name)
        if found.item is not None or found.ambiguous:
            return found
        renamed = {id(u): u for u in self._by_former.get(spacing_key(name), [])}
        for old in former:
            renamed.update({id(u): u for u in self._by_key.get(spacing_key(old), [])})
        if len(renamed) == 1:
            return Found(next(iter(renamed.values())), MatchKind.RENAMED)
        if len(renamed) > 1:
            return Found(None, None, tuple(renamed.values()))
        return self._loose.find(name)


def match_period(
    current: Period, earlier: Period, current_former: Aliases = NO_ALIASES, earlier_former: Aliases = NO_ALIASES
) -> dict[int, Unit | None]:
    """Each active unit of ``current`` and the active unit of ``earlier`` that is the same unit.

    Looked up across all groups (a unit moved to another group is still itself); when a name
    is ambiguous across groups, the group of the same name decides. Each earlier unit is taken
    once, sure matches before doubtful ones.
    """
    active = [u for u in earlier.units.values() if u.active]
    index = UnitIndex(active, earlier_former)
    by_group: dict[str, UnitIndex] = {}
    looked_up: dict[int, Found[Unit]] = {}
    for unit in current.units.values():
        if not unit.active:
            continue
        found = index.find(unit.name, current_former.get(unit.id, ()))
        if found.ambiguous:
            group = spacing_key(current.group(unit.group_id).name)
            if group not in by_group:
                same = [u for u in active if spacing_key(earlier.group(u.group_id).name) == group]
                by_group[group] = UnitIndex(same, earlier_former)
            found = by_group[group].find(unit.name, current_former.get(unit.id, ()))
        looked_up[unit.id] = found
    order = sorted(looked_up, key=lambda uid: looked_up[uid].kind is MatchKind.DOUBTFUL)
    taken: set[int] = set()
    matched: dict[int, Unit | None] = dict.fromkeys(current.units)
    for unit_id in order:
        item = looked_up[unit_id].item
        if item is not None and item.id not in taken:
            taken.add(item.id)
            matched[unit_id] = item
    return matched


def match_units(
    targets: Iterable[Unit], target_former: Aliases, units: Iterable[Unit], former: Aliases, by_hand: Mapping[int, Unit]
) -> dict[int, tuple[Unit, MatchKind]]:
    """``units`` (by id) matched to ``targets``: ``by_hand`` first, then sure matches before doubtful
    ones, each target taken once (累计: a later period's units to the accumulated ones)."""
    lookup = UnitIndex(targets, target_former)
    found: dict[int, tuple[Unit | None, MatchKind | None]] = {}
    for unit in units:
        if unit.id in by_hand:
            found[unit.id] = (by_hand[unit.id], MatchKind.MANUAL)
        else:
            result = lookup.find(unit.name, former.get(unit.id, ()))
            found[unit.id] = (result.item, result.kind)
    matched: dict[int, tuple[Unit, MatchKind]] = {}
    taken: set[int] = set()
    for unit_id in sorted(found, key=lambda u: _KIND_ORDER.get(found[u][1], 9)):
        target, kind = found[unit_id]
        if target is not None and kind is not None and target.id not in taken:
            taken.add(target.id)
            matched[unit_id] = (target, kind)
    return matched
