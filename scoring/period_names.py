"""Period titles and their dates: 2023年7月, 2023年第三季度, 2023年上半年, 2023年度, 2023年1—6月.

Used to propose the period after the open one (新建期间) and to warn when a title and its dates
disagree (a 7月 file dated 1 June to 30 June is a wrong notice waiting to happen).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from scoring.model import PeriodInfo

_QUARTER_NAMES = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_WORDS = {1: "一", 2: "二", 3: "三", 4: "四"}
_CHINESE_MONTHS = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
}
_YEAR = r"(?P<year>\d{4})\s*年"
_MONTH = r"(?P<{name}>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_PATTERNS = (
    ("range", re.compile(_YEAR + _MONTH.format(name="first") + r"\s*(?:月)?\s*(?:-|—|–|~|～|至|到)\s*"
                         + _MONTH.format(name="last") + r"\s*月")),
    ("month", re.compile(_YEAR + _MONTH.format(name="month") + r"\s*月(?:份)?")),
    ("quarter", re.compile(_YEAR + r"\s*第?\s*(?P<quarter>[一二三四1-4])\s*季度")),
    ("half", re.compile(_YEAR + r"\s*(?P<half>上|下)\s*半年")),
    ("year", re.compile(_YEAR + r"\s*(?:度|全年)?")),
)


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """What a title names: its kind (month, quarter, half, year, range) and first and last day."""

    kind: str
    start: date
    end: date


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _CHINESE_MONTHS[text]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def span_of(title: str) -> PeriodSpan | None:
    """The dates a title names, or None when it names none this module knows (e.g. 专项考核)."""
    text = title.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        year = int(match["year"])
        if not 1900 <= year <= 2999:
            return None
        if kind == "range":
            first, last = _month_number(match["first"]), _month_number(match["last"])
            if first > last:
                return None
            return PeriodSpan(kind, date(year, first, 1), _last_day(year, last))
        if kind == "month":
            month = _month_number(match["month"])
            return PeriodSpan(kind, date(year, month, 1), _last_day(year, month))
        if kind == "quarter":
            quarter = _QUARTER_NAMES[match["quarter"]]
            return PeriodSpan(kind, date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter))
        if kind == "half":
            first = 1 if match["half"] == "上" else 7
            return PeriodSpan(kind, date(year, first, 1), _last_day(year, first + 5))
        return PeriodSpan(kind, date(year, 1, 1), date(year, 12, 31))
    return None


def month_title(year: int, month: int) -> str:
    return f"{year}年{month}月"


def _month(year: int, month: int) -> PeriodInfo:
    return PeriodInfo(month_title(year, month), date(year, month, 1), _last_day(year, month))


def next_period(current: PeriodInfo, today: date) -> PeriodInfo:
    """The period a clerk most likely starts after ``current``: the next month, quarter or year of
    the same kind; after a half-year or a range of months, the month that follows it; when the open
    period names no dates, the current month."""
    span = span_of(current.title)
    end = span.end if span else current.end
    if end is None:
        return _month(today.year, today.month)
    if span is not None and span.kind == "quarter":
        year, quarter = (end.year + 1, 1) if end.month == 12 else (end.year, end.month // 3 + 1)
        return PeriodInfo(
            f"{year}年第{_QUARTER_WORDS[quarter]}季度", date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter)
        )
    if span is not None and span.kind == "year":
        return PeriodInfo(f"{end.year + 1}年度", date(end.year + 1, 1, 1), date(end.year + 1, 12, 31))
    return _month(end.year + 1, 1) if end.month == 12 else _month(end.year, end.month + 1)


def dates_disagree(info: PeriodInfo) -> str:
    """A warning when the title names other dates than the period's; empty when they agree or the
    title names no dates."""
    span = span_of(info.title)
    if span is None or info.start is None or info.end is None:
        return ""
    if (span.start, span.end) == (info.start, info.end):
        return ""
    return (
        f"期间名称「{info.title}」对应 {span.start.year}年{span.start.month}月{span.start.day}日至"
        f"{span.end.year}年{span.end.month}月{span.end.day}日，但起止日期是 "
        f"{info.start.year}年{info.start.month}月{info.start.day}日至{info.end.year}年{info.end.month}月{info.end.day}日。"
    )
