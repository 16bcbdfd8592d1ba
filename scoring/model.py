"""The period: groups, units, the scoring scheme, tallies, adjustments and overrides.

Plain data with no knowledge of files or screens. Identifiers are integers that the period
file keeps stable; order is the order of the lists.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from scoring.cells import ZERO, Count
from scoring.items import Item, ItemRules, Task
from scoring.rules import Rules

SUBMITTED = "submitted"
ADOPTED = "adopted"
ITEM_FIELDS = (SUBMITTED, ADOPTED)


@dataclass(frozen=True, slots=True, order=True)
class EventKey:
    """The tally field of a counted event (扣分事项/加分事项), e.g. 报送不及时."""

    event_id: int


# A tally field is a channel id (an adoption count), one of ITEM_FIELDS or an EventKey (whole numbers).
FieldKey = int | str | EventKey


class RankingMethod(enum.StrEnum):
    COMPETITION = "competition"  # 1, 2, 2, 4
    DENSE = "dense"  # 1, 2, 2, 3


class TieBreak(enum.StrEnum):
    SUBMITTED = "submitted"  # more items submitted ranks first
    ADOPTED = "adopted"  # more items adopted ranks first


class ListKind(enum.StrEnum):
    COMMEND = "commend"
    CRITICISE = "criticise"


RANKING_LABELS = {RankingMethod.COMPETITION: "并列占位（1,2,2,4）", RankingMethod.DENSE: "并列不占位（1,2,2,3）"}
TIE_BREAK_LABELS = {TieBreak.SUBMITTED: "报送条目多者在前", TieBreak.ADOPTED: "采用条目多者在前"}
STAR_REFUSED = "该渠道不计综合采用，不能填带*的数"  # see Channel.refusal
LIST_LABELS = {ListKind.COMMEND: "通报表扬", ListKind.CRITICISE: "通报批评"}


@dataclass(frozen=True, slots=True)
class Channel:
    """An adoption channel (采用渠道) and the points one adoption in it earns."""

    id: int
    name: str
    dedicated_points: Decimal
    combined_points: Decimal
    accepts_combined: bool = True

    def refusal(self, value: object) -> str | None:
        """Why this channel refuses ``value``: a starred count (``1*``) where 综合 is not counted; else None."""
        return STAR_REFUSED if isinstance(value, Count) and value.combined and not self.accepts_combined else None


@dataclass(frozen=True, slots=True)
class Event:
    """A counted event (扣分事项 or 加分事项) and the points each occurrence earns (negative: deducted)."""

    id: int
    name: str
    points: Decimal


@dataclass(frozen=True, slots=True)
class Scheme:
    """The scoring method (计分办法): data the user edits, stored in every period file.

    ``events`` and ``rules`` (unit-class quotas, rate rules, caps and floors, the 达标 mark; see
    :mod:`scoring.rules`) are empty in a linear scheme, which scores exactly as before.
    """

    channels: tuple[Channel, ...]
    submitted_points: Decimal = Decimal(0)
    adopted_points: Decimal = Decimal(0)
    tie_breaks: tuple[TieBreak, ...] = (TieBreak.SUBMITTED,)
    ranking: RankingMethod = RankingMethod.COMPETITION
    commend_count: int = 3
    criticise_count: int = 3
    name: str = ""
    events: tuple[Event, ...] = ()
    rules: Rules = field(default_factory=lambda: Rules())
    items: ItemRules | None = None  # item rules (按条目计分): scored from the ledger in ledger mode

    def event(self, event_id: int) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def channel(self, channel_id: int) -> Channel:
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        raise KeyError(channel_id)

    def channel_named(self, name: str) -> Channel | None:
        return next((c for c in self.channels if c.name == name), None)


@dataclass(frozen=True, slots=True)
class Group:
    """A group of units ranked together; counts of None use the scheme's defaults."""

    id: int
    name: str
    commend_count: int | None = None
    criticise_count: int | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    name: str
    group_id: int
    active: bool = True
    category: str = ""  # 类别 (unit class), e.g. 一类 or 乡镇; '' for none


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Points added or deducted (加减分) with the reason, e.g. an undelivered commissioned item."""

    points: Decimal
    reason: str

    @staticmethod
    def total(items: Iterable[Adjustment]) -> Decimal:
        """The sum of adjustments (加减分合计): what the grid's 加减分 column and every export show."""
        return sum((a.points for a in items), Decimal(0))


@dataclass(frozen=True, slots=True)
class Override:
    """A person's decision to include or exclude a unit from a list, with the reason."""

    include: bool
    reason: str


