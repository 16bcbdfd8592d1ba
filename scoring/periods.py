"""Across periods: adding months into a half-year or a year (累计) and rank changes (对比上期).

Accumulating scores each period under its own file's scheme and sums the scores, so a monthly
cap or quota base applies month by month and a mid-year change of points stays right. The
accumulated period keeps every unit's score in every source (``Period.sources``); its tallies
are the sums of the sources' tallies, shown and used for tie-breaks but not edited (an edit
belongs in the source file, then accumulate again); its own 加减分 are added on top.

Units are matched as :mod:`scoring.unit_matching` does (by name, through the rename history
either way, then ignoring a leading 市; a unit moved to another group stays itself), or as a
person matched them by hand in the preview; channels and groups by name without the 市 rule.
The sums are plain dictionaries of exact counts and decimals: for a few periods of a few
hundred units that is simpler and faster than building data frames.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from scoring.cells import MAX_COUNT, ZERO, CellError
from scoring.errors import EditError
from scoring.model import Channel, Event, Group, Period, PeriodInfo, Source, SourceScore, Tally, Unit
from scoring.names import MatchKind, NameIndex, spacing_key
from scoring.period_names import span_of
from scoring.report import RANK_CHANGE_HEADER  # noqa: F401 - re-exported for callers
from scoring.standings import Standings
from scoring.unit_matching import NO_ALIASES, Aliases, aliases_from_log, match_period, match_units

RANK_UP, RANK_DOWN, RANK_SAME, RANK_NEW, RANK_MOVED = "↑", "↓", "—", "新", "转组"
_KIND_NOTES: dict[MatchKind | None, str] = {MatchKind.RENAMED: "（按曾用名对应）", MatchKind.MANUAL: "（人工对应）"}
Manual = Mapping[tuple[int, str], str]  # (period index, unit name there) -> the accumulated unit's name


@dataclass(frozen=True, slots=True)
class MissingUnit:
    name: str
    group: str
    missing_from: tuple[str, ...]  # the sources (file names) that do not have the unit


@dataclass(frozen=True, slots=True)
class MissingChannel:
    name: str
    missing_from: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A unit of a later period that no rule matched, or a person matched: offered for matching by hand."""

    index: int  # the period's position in the list
    source: str
    name: str
    group: str
    candidates: tuple[str, ...]  # accumulated units that period lacks (and those chosen by hand)
    chosen: str | None = None


@dataclass(slots=True)
class AccumulateReport:
    """What did not line up between the periods added together."""

    sources: list[str]
    missing_units: list[MissingUnit] = field(default_factory=list)
    missing_channels: list[MissingChannel] = field(default_factory=list)
    merged_names: list[str] = field(default_factory=list)  # units matched by a name not exactly the same
    other_notes: list[str] = field(default_factory=list)  # different schemes, units in another group
    unmatched: list[Unmatched] = field(default_factory=list)  # to match by hand in the preview

    @property
    def clean(self) -> bool:
        return not (self.missing_units or self.missing_channels or self.merged_names or self.other_notes)

    def lines(self) -> list[str]:
        """The report in sentences for the user, one per line."""
        lines = [f"单位「{m.name}」（{m.group}）不在{_list(m.missing_from)}中" for m in self.missing_units]
        lines += [f"采用渠道「{m.name}」不在{_list(m.missing_from)}中" for m in self.missing_channels]
        return lines + self.merged_names + self.other_notes


@dataclass(slots=True)
class AccumulateResult:
    period: Period
    report: AccumulateReport


def _list(sources: Sequence[str]) -> str:
    return "、".join(f"「{s}」" for s in sources)


def default_info(periods: Sequence[Period]) -> PeriodInfo:
    """Title ``A至B累计``, covering every period: from the earliest start to the latest end.

    A period without dates counts by what its title names (2023年8月: 8/1–8/31) or else by its
    统计截止日期 (the end, and the first of that month as the start). Notes of the first period.
    """
    first, last = periods[0].info, periods[-1].info
    title = first.title if len(periods) == 1 or first.title == last.title else f"{first.title}至{last.title}"
    starts, ends = [], []
    for period in periods:
        info, span = period.info, span_of(period.info.title)
        start = info.start or (span.start if span else None) or (info.cutoff.replace(day=1) if info.cutoff else None)
        end = info.end or (span.end if span else None) or info.cutoff
        starts += [start] if start else []
        ends += [end] if end else []
    cutoffs = [p.info.cutoff for p in periods if p.info.cutoff]
    return PeriodInfo(
        f"{title}累计", min(starts, default=None), max(ends, default=None), max(cutoffs, default=None), first.notes
    )


