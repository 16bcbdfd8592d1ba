"""What a change of scoring scheme does to the period's data, said before it is applied.

A scheme loaded from a file knows nothing of this period's channel ids: channels are matched
by name so that their tallies stay, and the others get fresh ids. Channels that disappear
take their adoption counts with them (undo brings them back), so the user is told first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scoring.model import Period, Scheme
from scoring.structure_edits import next_id


def units_with_data(period: Period, channel_id: int) -> int:
    """How many units (active or not) have a non-zero adoption count in the channel."""
    return sum(1 for tally in period.tallies.values() if tally.adoptions.get(channel_id))


def match_channels(current: Scheme, loaded: Scheme) -> Scheme:
    """``loaded`` with the ids of ``current``'s channels of the same name; new names get fresh ids."""
    ids = {channel.name: channel.id for channel in current.channels}
    next_free = next_id(current.channels)
    channels = []
    for channel in loaded.channels:
        if channel.name in ids:
            channels.append(replace(channel, id=ids[channel.name]))
        else:
            channels.append(replace(channel, id=next_free))
            next_free += 1
    return replace(loaded, channels=tuple(channels))


@dataclass(frozen=True, slots=True)
class SchemeChange:
    """Channels kept, added and removed by replacing the period's scheme with another."""

    kept: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[tuple[str, int], ...]  # (channel name, units with data in it)

    @property
    def loses_data(self) -> bool:
        return any(count for _, count in self.removed)

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
        return lines


def compare_schemes(period: Period, new: Scheme) -> SchemeChange:
    """What replacing ``period.scheme`` with ``new`` (ids already matched) does to channels."""
    old_ids = {channel.id for channel in period.scheme.channels}
    new_ids = {channel.id for channel in new.channels}
    return SchemeChange(
        kept=tuple(c.name for c in new.channels if c.id in old_ids),
        added=tuple(c.name for c in new.channels if c.id not in old_ids),
        removed=tuple(
            (c.name, units_with_data(period, c.id)) for c in period.scheme.channels if c.id not in new_ids
        ),
    )
