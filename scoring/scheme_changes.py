"""What a change of scoring scheme does to the period's data, said before it is applied.

A scheme loaded from a file knows nothing of this period's channel ids: channels are matched
by name so that their tallies stay, and the others get fresh ids. Channels that disappear
take their adoption counts with them (undo brings them back), so the user is told first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from scoring.cells import format_points
from scoring.item_rules import derive_tallies
from scoring.model import Channel, Event, Period, Scheme, Tally
from scoring.rules import channel_part, event_part
from scoring.standings import Standings
from scoring.structure_edits import next_id

_Numbered = TypeVar("_Numbered", Channel, Event)  # scheme items with an id and a name


def units_with_data(period: Period, channel_id: int) -> int:
    """How many units (active or not) have a non-zero adoption count in the channel."""
    return sum(1 for tally in period.tallies.values() if tally.adoptions.get(channel_id))


def match_channels(current: Scheme, loaded: Scheme) -> Scheme:
    """``loaded`` with the ids of ``current``'s channels and events of the same name; new names get
    fresh ids, and the loaded rules (limits name components by id) follow the new ids."""
    moved: dict[str, str] = {}

    def matched(items: tuple[_Numbered, ...], existing: tuple[_Numbered, ...], part: Callable[[int], str]) -> tuple[_Numbered, ...]:
        ids = {item.name: item.id for item in existing}
        next_free = next_id(existing)
        result = []
        for item in items:
            if item.name in ids:
                new_id = ids[item.name]
            else:
                new_id, next_free = next_free, next_free + 1
            moved[part(item.id)] = part(new_id)
            result.append(replace(item, id=new_id))
        return tuple(result)

    channels = matched(loaded.channels, current.channels, channel_part)
    events = matched(loaded.events, current.events, event_part)
    limits = tuple(replace(limit, parts=tuple(moved.get(p, p) for p in limit.parts)) for limit in loaded.rules.limits)
    return replace(loaded, channels=channels, events=events, rules=replace(loaded.rules, limits=limits))


@dataclass(frozen=True, slots=True)
class SchemeChange:
    """Channels kept, added and removed by replacing the period's scheme with another."""

    kept: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[tuple[str, int], ...]  # (channel name, units with data in it)
    added_events: tuple[str, ...] = ()
    removed_events: tuple[tuple[str, int], ...] = ()  # (event name, units with counts of it)
    rules: tuple[str, ...] = ()  # the new scheme's events and rules in words, if it has any

    @property
    def loses_data(self) -> bool:
        return any(count for _, count in self.removed + self.removed_events)

    def describe(self) -> list[str]:
        """One line per kind of change, in Chinese."""
        lines = []
        if self.kept:
            lines.append(f"保留 {len(self.kept)} 个采用渠道（已填的采用数不变）：{'、'.join(self.kept)}")
        if self.added:
            lines.append(f"新增 {len(self.added)} 个采用渠道：{'、'.join(self.added)}")
        for name, count in self.removed:
            data = f"，{count} 个单位在该渠道有采用数，将一并删除" if count else "（没有单位填过）"
            lines.append(f"删除采用渠道「{name}」{data}")
        if self.added_events:
            lines.append(f"新增 {len(self.added_events)} 个扣分/加分事项：{'、'.join(self.added_events)}")
        for name, count in self.removed_events:
            data = f"，{count} 个单位填了次数，将一并删除" if count else "（没有单位填过）"
            lines.append(f"删除扣分/加分事项「{name}」{data}")
        if self.rules:
            lines.append("计分规则：" + "；".join(self.rules))
        return lines


def compare_schemes(period: Period, new: Scheme) -> SchemeChange:
    """What replacing ``period.scheme`` with ``new`` (ids already matched) does to channels."""
    from scoring.explain import rules_summary

    old_ids = {channel.id for channel in period.scheme.channels}
    new_ids = {channel.id for channel in new.channels}
    old_events = {event.id for event in period.scheme.events}
    new_events = {event.id for event in new.events}
    return SchemeChange(
        kept=tuple(c.name for c in new.channels if c.id in old_ids),
        added=tuple(c.name for c in new.channels if c.id not in old_ids),
        removed=tuple(
            (c.name, units_with_data(period, c.id)) for c in period.scheme.channels if c.id not in new_ids
        ),
        added_events=tuple(e.name for e in new.events if e.id not in old_events),
        removed_events=tuple(
            (e.name, sum(1 for t in period.tallies.values() if t.events.get(e.id)))
            for e in period.scheme.events
            if e.id not in new_events
        ),
        rules=tuple(rules_summary(new)),
    )


def rank_preview(period: Period, new: Scheme) -> list[str]:
    """Units whose rank or score the new scheme (ids already matched) changes, in words, before it is applied.

    Scored on a copy: tallies of channels and events the new scheme drops are left out. In an
    accumulated period scores come from the periods added up, so only tie-breaks and ranking
    method can move ranks.
    """
    channels, events = {c.id for c in new.channels}, {e.id for e in new.events}
    tallies = {
        uid: Tally(
            t.submitted,
            t.adopted,
            {k: v for k, v in t.adoptions.items() if k in channels},
            {k: v for k, v in t.events.items() if k in events},
        )
        for uid, t in period.tallies.items()
    }
    trial = replace(period, scheme=new, tallies=tallies, groups=list(period.groups), units=dict(period.units))
    derive_tallies(trial)  # ledger mode: counts and item points under the new scheme
    before, after = Standings(period), Standings(trial)
    lines = []
    for group in period.groups:
        for unit_id in after.in_rank_order(group.id):
            old_rank, new_rank = before.rank(unit_id), after.rank(unit_id)
            old_score, new_score = before.score(unit_id), after.score(unit_id)
            if old_rank != new_rank:
                lines.append(
                    f"{period.units[unit_id].name}：第 {old_rank} 名 → 第 {new_rank} 名"
                    f"（得分 {format_points(old_score)} → {format_points(new_score)}）"
                )
    return lines
