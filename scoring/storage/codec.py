"""Reading a whole period from the tables, and the writes that change one part of it.

Only :mod:`scoring.storage` uses this module; everything else goes through
:class:`scoring.storage.period_file.PeriodFile`.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from decimal import Decimal

from scoring.audit import ACTION_LABELS
from scoring.cells import ZERO, Count
from scoring.model import (
    Adjustment,
    Channel,
    Event,
    Group,
    ListKind,
    Override,
    Period,
    PeriodInfo,
    RankingMethod,
    Scheme,
    Source,
    SourceScore,
    Tally,
    TieBreak,
    Unit,
)
from scoring.storage.item_codec import ItemWriter


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def load_period(conn: sqlite3.Connection) -> Period:
    info_rows = dict(conn.execute("SELECT key, value FROM period_info"))
    info = PeriodInfo(
        title=info_rows.get("title", ""),
        start=_date(info_rows.get("start")),
        end=_date(info_rows.get("end")),
        cutoff=_date(info_rows.get("cutoff")),
        notes=tuple(json.loads(info_rows.get("notes", "[]"))),
    )
    settings = dict(conn.execute("SELECT key, value FROM scheme_setting"))
    channels = tuple(
        Channel(cid, name, Decimal(dp), Decimal(cp), bool(acc))
        for cid, name, dp, cp, acc in conn.execute(
            "SELECT id, name, dedicated_points, combined_points, accepts_combined FROM channel ORDER BY position, id"
        )
    )
    from scoring.scheme_rules import rules_from_dict

    events = tuple(
        Event(eid, name, Decimal(points))
        for eid, name, points in conn.execute("SELECT id, name, points FROM event_column ORDER BY position, id")
    )
    rules = rules_from_dict(json.loads(settings.get("rules", "{}")), channels, events, "期间文件中的计分办法")
    item_rules = None
    if settings.get("item_rules"):
        from scoring.item_scheme import item_rules_from_dict

        item_rules = item_rules_from_dict(json.loads(settings["item_rules"]), "期间文件中的计分办法")
    scheme = Scheme(
        channels=channels,
        submitted_points=Decimal(settings.get("submitted_points", "0")),
        adopted_points=Decimal(settings.get("adopted_points", "0")),
        tie_breaks=tuple(TieBreak(t) for t in settings.get("tie_breaks", "submitted").split(",") if t),
        ranking=RankingMethod(settings.get("ranking", RankingMethod.COMPETITION)),
        commend_count=int(settings.get("commend_count", "3")),
        criticise_count=int(settings.get("criticise_count", "3")),
        name=settings.get("name", ""),
        events=events,
        rules=rules,
        items=item_rules,
    )
    groups = [
        Group(gid, name, commend, criticise)
        for gid, name, commend, criticise in conn.execute(
            "SELECT id, name, commend_count, criticise_count FROM unit_group ORDER BY position, id"
        )
    ]
    units = {
        uid: Unit(uid, name, gid, bool(active), category)
        for uid, name, gid, active, category in conn.execute(
            "SELECT unit.id, unit.name, unit.group_id, unit.active, unit.category FROM unit "
            "JOIN unit_group ON unit_group.id = unit.group_id "
            "ORDER BY unit_group.position, unit.position, unit.id"
        )
    }
    tallies = {uid: Tally() for uid in units}
    for uid, submitted, adopted in conn.execute("SELECT unit_id, submitted, adopted FROM tally"):
        tallies[uid].submitted, tallies[uid].adopted = submitted, adopted
    for uid, cid, dedicated, combined in conn.execute("SELECT unit_id, channel_id, dedicated, combined FROM adoption"):
        tallies[uid].adoptions[cid] = Count(dedicated, combined)
    for uid, eid, count in conn.execute("SELECT unit_id, event_id, count FROM event_count"):
        tallies[uid].events[eid] = count
    scores: dict[int, dict[int, SourceScore]] = {}
    for position, uid, score, passed in conn.execute("SELECT position, unit_id, score, passed FROM source_score"):
        scores.setdefault(position, {})[uid] = SourceScore(Decimal(score), None if passed is None else bool(passed))
    sources = tuple(
        Source(label, scores.get(position, {}))
        for position, label in conn.execute("SELECT position, label FROM accumulated_source ORDER BY position")
    )
    adjustments: dict[int, list[Adjustment]] = {}
    rows = conn.execute("SELECT unit_id, points, reason FROM adjustment ORDER BY unit_id, position")
    for uid, points, reason in rows:
        adjustments.setdefault(uid, []).append(Adjustment(Decimal(points), reason))
    overrides = {
        (uid, ListKind(kind)): Override(bool(include), reason)
        for uid, kind, include, reason in conn.execute("SELECT unit_id, list, include, reason FROM list_override")
    }
    period = Period(
        info=info,
        scheme=scheme,
        groups=groups,
        units=units,
        tallies=tallies,
        adjustments={uid: tuple(items) for uid, items in adjustments.items()},
        overrides=overrides,
        sources=sources,
    )
    from scoring.storage.item_codec import load_items

    load_items(conn, period, info_rows.get("ledger") == "1")
    return period


class PeriodWriter(ItemWriter):
    """The writes an edit makes, inside the transaction the caller holds."""

    def __init__(self, conn: sqlite3.Connection, user: str) -> None:
        self.conn = conn
        self.user = user
        self.at = datetime.now().astimezone().isoformat(timespec="seconds")

    def audit(self, action: str, target: str, old: str | None, new: str | None) -> None:
        """One entry of the log: ``action`` is a code of :mod:`scoring.audit`, never display text."""
        if action not in ACTION_LABELS:
            raise ValueError(f"unknown audit action code: {action}")  # a programming error, not a user's
        self.conn.execute(
            "INSERT INTO audit_log (at, user, action, target, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            (self.at, self.user, action, target, old, new),
        )

    def write_period(self, period: Period) -> None:
        """Write a whole period into empty tables."""
        self.set_info(period.info)
        self.set_scheme(period.scheme)
        for position, group in enumerate(period.groups):
            self.conn.execute(
                "INSERT INTO unit_group (id, name, position, commend_count, criticise_count) VALUES (?, ?, ?, ?, ?)",
                (group.id, group.name, position, group.commend_count, group.criticise_count),
            )
        self.set_units(list(period.units.values()))
        for unit_id, tally in (period.typed if period.ledger else period.tallies).items():
            self.set_items(unit_id, tally.submitted, tally.adopted)
            for channel_id, count in tally.adoptions.items():
                self.set_adoption(unit_id, channel_id, count)
            for event_id, number in tally.events.items():
                self.set_event_count(unit_id, event_id, number)
        for position, source in enumerate(period.sources):
            self.conn.execute("INSERT INTO accumulated_source (position, label) VALUES (?, ?)", (position, source.label))
            self.conn.executemany(
                "INSERT INTO source_score (position, unit_id, score, passed) VALUES (?, ?, ?, ?)",
                [
                    (position, uid, str(s.score), None if s.passed is None else int(s.passed))
                    for uid, s in source.scores.items()
                ],
            )
        for unit_id, items in period.adjustments.items():
            self.set_adjustments(unit_id, items)
        for (unit_id, kind), override in period.overrides.items():
            self.set_override(unit_id, kind, override)
        self.write_items(period)

    def set_info(self, info: PeriodInfo) -> None:
        values = {
            "title": info.title,
            "start": _iso(info.start),
            "end": _iso(info.end),
            "cutoff": _iso(info.cutoff),
            "notes": json.dumps(list(info.notes), ensure_ascii=False),
        }
        self.conn.executemany("INSERT OR REPLACE INTO period_info (key, value) VALUES (?, ?)", values.items())

    def set_scheme(self, scheme: Scheme) -> None:
        settings = {
            "submitted_points": str(scheme.submitted_points),
            "adopted_points": str(scheme.adopted_points),
            "tie_breaks": ",".join(scheme.tie_breaks),
            "ranking": str(scheme.ranking),
            "commend_count": str(scheme.commend_count),
            "criticise_count": str(scheme.criticise_count),
            "name": scheme.name,
        }
        from scoring.scheme_rules import rules_to_dict

        settings["rules"] = json.dumps(rules_to_dict(scheme), ensure_ascii=False)
        settings["item_rules"] = ""
        if scheme.items is not None:
            from scoring.item_scheme import item_rules_to_dict

            settings["item_rules"] = json.dumps(item_rules_to_dict(scheme.items), ensure_ascii=False)
        self.conn.executemany("INSERT OR REPLACE INTO scheme_setting (key, value) VALUES (?, ?)", settings.items())
        self._set_events(scheme.events)
        keep = [channel.id for channel in scheme.channels]
        self.conn.execute(
            f"DELETE FROM channel WHERE id NOT IN ({','.join('?' * len(keep))})", keep
        )
        # Names are unique: park every kept channel under a temporary name before renaming.
        self.conn.execute("UPDATE channel SET name = '#tmp#' || id")
        for position, ch in enumerate(scheme.channels):
            self.conn.execute(
                "INSERT INTO channel (id, name, position, dedicated_points, combined_points, accepts_combined) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "position = excluded.position, dedicated_points = excluded.dedicated_points, "
                "combined_points = excluded.combined_points, accepts_combined = excluded.accepts_combined",
                (ch.id, ch.name, position, str(ch.dedicated_points), str(ch.combined_points), int(ch.accepts_combined)),
            )

    def _set_events(self, events: tuple[Event, ...]) -> None:
        keep = [event.id for event in events]
        self.conn.execute(f"DELETE FROM event_column WHERE id NOT IN ({','.join('?' * len(keep))})", keep)
        self.conn.execute("UPDATE event_column SET name = '#tmp#' || id")
        for position, event in enumerate(events):
            self.conn.execute(
                "INSERT INTO event_column (id, name, position, points) VALUES (?, ?, ?, ?) ON CONFLICT (id) "
                "DO UPDATE SET name = excluded.name, position = excluded.position, points = excluded.points",
                (event.id, event.name, position, str(event.points)),
            )

    def set_event_count(self, unit_id: int, event_id: int, count: int) -> None:
        if count == 0:
            self.conn.execute("DELETE FROM event_count WHERE unit_id = ? AND event_id = ?", (unit_id, event_id))
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO event_count (unit_id, event_id, count) VALUES (?, ?, ?)",
                (unit_id, event_id, count),
            )

    def set_groups(self, groups: list[Group]) -> None:
        keep = [group.id for group in groups]
        self.conn.execute(f"DELETE FROM unit_group WHERE id NOT IN ({','.join('?' * len(keep))})", keep)
        self.conn.execute("UPDATE unit_group SET name = '#tmp#' || id")
        for position, group in enumerate(groups):
            self.conn.execute(
                "INSERT INTO unit_group (id, name, position, commend_count, criticise_count) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, "
                "commend_count = excluded.commend_count, criticise_count = excluded.criticise_count",
                (group.id, group.name, position, group.commend_count, group.criticise_count),
            )

    def set_units(self, units: list[Unit]) -> None:
        """Store units in this order (position counts within each group); names stay unique.
        Only the rows that change are written (each write also updates the content digest)."""
        stored = {row[0]: row[1:] for row in self.conn.execute(
            "SELECT id, name, group_id, position, active, category FROM unit"
        )}
        positions: dict[int, int] = {}
        rows = []
        for unit in units:
            position = positions.get(unit.group_id, 0)
            positions[unit.group_id] = position + 1
            rows.append((unit.id, unit.name, unit.group_id, position, int(unit.active), unit.category))
        changed = [row for row in rows if stored.get(row[0]) != row[1:]]
        # Names are unique: park every renamed unit under a temporary name before renaming.
        renamed = [(row[0],) for row in changed if row[0] in stored and stored[row[0]][0] != row[1]]
        self.conn.executemany("UPDATE unit SET name = '#tmp#' || id WHERE id = ?", renamed)
        self.conn.executemany(
            "INSERT INTO unit (id, name, group_id, position, active, category) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, group_id = excluded.group_id, "
            "position = excluded.position, active = excluded.active, category = excluded.category",
            changed,
        )
        self.conn.execute("INSERT OR IGNORE INTO tally (unit_id) SELECT id FROM unit")

    def delete_units(self, unit_ids: list[int]) -> None:
        self.conn.executemany("DELETE FROM unit WHERE id = ?", [(uid,) for uid in unit_ids])

    def set_items(self, unit_id: int, submitted: int, adopted: int) -> None:
        self.conn.execute(
            "INSERT INTO tally (unit_id, submitted, adopted) VALUES (?, ?, ?) ON CONFLICT (unit_id) "
            "DO UPDATE SET submitted = excluded.submitted, adopted = excluded.adopted",
            (unit_id, submitted, adopted),
        )

    def set_adoption(self, unit_id: int, channel_id: int, count: Count) -> None:
        if count == ZERO:
            self.conn.execute("DELETE FROM adoption WHERE unit_id = ? AND channel_id = ?", (unit_id, channel_id))
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO adoption (unit_id, channel_id, dedicated, combined) VALUES (?, ?, ?, ?)",
                (unit_id, channel_id, count.dedicated, count.combined),
            )

    def set_adjustments(self, unit_id: int, items: tuple[Adjustment, ...]) -> None:
        self.conn.execute("DELETE FROM adjustment WHERE unit_id = ?", (unit_id,))
        self.conn.executemany(
            "INSERT INTO adjustment (unit_id, position, points, reason) VALUES (?, ?, ?, ?)",
            [(unit_id, position, str(item.points), item.reason) for position, item in enumerate(items)],
        )

    def set_override(self, unit_id: int, kind: ListKind, override: Override | None) -> None:
        if override is None:
            self.conn.execute("DELETE FROM list_override WHERE unit_id = ? AND list = ?", (unit_id, str(kind)))
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO list_override (unit_id, list, include, reason) VALUES (?, ?, ?, ?)",
                (unit_id, str(kind), int(override.include), override.reason),
            )
