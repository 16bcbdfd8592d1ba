"""Turning a parsed attachment table into a new period.

Channels come from the table, with points taken from a template scheme by name (a channel the
template does not know gets 0 points and a warning). Every bad cell is reported with its row,
unit and column, and then nothing is built. A published 得分 column becomes a calibration
adjustment per unit (reason ``按公布得分校准``), so the period reproduces the published scores
while later edits still recompute.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from scoring.cells import CellError, Count, parse_count, parse_items, parse_points
from scoring.errors import EditError
from scoring.exchange.grid import ParsedTable
from scoring.exchange.headers import header_name
from scoring.model import Adjustment, Channel, Event, Group, Period, PeriodInfo, Scheme, Tally, Unit, default_notes
from scoring.names import TextKind, text_problem, tidy
from scoring.scheme_rules import rule_problems
from scoring.standings import Standings

CALIBRATION_REASON = "按公布得分校准"
IMPORTED_ADJUSTMENT_REASON = "导入的加减分"
DEFAULT_GROUP = "全部单位"
TITLE_SUFFIX = "政务信息报送及采用情况"
UNTITLED = "未命名期间"


@dataclass(slots=True)
class ImportResult:
    period: Period
    warnings: list[str] = field(default_factory=list)


def title_from_table(table: ParsedTable) -> str:
    title = table.title.removeprefix("附件").strip(" :：")
    return title.removesuffix(TITLE_SUFFIX) or title


def build_period(table: ParsedTable, template: Scheme, title: str | None = None) -> ImportResult:
    """Build a new period from ``table``; raise EditError listing every problem."""
    problems: list[str] = []
    warnings = list(table.skipped)
    columns, channel_warnings = _columns(table, template)
    channels = tuple(c for c in columns if isinstance(c, Channel))
    warnings += channel_warnings
    scheme = replace(template, channels=channels)
    scheme_problems = rule_problems(scheme)
    if scheme_problems:
        raise EditError([f"{table.source}按所选计分办法导入：{p}" for p in scheme_problems])
    groups: dict[str, Group] = {}
    units: dict[int, Unit] = {}
    tallies: dict[int, Tally] = {}
    adjustments: dict[int, tuple[Adjustment, ...]] = {}
    published: dict[int, tuple[int, Decimal | None, int | None]] = {}
    seen: dict[str, int] = {}
    if not table.rows:
        problems.append(f"{table.source}表格中没有单位数据")
    for row in table.rows:
        where = f"{table.source}第 {row.line} 行（{row.unit or '未填单位'}）"
        if not row.unit:
            problems.append(f"{where}：「单位」为空")
            continue
        if row.unit in seen:
            problems.append(f"{where}：单位与第 {seen[row.unit]} 行重复")
            continue
        seen[row.unit] = row.line
        group_name = row.group or DEFAULT_GROUP
        group = groups.setdefault(group_name, Group(len(groups) + 1, group_name))
        unit_id = len(units) + 1
        units[unit_id] = Unit(unit_id, row.unit, group.id, True, row.category)
        tally = Tally()
        for channel, text in zip(columns, row.adoptions, strict=True):
            if isinstance(channel, Event):  # a counted event column (扣分/加分事项) of the scheme
                try:
                    if number := parse_items(text):
                        tally.events[channel.id] = number
                except CellError as error:
                    problems.append(f"{where}「{channel.name}」：{error}")
                continue
            try:
                count = parse_count(text)
            except CellError as error:
                problems.append(f"{where}「{channel.name}」：{error}")
                continue
            if why := channel.refusal(count):
                problems.append(f"{where}「{channel.name}」：{why}")
            elif count != Count():
                tally.adoptions[channel.id] = count
        for label, text, attribute in (("报送条目", row.submitted, "submitted"), ("采用条目", row.adopted, "adopted")):
            try:
                setattr(tally, attribute, parse_items(text))
            except CellError as error:
                problems.append(f"{where}「{label}」：{error}")
        tallies[unit_id] = tally
        items: list[Adjustment] = []
        score = rank = None
        try:
            if row.adjustment:
                points = parse_points(row.adjustment)
                if points:
                    items.append(Adjustment(points, IMPORTED_ADJUSTMENT_REASON))
        except CellError as error:
            problems.append(f"{where}「加减分」：{error}")
        try:
            score = parse_points(row.score) if row.score else None
        except CellError as error:
            problems.append(f"{where}「得分」：{error}")
        try:
            rank = parse_items(row.rank) if row.rank else None
        except CellError as error:
            problems.append(f"{where}「排名」：{error}")
        if items:
            adjustments[unit_id] = tuple(items)
        published[unit_id] = (row.line, score, rank)
    title, title_problem = _title(table, title, warnings)
    if title_problem:
        problems.append(title_problem)
    if problems:
        raise EditError(problems)
    info = PeriodInfo(
        title=title,
        cutoff=table.cutoff,
        notes=tuple(table.notes) or default_notes(scheme),
    )
    period = Period(info, scheme, list(groups.values()), units, tallies, adjustments)
    warnings += _calibrate(period, published)
    return ImportResult(period, warnings)


def _title(table: ParsedTable, given: str | None, warnings: list[str]) -> tuple[str, str | None]:
    """The period title, and why a title the user gave cannot be used; a title read from the table
    that breaks the names rule is only a guess: it is replaced by 未命名期间, with a warning."""
    if given is not None and tidy(given):
        given = tidy(given)
        return given, text_problem(given, "期间名称", TextKind.TITLE)
    guessed = tidy(title_from_table(table))
    problem = text_problem(guessed, "表格标题", TextKind.TITLE)
    if problem:
        warnings.append(f"{problem}；期间名称暂定为“{UNTITLED}”，请在“期间信息”中修改")
        guessed = ""
    return guessed or UNTITLED, None


def _columns(table: ParsedTable, template: Scheme) -> tuple[list[Channel | Event], list[str]]:
    """The table's columns other than 单位, 报送条目…: the template's events by name, else channels."""
    channels: list[Channel | Event] = []
    warnings = []
    # headers are read folded to half-width (NFKC): 区级录用（政务党建） arrives as 区级录用(政务党建)
    events = {header_name(event.name): event for event in template.events}
    known_channels = {header_name(channel.name): channel for channel in template.channels}
    next_id = max((c.id for c in template.channels), default=0) + 1
    for name in table.channels:
        if header_name(name) in events:
            channels.append(events[header_name(name)])
            continue
        known = known_channels.get(header_name(name))
        if known is None:  # a fresh id; the template's channels keep theirs (its rules refer to them)
            warnings.append(f"采用渠道「{name}」不在计分办法中，分值暂设为 0，请在“计分办法”中设置")
            channels.append(Channel(next_id, name, Decimal(0), Decimal(0), True))
            next_id += 1
        else:
            channels.append(known)
    return channels, warnings


def _calibrate(period: Period, published: dict[int, tuple[int, Decimal | None, int | None]]) -> list[str]:
    """Add calibration adjustments for published scores; warn where published ranks differ."""
    standings = Standings(period)
    for unit_id, (_, score, _) in published.items():
        if score is None:
            continue
        difference = score - standings.score(unit_id)
        if difference:
            period.adjustments[unit_id] = period.adjustments.get(unit_id, ()) + (
                Adjustment(difference, CALIBRATION_REASON),
            )
    standings = Standings(period)
    warnings = []
    for unit_id, (line, _, rank) in published.items():
        computed = standings.rank(unit_id)
        if rank is not None and rank != computed:
            warnings.append(
                f"第 {line} 行（{period.units[unit_id].name}）：表中排名为 {rank}，按得分和同分规则计算为 {computed}"
            )
    return warnings
