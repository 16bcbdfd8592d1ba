"""Every score explained: a unit's score as a sum of named parts, in words.

``explain(period, unit_id)`` gives, e.g. under 方法甲,
「基础分 6 − 报送不及时 3 − 少报 2 − 录用率 1 → 0；区级录用（政务党建） 1×10 + 市领导批示 1×20 → 30」
and the same parts as lines (名称, 计算, 得分) for the 得分明细 sheet. The points come from
:func:`scoring.evaluate.component_points`, the same function the score does, so the words
always add up to the score shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scoring.cells import format_points
from scoring.evaluate import combine, component_points, passes, quota_result
from scoring.model import Period, Scheme, Tally
from scoring.rules import ADOPTED_PART, ITEMS_PART, QUOTA_PART, RATE_PART, SUBMITTED_PART, part_id

MAX_ITEMS_IN_TEXT = 5  # items named in the one-line explanation (all are in the lines)


@dataclass(frozen=True, slots=True)
class Term:
    """One named part of a score: its label, how it came about (``1×20``) and its points."""

    label: str
    points: Decimal
    detail: str = ""  # '' → the points themselves are shown
    calc: str = ""  # the working for the 得分明细 sheet, e.g. 3 次 × -1

    def line(self) -> tuple[str, str, Decimal]:
        return self.label, self.calc or self.detail or format_points(self.points), self.points

    def text(self) -> str:
        return f"{self.label} {self.detail or format_points(abs(self.points))}"


@dataclass(frozen=True, slots=True)
class Explanation:
    text: str  # the whole score in one line
    lines: tuple[tuple[str, str, Decimal], ...]  # (名称, 计算, 得分) per part, then the total


def _times(count: int, points: Decimal) -> str:
    return str(count) if abs(points) == 1 else f"{count}×{format_points(abs(points))}"


def _terms(scheme: Scheme, part: str, value: Decimal, category: str, tally: Tally, items: str = "") -> list[Term]:
    """The words for one component (a quota may read as 月度基础分 10 + 多报 2)."""
    kind, number = part_id(part)
    if kind == "channel" and number is not None:
        channel = scheme.channel(number)
        count = tally.adoptions[channel.id]
        pieces = []
        if count.dedicated:
            pieces.append(f"{count.dedicated}×{format_points(channel.dedicated_points)}")
        if count.combined:
            pieces.append(f"{count.combined}*×{format_points(channel.combined_points)}")
        return [Term(channel.name, value, "+".join(pieces))]
    if kind == "event" and number is not None:
        event = scheme.event(number)
        times = tally.events[event.id]
        return [Term(event.name, value, _times(times, event.points), f"{times} 次 × {format_points(event.points)}")]
    if part == ITEMS_PART:
        return [Term("条目得分", value, f"{format_points(value)}{items}" if items else "", "各条目得分之和（见上）")]
    if part == SUBMITTED_PART:
        calc = f"{tally.submitted} 条 × {format_points(scheme.submitted_points)}"
        return [Term("报送条目", value, _times(tally.submitted, scheme.submitted_points), calc)]
    if part == ADOPTED_PART:
        calc = f"{tally.adopted} 条 × {format_points(scheme.adopted_points)}"
        return [Term("采用条目", value, _times(tally.adopted, scheme.adopted_points), calc)]
    if part == QUOTA_PART:
        rule, result = scheme.rules.quota, quota_result(scheme.rules, category, tally)
        assert rule is not None and result is not None
        terms = []
        name = result.unit_class.name
        if result.met and rule.met_points:
            terms.append(Term(rule.name, rule.met_points, "", f"「{name}」达到定额"))
        if result.missing and rule.missing_points:
            calc = f"「{name}」比定额少 {result.missing} 条 × {format_points(rule.missing_points)}"
            terms.append(Term("少报", result.missing * rule.missing_points, _times(result.missing, rule.missing_points), calc))
        if result.extra and rule.extra_points:
            calc = f"「{name}」比定额多 {result.extra} 条 × {format_points(rule.extra_points)}"
            terms.append(Term("多报", result.extra * rule.extra_points, _times(result.extra, rule.extra_points), calc))
        return terms
    if part == RATE_PART:
        from scoring.evaluate import rate_applies

        calc = f"采用 {tally.adopted} ÷ 报送 {tally.submitted} 低于 {{}}%"
        return [
            Term(r.name, r.points, "", calc.format(format_points(r.below_percent)))
            for r in scheme.rules.rates
            if rate_applies(r.below_percent, tally) and r.points
        ]
    return [Term(part, value)]


def _join(terms: list[Term], start: str = "") -> str:
    text = start
    for term in terms:
        sign = "−" if term.points < 0 else "+"
        if not text:
            text = term.text() if term.points >= 0 else f"− {term.text()}"
        else:
            text += f" {sign} {term.text()}"
    return text


def explain(period: Period, unit_id: int) -> Explanation:
    """The unit's score as a sum of named parts, in words and as lines."""
    unit, tally = period.units[unit_id], period.tallies[unit_id]
    adjustments = [Term(f"加减分（{a.reason}）", a.points) for a in period.adjustments.get(unit_id, ()) if a.points]
    lines: list[tuple[str, str, Decimal]] = []
    if period.sources:
        terms = [
            Term(source.label, source.scores[unit_id].score)
            for source in period.sources
            if unit_id in source.scores
        ]
        total = sum((t.points for t in terms + adjustments), Decimal(0))
        lines += [(t.label, "该期按其计分办法所得", t.points) for t in terms]
        lines += [(t.label, "", t.points) for t in adjustments]
        lines.append(("累计得分", "", total))
        body = _join(terms + adjustments) or "0"
        return Explanation(f"{body} → {format_points(total)}", tuple(lines))
    scheme = period.scheme
    points = component_points(scheme, unit.category, tally)
    items = ""
    if ITEMS_PART in points:  # ledger mode under item rules: list the items behind the points
        from scoring.item_rules import unit_item_lines

        item_lines = unit_item_lines(period, unit_id)
        lines += item_lines
        scored = [f"{title}{format_points(share)}" for title, _calc, share in item_lines if share]
        items = f"（{'、'.join(scored[:MAX_ITEMS_IN_TEXT])}{f' 等 {len(scored)} 条' if len(scored) > MAX_ITEMS_IN_TEXT else ''}）"
    limited, free, subtotal = combine(scheme.rules, points)
    total = subtotal + period.adjustment_total(unit_id)
    segments = []
    for result in limited:
        limit = result.limit
        terms = [t for part in limit.parts if part in points for t in _terms(scheme, part, points[part], unit.category, tally, items)]
        if not terms and not limit.base:
            continue
        start = f"{limit.name} {format_points(limit.base)}" if limit.base else f"{limit.name}："
        body = _join(terms, start) if limit.base else start + _join(terms)
        bound = ""
        if result.value != result.raw:
            if limit.cap is not None and result.value == limit.cap:
                bound = f"（上限 {format_points(limit.cap)}）"
            elif limit.floor is not None:
                bound = f"（下限 {format_points(limit.floor)}）"
        segments.append(f"{body} → {format_points(result.value)}{bound}")
        lines += [t.line() for t in terms]
        lines.append((limit.name, f"{format_points(limit.base)} 起计，{_bounds(limit.floor, limit.cap)}", result.value))
    free_terms = [t for part, value in free.items() for t in _terms(scheme, part, value, unit.category, tally, items)]
    free_terms += adjustments
    lines += [t.line() for t in free_terms]
    if free_terms:
        segments.append(f"{_join(free_terms)} → {format_points(total)}")
    elif len(segments) != 1:
        segments.append(f"合计 {format_points(total)}")
    verdict = passes(scheme, total)
    lines.append(("得分", "" if verdict is None else ("达标" if verdict else "不达标"), total))
    return Explanation("；".join(segments), tuple(lines))


