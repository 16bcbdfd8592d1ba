"""The attachment table (附件) as rows of text: what every export and printout shows.

CSV, Excel, PDF, print and the notice draft all take their rows from here, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from scoring.cells import ZERO, format_count, format_points
from scoring.model import FieldKey, ListKind, Period, notes_for
from scoring.standings import Standings

SUBMITTED_HEADER = "报送条目"
ADOPTED_HEADER = "采用条目"
ADJUSTMENT_HEADER = "加减分"
SCORE_HEADER = "得分"
RANK_HEADER = "排名"
RANK_CHANGE_HEADER = "排名变化"
UNIT_HEADER = "单位"
GROUP_HEADER = "分组"
CLASS_HEADER = "类别"
PASS_HEADER = "达标"
PERIOD_SCORE_HEADER = "本期得分"
TOTAL_SCORE_HEADER = "累计得分"
TOTAL_RANK_HEADER = "累计排名"
PASS_TEXT = {True: "是", False: "否", None: ""}


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
    events: tuple[str, ...] = ()  # one count per counted event (扣分/加分事项)
    category: str = ""  # 类别
    passed: bool | None = None  # 达标; None when no mark applies
    period_score: Decimal | None = None  # 本期得分 in an accumulated period
    results: tuple[str, ...] = ()  # the cells under result_headers(report); see result_cells

    @property
    def score_text(self) -> str:
        return format_points(self.score)

    @property
    def result_cells(self) -> tuple[str, ...]:
        """得分, 排名 (本期得分 first when accumulated, 达标 last when marked), as the report's headers say."""
        return self.results or (self.score_text, str(self.rank))

    @property
    def pass_text(self) -> str:
        return PASS_TEXT[self.passed]

    @property
    def period_score_text(self) -> str:
        return "" if self.period_score is None else format_points(self.period_score)

    @property
    def adjustment_text(self) -> str:
        return format_points(self.adjustment)


@dataclass(frozen=True, slots=True)
class ReportSection:
    group_id: int
    title: str  # the group's name, e.g. 一、市政府各部门
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True, slots=True)
class ScoreDetail:
    """One unit's score explained (see scoring.explain), for the 得分明细 sheet."""

    group: str
    unit: str
    text: str
    lines: tuple[tuple[str, str, Decimal], ...]


@dataclass(frozen=True, slots=True)
class Report:
    title: str  # e.g. 2023年上半年政务信息报送及采用情况
    channels: tuple[str, ...]
    sections: tuple[ReportSection, ...]
    notes: tuple[str, ...]
    cutoff: str  # e.g. 统计截止日期为2023年6月30日, or ''
    has_rank_change: bool = False  # compared with an earlier period: exports add a 排名变化 column
    events: tuple[str, ...] = ()  # counted events, shown after 采用条目
    has_pass: bool = False  # a 达标 column after 排名
    accumulated: bool = False  # 本期得分, 累计得分, 累计排名 instead of 得分, 排名
    has_category: bool = False  # some unit has a 类别 (the CSV carries it, for reading back)
    details: tuple[ScoreDetail, ...] = ()  # every score explained; the Excel export adds a 得分明细 sheet

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
    details: bool | None = None,
) -> Report:
    """Rows of the chosen groups (all by default), active units in rank order within each group.

    ``rank_changes`` (see :func:`scoring.periods.rank_changes`) fills each row's 排名变化 and
    makes the report carry that column. ``details`` adds every score explained (得分明细); by
    default only when the scheme has events or rules or the period is accumulated.
    """
    from scoring.explain import explain

    if details is None:
        details = bool(period.sources or period.scheme.events or not period.scheme.rules.empty)
    explained: list[ScoreDetail] = []
    wanted = set(group_ids) if group_ids is not None else None
    sections: list[ReportSection] = []
    has_pass = period.scheme.rules.pass_mark is not None or any(
        score.passed is not None for source in period.sources for score in source.scores.values()
    )
    channels = period.scheme.channels
    events = period.scheme.events
    commended = standings.listed(ListKind.COMMEND)
    criticised = standings.listed(ListKind.CRITICISE)
    for group in period.groups:
        if wanted is not None and group.id not in wanted:
            continue
        rows = []
        for unit_id in standings.in_rank_order(group.id):
            tally = period.tallies[unit_id]
            score, rank, passed = standings.score(unit_id), standings.rank(unit_id) or 0, standings.passed(unit_id)
            period_score = standings.period_score(unit_id) if period.sources else None
            results: tuple[str, ...] = (format_points(score), str(rank))
            if period.sources:
                results = ("" if period_score is None else format_points(period_score), *results)
            if has_pass:
                results = (*results, PASS_TEXT[passed])
            rows.append(
                ReportRow(
                    unit_id=unit_id,
                    unit=period.units[unit_id].name,
                    adoptions=tuple(format_count(tally.adoptions.get(c.id, ZERO)) for c in channels),
                    submitted=tally.submitted,
                    adopted=tally.adopted,
                    adjustment=period.adjustment_total(unit_id),
                    score=score,
                    rank=rank,
                    commended=unit_id in commended,
                    criticised=unit_id in criticised,
                    rank_change=rank_changes.get(unit_id, "") if rank_changes is not None else "",
                    events=tuple(str(tally.events.get(e.id, 0)) for e in events),
                    category=period.units[unit_id].category,
                    passed=passed,
                    period_score=period_score,
                    results=results,
                )
            )
            if details:
                explanation = explain(period, unit_id)
                explained.append(ScoreDetail(group.name, period.units[unit_id].name, explanation.text, explanation.lines))
        sections.append(ReportSection(group.id, group.name, tuple(rows)))
    notes = tuple(f"{i}.{note}" for i, note in enumerate(notes_for(period.info.notes, period.scheme), start=1))
    channel_names = tuple(c.name for c in channels)
    return Report(
        report_title(period),
        channel_names,
        tuple(sections),
        notes,
        cutoff_sentence(period),
        has_rank_change=rank_changes is not None,
        events=tuple(e.name for e in events),
        has_pass=has_pass,
        accumulated=period.accumulated,
        has_category=any(unit.category for unit in period.units.values()),
        details=tuple(explained),
    )


