"""The sentences of a notice (通报) that follow from the period: who is commended, who is
criticised, and why a person departed from the ranking.

Worded as the seed notice words them, e.g. "对市发改委、市经信局；杨市街道、泰丰街道、王场镇予以
通报表扬，对信息工作靠后的……予以通报批评。" — units in rank order within each group,
groups separated by "；". The prose around them is the clerk's to write.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.model import LIST_LABELS, ListKind, Period
from scoring.report import report_title
from scoring.standings import Standings

_TRAILING = "。；;，,. "


def notice_title(period: Period) -> str:
    """关于2023年上半年政务信息报送及采用情况的通报"""
    return f"关于{report_title(period)}的通报"


def listed_by_group(period: Period, standings: Standings, kind: ListKind) -> list[list[str]]:
    """Names on the final list, in rank order within each group; groups with nobody listed are left out."""
    listed = standings.listed(kind)
    groups = []
    for group in period.groups:
        names = [period.units[u].name for u in standings.in_rank_order(group.id) if u in listed]
        if names:
            groups.append(names)
    return groups


def _join(groups: list[list[str]]) -> str:
    return "；".join("、".join(names) for names in groups)


def lists_sentence(period: Period, standings: Standings) -> str:
    """The sentence naming the commended and criticised units, or '' when both lists are empty."""
    commended = _join(listed_by_group(period, standings, ListKind.COMMEND))
    criticised = _join(listed_by_group(period, standings, ListKind.CRITICISE))
    if commended and criticised:
        return f"对{commended}予以通报表扬，对信息工作靠后的{criticised}予以通报批评。"
    if commended:
        return f"对{commended}予以通报表扬。"
    if criticised:
        return f"对信息工作靠后的{criticised}予以通报批评。"
    return ""


def basic_situation(period: Period, standings: Standings) -> str:
    """The paragraph under 一、基本情况."""
    summary = f"现对全市各地各部门{period.info.title}政务信息报送和采用情况进行汇总（见附件）。"
    lists = lists_sentence(period, standings)
    return summary + (f"经研究，决定{lists}" if lists else "本次不作通报表扬和通报批评。")


@dataclass(frozen=True, slots=True)
class ListDecision:
    """A unit a person put on a list or took off it, against the ranking's suggestion."""

    unit_id: int
    unit: str
    rank: int
    kind: ListKind
    include: bool
    reason: str

    def clause(self) -> str:
        """E.g. 市小龙虾产业发展促进中心（第3名）本次不予通报表扬，原因是报送有效信息条目偏少"""
        decision = f"{'予以' if self.include else '不予'}{LIST_LABELS[self.kind]}"
        reason = self.reason.strip().rstrip(_TRAILING)
        # A reason that already states the decision reads as the sentence itself, as in the seed notice.
        said = reason if decision in reason else f"本次{decision}，原因是{reason}"
        return f"{self.unit}（第{self.rank}名）{said}"


def list_decisions(period: Period, standings: Standings) -> list[ListDecision]:
    """Every departure from the suggestions that the final lists show, by group and rank."""
    decisions = []
    suggestions = {kind: standings.suggested(kind) for kind in ListKind}
    for group in period.groups:
        for unit_id in standings.in_rank_order(group.id):
            for kind in ListKind:
                override = period.overrides.get((unit_id, kind))
                if override is None:
                    continue
                suggested = unit_id in suggestions[kind]
                listed = standings.is_listed(unit_id, kind)
                if (override.include and listed and not suggested) or (not override.include and suggested and not listed):
                    rank = standings.rank(unit_id) or 0
                    name = period.units[unit_id].name
                    decisions.append(ListDecision(unit_id, name, rank, kind, override.include, override.reason))
    return decisions


def special_note(period: Period, standings: Standings) -> str:
    """The 特别说明 sentence, or '' when the lists follow the ranking exactly."""
    clauses = [decision.clause() for decision in list_decisions(period, standings)]
    return f"特别说明，{'；'.join(clauses)}。" if clauses else ""