def _bounds(floor: Decimal | None, cap: Decimal | None) -> str:
    parts = []
    if floor is not None:
        parts.append(f"最低 {format_points(floor)}")
    if cap is not None:
        parts.append(f"最高 {format_points(cap)}")
    return "，".join(parts) or "不设上下限"


def rules_summary(scheme: Scheme) -> list[str]:
    """The scheme's events and rules in short sentences (empty for a linear scheme)."""
    from scoring.scheme_rules import part_label

    rules = scheme.rules
    lines = [f"{e.name} 每次 {'+' if e.points > 0 else ''}{format_points(e.points)}" for e in scheme.events]
    for c in rules.classes:
        quotas = [f"{what}定额 {q}" for q, what in ((c.submitted_quota, "报送"), (c.adopted_quota, "采用")) if q is not None]
        lines.append(f"类别「{c.name}」{'、'.join(quotas) or '不设定额'}")
    if rules.quota is not None:
        q = rules.quota
        lines.append(
            f"达到定额 {q.name} {format_points(q.met_points)}，每少 1 条 {format_points(q.missing_points)}，"
            f"每多 1 条 {format_points(q.extra_points)}"
        )
    lines += [f"{r.name}：采用/报送低于 {format_points(r.below_percent)}% 得 {format_points(r.points)}" for r in rules.rates]
    for limit in rules.limits:
        parts = "、".join(part_label(scheme, p) for p in limit.parts)
        lines.append(f"{limit.name}：{format_points(limit.base)} 起计（{parts}），{_bounds(limit.floor, limit.cap)}")
    if rules.pass_mark is not None:
        lines.append(f"低于 {format_points(rules.pass_mark)} 分为不达标")
    return lines