# Columns the scheme adds to every export, in one place so that CSV, Excel, PDF and print agree:
# the counted events after 采用条目 (Report.events, ReportRow.events), and the results
# (本期得分 when accumulated, 得分, 排名, 达标 when marked: result_headers, ReportRow.result_cells).


def result_headers(report: Report) -> list[str]:
    """得分 and 排名 (累计得分 and 累计排名 after 本期得分 when accumulated), then 达标 if the scheme marks it."""
    if report.accumulated:
        headers = [PERIOD_SCORE_HEADER, TOTAL_SCORE_HEADER, TOTAL_RANK_HEADER]
    else:
        headers = [SCORE_HEADER, RANK_HEADER]
    return headers + ([PASS_HEADER] if report.has_pass else [])



# The grid's columns, from the scheme, so that the window shows what the exports do. Kinds:
# unit, tally (a channel id, 报送条目/采用条目 or an EventKey), adjustment, period_score (本期得分,
# accumulated only), score, rank, pass (达标, when the scheme marks it).
GridColumnSpec = tuple[str, str, FieldKey | None]


def grid_columns(period: Period) -> list[GridColumnSpec]:
    """(kind, header, key) of every grid column: 单位, channels, 报送条目, 采用条目, events, 加减分, results."""
    from scoring.model import ADOPTED, SUBMITTED, EventKey

    scheme = period.scheme
    columns: list[GridColumnSpec] = [("unit", UNIT_HEADER, None)]
    columns += [("tally", channel.name, channel.id) for channel in scheme.channels]
    columns += [("tally", SUBMITTED_HEADER, SUBMITTED), ("tally", ADOPTED_HEADER, ADOPTED)]
    columns += [("tally", event.name, EventKey(event.id)) for event in scheme.events]
    columns.append(("adjustment", ADJUSTMENT_HEADER, None))
    if period.sources:
        columns += [("period_score", PERIOD_SCORE_HEADER, None), ("score", TOTAL_SCORE_HEADER, None)]
        columns.append(("rank", TOTAL_RANK_HEADER, None))
    else:
        columns += [("score", SCORE_HEADER, None), ("rank", RANK_HEADER, None)]
    marked = scheme.rules.pass_mark is not None or any(
        score.passed is not None for source in period.sources for score in source.scores.values()
    )
    return columns + ([("pass", PASS_HEADER, None)] if marked else [])
