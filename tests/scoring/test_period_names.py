"""Period titles: the dates they name, the period after the open one, titles that contradict dates."""

from __future__ import annotations

from datetime import date

import pytest

from scoring.model import PeriodInfo
from scoring.period_names import dates_disagree, next_period, span_of

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("title", "kind", "start", "end"),
    [
        ("2023年7月", "month", date(2023, 7, 1), date(2023, 7, 31)),
        ("2024年2月份", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023年十二月", "month", date(2023, 12, 1), date(2023, 12, 31)),
        ("2023年第三季度", "quarter", date(2023, 7, 1), date(2023, 9, 30)),
        ("2023年第4季度", "quarter", date(2023, 10, 1), date(2023, 12, 31)),
        ("2023年上半年", "half", date(2023, 1, 1), date(2023, 6, 30)),
        ("2023年下半年", "half", date(2023, 7, 1), date(2023, 12, 31)),
        ("2023年度", "year", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023年1-6月", "range", date(2023, 1, 1), date(2023, 6, 30)),
        ("2023年1至9月", "range", date(2023, 1, 1), date(2023, 9, 30)),
    ],
)
def test_a_title_names_its_dates(title, kind, start, end) -> None:
    span = span_of(title)
    assert span is not None and (span.kind, span.start, span.end) == (kind, start, end)


@pytest.mark.parametrize("title", ["专项考核", "2023年13月", "2023年7-3月", "", "第三季度"])
def test_titles_that_name_no_dates(title) -> None:
    assert span_of(title) is None


@pytest.mark.parametrize(
    ("current", "title", "start", "end"),
    [
        (PeriodInfo("2023年上半年", date(2023, 1, 1), date(2023, 6, 30)), "2023年7月", date(2023, 7, 1), date(2023, 7, 31)),
        (PeriodInfo("2023年6月", date(2023, 6, 1), date(2023, 6, 30)), "2023年7月", date(2023, 7, 1), date(2023, 7, 31)),
        (PeriodInfo("2023年12月"), "2024年1月", date(2024, 1, 1), date(2024, 1, 31)),
        (PeriodInfo("2023年第四季度"), "2024年第一季度", date(2024, 1, 1), date(2024, 3, 31)),
        (PeriodInfo("2023年第二季度"), "2023年第三季度", date(2023, 7, 1), date(2023, 9, 30)),
        (PeriodInfo("2023年度"), "2024年度", date(2024, 1, 1), date(2024, 12, 31)),
        (PeriodInfo("专项考核", date(2023, 3, 5), date(2023, 4, 20)), "2023年5月", date(2023, 5, 1), date(2023, 5, 31)),
        (PeriodInfo("专项考核"), "2026年11月", date(2026, 11, 1), date(2026, 11, 30)),
    ],
)
def test_the_period_after_the_open_one(current, title, start, end) -> None:
    proposed = next_period(current, TODAY)
    assert (proposed.title, proposed.start, proposed.end) == (title, start, end)


def test_a_title_that_contradicts_its_dates_is_named() -> None:
    assert dates_disagree(PeriodInfo("2023年7月", date(2023, 7, 1), date(2023, 7, 31))) == ""
    assert dates_disagree(PeriodInfo("专项考核", date(2023, 7, 1), date(2023, 7, 9))) == ""
    warning = dates_disagree(PeriodInfo("2023年7月", date(2023, 6, 1), date(2023, 6, 30)))
    assert "2023年7月1日至2023年7月31日" in warning and "2023年6月1日至2023年6月30日" in warning
