"""The attachment table (附件) as rows of text: what every export and printout shows.

CSV, Excel, PDF, print and the notice draft all take their rows from here, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from scoring.cells import format_count, format_points
from scoring.model import ListKind, Period
from scoring.standings import Standings

SUBMITTED_HEADER = "报送条目"
ADOPTED_HEADER = "采用条目"
ADJUSTMENT_HEADER = "加减分"
SCORE_HEADER = "得分"
RANK_HEADER = "排名"
RANK_CHANGE_HEADER = "排名变化"
UNIT_HEADER = "单位"
GROUP_HEADER = "分组"


@dataclass(frozen=True, slots=True)
class ReportRow:
    unit_id: int
    unit: str
    adoptions: tuple[str, ...]  # one written cell per channel, e.g. "5+1*"
    submitted: int
    adopted: int
    adjustment: Decimal
    score: Decimal
    rank: int
    commended: bool
    criticised: bool
    rank_change: str = ""  # e.g. ↑3, ↓2, —, 新 when compared with an earlier period; '' otherwise

    @property
    def score_text(self) -> str:
        return format_points(self.score)

    @property
    def adjustment_text(self) -> str:
        return format_points(self.adjustment)


@dataclass(frozen=True, slots=True)
class ReportSection:
    group_id: int
    title: str  # the group's name, e.g. 一、市政府各部门
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True, slots=True)
class Report:
    title: str  # e.g. 2023年上半年政务信息报送及采用情况
    channels: tuple[str, ...]
    sections: tuple[ReportSection, ...]
    notes: tuple[str, ...]
    cutoff: str  # e.g. 统计截止日期为2023年6月30日, or ''
    has_rank_change: bool = False  # compared with an earlier period: exports add a 排名变化 column

    def all_rows(self) -> list[ReportRow]:
        return [row for section in self.sections for row in section.rows]


def report_title(period: Period) -> str:
    return f"{period.info.title}政务信息报送及采用情况"


def cutoff_sentence(period: Period) -> str:
    cutoff = period.info.cutoff
    return f"统计截止日期为{cutoff.year}年{cutoff.month}月{cutoff.day}日" if cutoff else ""


def build_report(
    period: Period,
    standings: Standings,
    group_ids: Iterable[int] | None = None,
    rank_changes: Mapping[int, str] | None = None,
) -> Report:
    """Rows of the chosen groups (all by default), active units in rank order within each group.

    ``rank_changes`` (see :func:`scoring.periods.rank_changes`) fills each row's 排名变化 and
    makes the report carry that column.
    """
    wanted = set(group_ids) if group_ids is not None else None
    sections = []
    channels = period.scheme.channels
    commended = standings.listed(ListKind.COMMEND)
    criticised = standings.listed(ListKind.CRITICISE)
    for group in period.groups:
        if wanted is not None and group.id not in wanted:
            continue
        rows = []
        for unit_id in standings.in_rank_order(group.id):
            tally = period.tallies[unit_id]
            rows.append(
                ReportRow(
                    unit_id=unit_id,
                    unit=period.units[unit_id].name,
                    adoptions=tuple(format_count(tally.get(c.id)) for c in channels),  # type: ignore[arg-type]
                    submitted=tally.submitted,
                    adopted=tally.adopted,
                    adjustment=period.adjustment_total(unit_id),
                    score=standings.score(unit_id),
                    rank=standings.rank(unit_id) or 0,
                    commended=unit_id in commended,
                    criticised=unit_id in criticised,
                    rank_change=rank_changes.get(unit_id, "") if rank_changes is not None else "",
                )
            )
        sections.append(ReportSection(group.id, group.name, tuple(rows)))
    notes = tuple(f"{i}.{note}" for i, note in enumerate(period.info.notes, start=1))
    channel_names = tuple(c.name for c in channels)
    return Report(
        report_title(period),
        channel_names,
        tuple(sections),
        notes,
        cutoff_sentence(period),
        has_rank_change=rank_changes is not None,
    )