class _Sum:
    """The period being built: the first period's structure, grown by what later ones bring."""

    def __init__(self, first: Period, info: PeriodInfo) -> None:
        self.channels = list(first.scheme.channels)
        self.events = list(first.scheme.events)
        self.scheme = first.scheme
        self.groups = list(first.groups)
        self.units = dict(first.units)
        self.tallies = {uid: first.tallies[uid].copy() for uid in first.units}
        self.sources: list[Source] = []
        self.info = info

    def add_source(self, label: str, period: Period, unit_map: dict[int, int]) -> None:
        """Score ``period`` under its own scheme and keep each unit's score (and 达标)."""
        standings = Standings(period)
        scores = {
            unit_map[uid]: SourceScore(standings.score(uid), standings.passed(uid))
            for uid in period.units
            if uid in unit_map
        }
        self.sources.append(Source(period.info.title or label, scores))  # named as the clerk titled it

    def group_for(self, group: Group) -> int:
        found = NameIndex(self.groups, lambda g: g.name, loose=False).find(group.name).item
        if found is not None:
            return found.id
        new = Group(max((g.id for g in self.groups), default=0) + 1, group.name)
        self.groups.append(new)
        return new.id

    def add_unit(self, unit: Unit, group: Group) -> int:
        unit_id = max(self.units, default=0) + 1
        self.units[unit_id] = Unit(unit_id, unit.name, self.group_for(group), unit.active, unit.category)
        self.tallies[unit_id] = Tally()
        return unit_id

    def channel_for(self, channel: Channel) -> int:
        found = NameIndex(self.channels, lambda c: c.name, loose=False).find(channel.name).item
        if found is not None:
            return found.id
        new = replace(channel, id=max((c.id for c in self.channels), default=0) + 1)
        self.channels.append(new)
        return new.id

    def event_for(self, event: Event) -> int:
        found = NameIndex(self.events, lambda e: e.name, loose=False).find(event.name).item
        if found is not None:
            return found.id
        new = replace(event, id=max((e.id for e in self.events), default=0) + 1)
        self.events.append(new)
        return new.id

    def period(self) -> Period:
        scheme = replace(self.scheme, channels=tuple(self.channels), events=tuple(self.events))
        return Period(self.info, scheme, self.groups, self.units, self.tallies, sources=tuple(self.sources))