@dataclass(slots=True)
class Tally:
    """What one unit did in the period."""

    submitted: int = 0
    adopted: int = 0
    adoptions: dict[int, Count] = field(default_factory=dict)
    events: dict[int, int] = field(default_factory=dict)  # event id -> count (zero counts absent)
    item_points: Decimal | None = None  # ledger mode under item rules: the unit's points from its items

    def get(self, key: FieldKey) -> Count | int:
        if key == SUBMITTED:
            return self.submitted
        if key == ADOPTED:
            return self.adopted
        if isinstance(key, EventKey):
            return self.events.get(key.event_id, 0)
        return self.adoptions.get(key, ZERO) if isinstance(key, int) else ZERO

    def set(self, key: FieldKey, value: Count | int) -> None:
        """A channel (int key) takes a Count, every other field a whole number; a mix-up is a bug."""
        if isinstance(key, int):
            if not isinstance(value, Count):
                raise TypeError(f"channel {key} takes a Count, not {value!r}")
            if value == ZERO:
                self.adoptions.pop(key, None)
            else:
                self.adoptions[key] = value
            return
        if not isinstance(value, int):
            raise TypeError(f"tally field {key!r} takes a whole number, not {value!r}")
        if key == SUBMITTED:
            self.submitted = value
        elif key == ADOPTED:
            self.adopted = value
        elif isinstance(key, EventKey):
            if value:
                self.events[key.event_id] = value
            else:
                self.events.pop(key.event_id, None)

    def copy(self) -> Tally:
        return Tally(self.submitted, self.adopted, dict(self.adoptions), dict(self.events), self.item_points)


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    """Title (e.g. 2023年上半年), date range, statistics cut-off and notes under the table."""

    title: str
    start: date | None = None
    end: date | None = None
    cutoff: date | None = None
    notes: tuple[str, ...] = ()


TIE_NOTE_START = "得分相同的单位"


def tie_note(scheme: Scheme) -> str:
    """The note that says how ties are broken, worded as in the seed notice."""
    ties = "、".join(
        {TieBreak.SUBMITTED: "报送条目的数量", TieBreak.ADOPTED: "采用条目的数量"}[t] for t in scheme.tie_breaks
    )
    if not ties:
        return f"{TIE_NOTE_START}名次并列。"
    return f"{TIE_NOTE_START}，以{ties}依次先后排名。"


def notes_for(notes: tuple[str, ...], scheme: Scheme) -> tuple[str, ...]:
    """The notes as printed: a note on ties always says what the scheme does now (the scheme's tie
    rule may have changed since the note was written); every other note as the clerk wrote it."""
    return tuple(tie_note(scheme) if note.startswith(TIE_NOTE_START) else note for note in notes)


def default_notes(scheme: Scheme) -> tuple[str, ...]:
    """The notes printed under the attachment table, worded as in the seed notice."""
    return ("采用得分中，未标注“*”的为以专报计分报送采用，标注“*”为以综合计分报送采用。", tie_note(scheme))


@dataclass(frozen=True, slots=True)
class SourceScore:
    """A unit's score in one period added into an accumulated period, and whether it was 达标."""

    score: Decimal
    passed: bool | None = None  # None: that period's scheme sets no 达标 mark


@dataclass(frozen=True, slots=True)
class Source:
    """One period added into an accumulated period (累计): its name and every unit's score there."""

    label: str
    scores: dict[int, SourceScore]  # unit id in the accumulated period -> its score in this source


@dataclass(slots=True)
class Period:
    """Everything one period file holds, in memory.

    In ledger mode (``ledger``) ``tallies`` are computed from ``items`` (see
    :func:`scoring.item_rules.derive_tallies`) and the tallies typed before are kept in ``typed``.
    An accumulated period (累计) has ``sources``: its tallies are the sums of the sources'
    (shown, not edited) and a unit's score is the sum of its scores in the sources, each scored
    under its own file's scheme, plus the adjustments made in the accumulated period itself.
    """

    info: PeriodInfo
    scheme: Scheme
    groups: list[Group]
    units: dict[int, Unit]  # in display order (group order is given by ``groups``)
    tallies: dict[int, Tally] = field(default_factory=dict)
    adjustments: dict[int, tuple[Adjustment, ...]] = field(default_factory=dict)
    overrides: dict[tuple[int, ListKind], Override] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    items: dict[int, Item] = field(default_factory=dict)  # the item ledger, by id
    tasks: dict[int, Task] = field(default_factory=dict)  # 约稿 tasks, by id
    ledger: bool = False  # ledger mode: tallies are computed from the items (scoring.item_rules)
    typed: dict[int, Tally] = field(default_factory=dict)  # in ledger mode: the typed tallies, kept aside

    @property
    def accumulated(self) -> bool:
        return bool(self.sources)

    def __post_init__(self) -> None:
        if not isinstance(self.units, dict):
            self.units = {unit.id: unit for unit in self.units}
        for unit_id in self.units:
            self.tallies.setdefault(unit_id, Tally())

    def unit(self, unit_id: int) -> Unit:
        return self.units[unit_id]

    def group(self, group_id: int) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def units_in(self, group_id: int) -> list[Unit]:
        return [unit for unit in self.units.values() if unit.group_id == group_id]

    def adjustment_total(self, unit_id: int) -> Decimal:
        return Adjustment.total(self.adjustments.get(unit_id, ()))

    def emptied(self, info: PeriodInfo) -> Period:
        """A new period with the same groups, units and scheme and no tallies (新建期间)."""
        return Period(
            info=info,
            scheme=self.scheme,
            groups=list(self.groups),
            units=dict(self.units),
            ledger=self.ledger,
        )
