"""One wording per rule a clerk can break in an editor: the domain operations refuse with these
texts, and the dialogs check with the same functions before OK, so a refusal reads the same
whichever of them catches it.

Names (empty, repeated), channels (at least one), tie-break rules (no rule twice), reasons
(加减分, list overrides) and the period's information (title, dates, notes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from scoring.model import LIST_LABELS, TIE_BREAK_LABELS, Adjustment, ListKind, PeriodInfo, TieBreak
from scoring.names import TextKind, text_problem

NO_CHANNEL = "计分办法至少要有一个采用渠道"
NO_TITLE = "期间名称不能为空，请填写如“2023年7月”"
START_AFTER_END = "开始日期晚于结束日期"


def missing_name(what: str) -> str:
    """``what`` (e.g. 第 2 个采用渠道) has no name."""
    return f"{what}没有填写名称"


def repeated_names(names: Iterable[str], what: str) -> list[str]:
    """Every name given more than once (ignoring surrounding white space), e.g. 采用渠道「X」重名."""
    counts = Counter(name.strip() for name in names)
    return [f"{what}「{name}」重名" for name in sorted(counts) if name and counts[name] > 1]


def name_problems(names: Sequence[str], what: str, existing: Iterable[str] = ()) -> list[str]:
    """Empty names (by position: 第 2 个分组没有填写名称), new names that break the rule of
    :mod:`scoring.names` (names in ``existing`` were accepted before), and repeated names."""
    problems = [missing_name(f"第 {row} 个{what}") for row, name in enumerate(names, start=1) if not name.strip()]
    kept = set(existing)
    problems += [p for n in dict.fromkeys(names) if n.strip() and n not in kept and (p := text_problem(n, what))]
    return problems + repeated_names(names, what)


def channel_name_problems(names: Sequence[str], existing: Iterable[str] = ()) -> list[str]:
    """:func:`name_problems` of a scheme's channels, or that it has none."""
    return name_problems(names, "采用渠道", existing) if names else [NO_CHANNEL]


def tie_break_problems(ties: Sequence[TieBreak]) -> list[str]:
    """The same tie-break rule chosen twice."""
    repeated = [tie for tie, times in Counter(ties).items() if times > 1]
    return [f"同分规则重复：两次都选了「{TIE_BREAK_LABELS[tie]}」" for tie in repeated]


def missing_adjustment_reasons(numbers: Sequence[int], unit: str = "") -> str:
    """加减分 entries (numbered from 1) without a reason; ``unit`` names whose, when not evident."""
    return f"{unit + '：' if unit else ''}第 {'、'.join(map(str, numbers))} 条加减分没有填写理由"


def adjustment_problems(
    items: Sequence[Adjustment], unit: str = "", accepted: Iterable[str] = (), numbers: Sequence[int] | None = None
) -> list[str]:
    """加减分 entries without a reason, and new reasons that break the rule of :mod:`scoring.names`
    (reasons in ``accepted`` were accepted before). Entries are numbered from 1, or by ``numbers``
    (the rows a dialog shows them in)."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(items) + 1))
    missing = [number for number, item in zip(numbers, items, strict=True) if not item.reason.strip()]
    problems = [missing_adjustment_reasons(missing, unit)] if missing else []
    kept, where = set(accepted), f"{unit}：" if unit else ""
    for number, item in zip(numbers, items, strict=True):
        if item.reason not in kept and (wrong := text_problem(item.reason, f"{where}第 {number} 条加减分的理由", TextKind.TEXT)):
            problems.append(wrong)
    return problems


def missing_override_reason(who: str, kind: ListKind) -> str:
    """A unit (or units) put on or taken off a list without a reason."""
    return f"{who}：调整{LIST_LABELS[kind]}名单必须写明理由"


def info_problems(info: PeriodInfo, before: PeriodInfo | None = None) -> list[str]:
    """What is wrong with a period's title, dates and notes; text kept from ``before`` was accepted then."""
    kept = before or PeriodInfo("")
    problems = []
    if not info.title.strip():
        problems.append(NO_TITLE)
    elif info.title != kept.title and (wrong := text_problem(info.title, "期间名称", TextKind.TITLE)):
        problems.append(wrong)
    for number, note in enumerate(info.notes, start=1):
        if note not in kept.notes and (wrong := text_problem(note, f"第 {number} 条注", TextKind.TEXT)):
            problems.append(wrong)
    if info.start and info.end and info.start > info.end:
        problems.append(START_AFTER_END)
    return problems