def accumulate(
    periods: Sequence[Period],
    info: PeriodInfo | None = None,
    sources: Sequence[str] | None = None,
    former: Sequence[Aliases] | None = None,
    manual: Manual | None = None,
) -> AccumulateResult:
    """A new accumulated period over ``periods``, unit by unit (see the module docstring).

    Each period is scored under its own scheme; a unit's accumulated score is the sum of its
    scores (see the module docstring) and its tallies are the sums of its tallies. Groups,
    channels and scheme come from the first period; a unit, channel or event found only in a
    later period is added (so no figure is lost) and reported. ``sources`` names the periods
    (file names); by default 第1个期间, 第2个期间, … ``former`` holds each period's former
    names (曾用名); a unit renamed in a later period takes its later name. ``manual`` holds the
    matches a person made (see :class:`Unmatched`).
    """
    if not periods:
        raise EditError(["没有选择要累计的期间"])
    labels = list(sources) if sources is not None else [f"第{i}个期间" for i in range(1, len(periods) + 1)]
    aliases = list(former) if former is not None else [NO_ALIASES] * len(periods)
    chosen_by_hand = dict(manual or {})
    total = _Sum(periods[0], info or default_info(periods))
    total_former: dict[int, tuple[str, ...]] = {uid: tuple(aliases[0].get(uid, ())) for uid in total.units}
    report = AccumulateReport(labels)
    present = {uid: {0} for uid in total.units}
    channel_present = {c.id: {0} for c in total.channels}
    total.add_source(labels[0], periods[0], {uid: uid for uid in periods[0].units})
    for index, period in enumerate(periods[1:], start=1):
        label = labels[index]
        if _scheme_key(period) != _scheme_key(periods[0]):
            report.other_notes.append(
                f"「{label}」的计分办法与「{labels[0]}」不同：各期按各自的计分办法计分，累计得分是各期得分之和"
            )
        channel_map = {c.id: total.channel_for(c) for c in period.scheme.channels}
        event_map = {e.id: total.event_for(e) for e in period.scheme.events}
        for channel_id in set(channel_map.values()):
            channel_present.setdefault(channel_id, set()).add(index)
        by_name = {unit.name: unit for unit in total.units.values()}
        by_hand = {u.id: by_name[n] for u in period.units.values() if (n := chosen_by_hand.get((index, u.name))) in by_name}
        matched = match_units(total.units.values(), total_former, period.units.values(), aliases[index], by_hand)
        taken = {target.id for target, _ in matched.values()}
        lacking = tuple(u.name for u in total.units.values() if u.id not in taken)  # offered to match by hand
        unit_map: dict[int, int] = {}
        offered: list[tuple[Unit, str, str | None]] = []  # (unit, its group, the name chosen by hand)
        for unit in period.units.values():
            group = period.group(unit.group_id)
            if unit.id in matched:
                target, kind = matched[unit.id]
                unit_id = target.id
                _note_match(total, total_former, report, label, unit, target, kind, group)
                if kind is MatchKind.MANUAL:
                    offered.append((unit, group.name, target.name))
            else:
                unit_id = total.add_unit(unit, group)
                total_former[unit_id] = tuple(aliases[index].get(unit.id, ()))
                offered.append((unit, group.name, None))
            unit_map[unit.id] = unit_id
            present.setdefault(unit_id, set()).add(index)
            _add_tally(total, unit_id, period.tallies[unit.id], channel_map, event_map, label)
        candidates = tuple(chosen for _, _, chosen in offered if chosen) + lacking  # one list for the whole file
        report.unmatched += [Unmatched(index, label, u.name, g, candidates, chosen) for u, g, chosen in offered]
        total.add_source(label, period, unit_map)
    everyone = set(range(len(periods)))
    for unit_id, unit in total.units.items():
        if present[unit_id] != everyone:
            group_name = next(g.name for g in total.groups if g.id == unit.group_id)
            missing = tuple(labels[i] for i in sorted(everyone - present[unit_id]))
            report.missing_units.append(MissingUnit(unit.name, group_name, missing))
    for channel in total.channels:
        if channel_present[channel.id] != everyone:
            missing = tuple(labels[i] for i in sorted(everyone - channel_present[channel.id]))
            report.missing_channels.append(MissingChannel(channel.name, missing))
    return AccumulateResult(total.period(), report)


def _note_match(
    total: _Sum, total_former: dict[int, tuple[str, ...]], report: AccumulateReport, label: str,
    unit: Unit, target: Unit, kind: MatchKind | None, group: Group,
) -> None:
    """Report a match that is not by the same name or group; a later name (改名) replaces the earlier one."""
    if kind is MatchKind.RENAMED and unit.name not in total_former.get(target.id, ()):
        total.units[target.id] = replace(target, name=unit.name)  # the later file renamed it: keep the new name
        total_former[target.id] = (target.name, *total_former.get(target.id, ()))
        report.merged_names.append(f"「{target.name}」在「{label}」中已改名为「{unit.name}」，按同一单位累计，用新名称")
    elif kind is not MatchKind.EXACT:
        report.merged_names.append(f"「{label}」中的「{unit.name}」按「{target.name}」累计{_KIND_NOTES.get(kind, '')}")
    target_group = next(g for g in total.groups if g.id == target.group_id)
    if spacing_key(target_group.name) != spacing_key(group.name):
        report.other_notes.append(
            f"「{target.name}」在「{label}」中属于「{group.name}」，累计期间中仍属于「{target_group.name}」"
        )


def _scheme_key(period: Period) -> object:
    scheme = period.scheme
    channels = tuple((c.name, c.dedicated_points, c.combined_points, c.accepts_combined) for c in scheme.channels)
    events = tuple((e.name, e.points) for e in scheme.events)
    return channels, events, scheme.rules, scheme.submitted_points, scheme.adopted_points, scheme.tie_breaks, scheme.ranking


