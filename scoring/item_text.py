"""An item's fields as the ledger shows and the clerk types them, and back.

单位 ``甲局、乙局``; 采用 ``市级采用专报、省级采用综合`` (专报 when the kind is left out); 批示
``市领导批示、省领导批示``; 标记 ``经转报、头版头条``; 报送日期 ``2026-01-05`` (also 2026/1/5,
2026年1月5日). A bad value raises EditError naming the item and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace

from scoring.errors import EditError
from scoring.exchange.headers import clean
from scoring.exchange.item_table import parse_date
from scoring.items import Instruction, Item, ItemAdoption
from scoring.model import Period

UNITS, TITLE, DATE, ADOPTIONS, INSTRUCTIONS, FLAGS = "units", "title", "date", "adoptions", "instructions", "flags"
FIELD_LABELS = {UNITS: "单位", TITLE: "标题", DATE: "报送日期", ADOPTIONS: "采用", INSTRUCTIONS: "批示", FLAGS: "标记"}
_SPLIT = re.compile(r"[、，,；;/\n]")


def _pieces(text: str) -> list[str]:
    return [piece.strip() for piece in _SPLIT.split(text) if piece.strip()]


def unit_names(period: Period, item: Item) -> str:
    return "、".join(period.units[u].name for u in item.unit_ids if u in period.units)


def adoption_text(period: Period, item: Item) -> str:
    names = {channel.id: channel.name for channel in period.scheme.channels}
    return "、".join(f"{names.get(a.channel_id, '?')}{'综合' if a.combined else '专报'}" for a in item.adoptions)


def instruction_text(item: Item) -> str:
    return "、".join(instruction.level for instruction in item.instructions)


def field_text(period: Period, item: Item, name: str) -> str:
    if name == UNITS:
        return unit_names(period, item)
    if name == TITLE:
        return item.title
    if name == DATE:
        return item.submitted_on.isoformat()
    if name == ADOPTIONS:
        return adoption_text(period, item)
    if name == INSTRUCTIONS:
        return instruction_text(item)
    return "、".join(item.flags)


def with_field(period: Period, item: Item, name: str, text: str) -> Item:
    """The item with one field set from what the clerk typed; EditError says what is wrong."""
    where = f"《{item.title}》「{FIELD_LABELS[name]}」"
    text = text.strip()
    if name == UNITS:
        units = {clean(unit.name): unit.id for unit in period.units.values()}
        names = [clean(n) for n in _pieces(text)]
        unknown = [n for n in names if n not in units]
        if unknown:
            raise EditError([f"{where}：单位「{'」「'.join(unknown)}」不存在"])
        if not names:
            raise EditError([f"{where}：至少要有一个单位"])
        return replace(item, unit_ids=tuple(dict.fromkeys(units[n] for n in names)))
    if name == TITLE:
        if not text:
            raise EditError([f"{where}：标题不能为空"])
        return replace(item, title=" ".join(text.split()))
    if name == DATE:
        value = parse_date(text)
        if value is None:
            raise EditError([f"{where}：「{text}」不是日期（应写成如 2026-01-05）"])
        return replace(item, submitted_on=value)
    if name == ADOPTIONS:
        return replace(item, adoptions=_adoptions(period, item, _pieces(text), where))
    if name == INSTRUCTIONS:
        levels = None if period.scheme.items is None else {level.name for level in period.scheme.items.instructions}
        wanted = [clean(piece) for piece in _pieces(text)]
        unknown = [w for w in wanted if levels is not None and w not in levels]
        if unknown:
            raise EditError([f"{where}：「{'」「'.join(unknown)}」不是计分办法中的批示级别（{'、'.join(sorted(levels or ()))}）"])
        kept = list(item.instructions)
        result = []
        for level in wanted:  # keep the dates of 批示 that stay
            found = next((i for i in kept if i.level == level), None)
            if found is not None:
                kept.remove(found)
            result.append(found or Instruction(level))
        return replace(item, instructions=tuple(result))
    return replace(item, flags=tuple(dict.fromkeys(_pieces(text))))


def _adoptions(period: Period, item: Item, pieces: list[str], where: str) -> tuple[ItemAdoption, ...]:
    channels = sorted(period.scheme.channels, key=lambda c: -len(c.name))  # longest name first
    kept = list(item.adoptions)
    result = []
    for piece in pieces:
        text = clean(piece)
        channel = next((c for c in channels if text.startswith(clean(c.name))), None)
        rest = text[len(clean(channel.name)) :].strip() if channel else ""
        if channel is None or rest not in ("", "专报", "综合", "*"):
            known = "、".join(c.name for c in period.scheme.channels)
            raise EditError([f"{where}：「{piece}」应写成渠道名加 专报 或 综合，如「{period.scheme.channels[0].name}专报」（渠道：{known}）"])
        combined = rest in ("综合", "*")
        if combined and not channel.accepts_combined:
            raise EditError([f"{where}：渠道「{channel.name}」不计综合采用"])
        found = next((a for a in kept if a.channel_id == channel.id and a.combined == combined), None)
        if found is not None:  # keep its date and issue
            kept.remove(found)
        result.append(found or ItemAdoption(channel.id, combined))
    return tuple(result)