def _add_tally(
    total: _Sum, unit_id: int, tally: Tally, channel_map: dict[int, int], event_map: dict[int, int], label: str
) -> None:
    into = total.tallies[unit_id]
    try:
        into.submitted = _checked(into.submitted + tally.submitted)
        into.adopted = _checked(into.adopted + tally.adopted)
        for channel_id, count in tally.adoptions.items():
            if channel_id in channel_map:
                key = channel_map[channel_id]
                into.set(key, into.adoptions.get(key, ZERO) + count)
        for event_id, number in tally.events.items():
            if event_id in event_map:
                key = event_map[event_id]
                into.events[key] = _checked(into.events.get(key, 0) + number)
    except CellError as error:
        raise EditError([f"累计到「{label}」时，单位「{total.units[unit_id].name}」：{error}"]) from None


def _checked(items: int) -> int:
    if items > MAX_COUNT:
        raise CellError(f"条目数累计后超过 {MAX_COUNT}")
    return items


def open_period(path: str | os.PathLike[str], why: str = "只读取") -> Period:
    """The period in a file, opened read-only and closed again."""
    return open_with_history(path, why)[0]


def open_with_history(path: str | os.PathLike[str], why: str = "只读取") -> tuple[Period, dict[int, tuple[str, ...]]]:
    """The period in a file and its units' former names (曾用名), read-only."""
    from scoring.document import PeriodDocument

    document = PeriodDocument.open(path, read_only=True, why=why)
    try:
        return document.period, aliases_from_log(document.period, document.file.audit_log())
    finally:
        document.close()


def accumulate_files(
    paths: Sequence[str | os.PathLike[str]], info: PeriodInfo | None = None, manual: Manual | None = None
) -> AccumulateResult:
    """Open each period file read-only and add them up (matching through each file's rename
    history and ``manual``); the report names the files."""
    opened = [open_with_history(path, "累计时只读取") for path in paths]
    periods, former = [period for period, _ in opened], [aliases for _, aliases in opened]
    return accumulate(periods, info, [Path(path).name for path in paths], former, manual)


@dataclass(frozen=True, slots=True)
class EarlierRank:
    """A unit's rank in the earlier period, and whether it was in another group there."""

    rank: int
    group: str
    moved: bool


def earlier_ranks(
    current: Period, earlier: Standings, current_former: Aliases = NO_ALIASES, earlier_former: Aliases = NO_ALIASES
) -> dict[int, EarlierRank | None]:
    """Each unit of ``current`` and its rank in ``earlier`` (None: not ranked there).

    The same unit is found by :func:`scoring.unit_matching.match_period`: by name, through the
    rename history either way, in any group. Computed once per comparison; a rank change of
    one unit is then :func:`rank_change_text` of its entry and its current rank.
    """
    before = earlier.period
    found: dict[int, EarlierRank | None] = {}
    for unit_id, match in match_period(current, before, current_former, earlier_former).items():
        rank = earlier.rank(match.id) if match is not None else None
        if match is None or rank is None:
            found[unit_id] = None
            continue
        group = before.group(match.group_id).name
        moved = spacing_key(group) != spacing_key(current.group(current.units[unit_id].group_id).name)
        found[unit_id] = EarlierRank(rank, group, moved)
    return found


def rank_changes(
    current: Standings, earlier: Standings, current_former: Aliases = NO_ALIASES, earlier_former: Aliases = NO_ALIASES
) -> dict[int, str]:
    """排名变化 of every ranked unit of ``current``: ``↑3``, ``↓2``, ``—`` (same), ``转组`` or ``新``.

    A unit moved to another group shows 转组 rather than a number: its ranks are among
    different units and cannot be compared; it is never 新. A unit not ranked in ``earlier``
    is 新.
    """
    changes: dict[int, str] = {}
    for unit_id, old in earlier_ranks(current.period, earlier, current_former, earlier_former).items():
        rank = current.rank(unit_id)
        if rank is not None:
            changes[unit_id] = rank_change_text(old, rank)
    return changes


def rank_change_text(earlier: EarlierRank | int | None, now: int) -> str:
    if earlier is None:
        return RANK_NEW
    if isinstance(earlier, EarlierRank):
        if earlier.moved:
            return RANK_MOVED
        earlier = earlier.rank
    if earlier > now:
        return f"{RANK_UP}{earlier - now}"
    if earlier < now:
        return f"{RANK_DOWN}{now - earlier}"
    return RANK_SAME


def open_standings(path: str | os.PathLike[str]) -> Standings:
    """Scores and ranks of a period file (e.g. the earlier period to compare with), read-only."""
    return Standings(open_period(path, "对比时只读取"))
