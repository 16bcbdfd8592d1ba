"""What the ledger shows elsewhere: the items behind a grid cell, the list of adopted items per
unit (an attachment to the notice), and the items of several months rolled into a quarter or year.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from scoring.atomic import atomic_path
from scoring.cells import format_points
from scoring.item_rules import item_value, items_of, unit_share
from scoring.items import Item, ItemRules
from scoring.model import ADOPTED, SUBMITTED, FieldKey, Period

MAX_LISTED = 15


def items_behind(period: Period, unit_id: int, key: FieldKey) -> list[Item]:
    """The unit's items a derived tally cell counts: 报送条目 all, 采用条目 adopted, a channel its adoptions."""
    items = items_of(period, [unit_id])[unit_id]
    if key == SUBMITTED:
        return items
    if key == ADOPTED:
        return [item for item in items if item.adoptions]
    if isinstance(key, int):
        return [item for item in items if any(a.channel_id == key for a in item.adoptions)]
    return []


def behind_text(period: Period, unit_id: int, key: FieldKey) -> str:
    """The items behind a cell, one per line, for its tooltip."""
    items = items_behind(period, unit_id, key)
    if not items:
        return "台账中没有对应的条目\n双击打开信息条目台账"
    lines = []
    for item in items[:MAX_LISTED]:
        kinds = [("综合" if a.combined else "专报") for a in item.adoptions if a.channel_id == key] if isinstance(key, int) else []
        joint = f"（合报 {len(item.unit_ids)} 家）" if item.joint else ""
        lines.append(f"{item.submitted_on:%m-%d}《{item.title}》{joint}{' ' + '、'.join(kinds) if kinds else ''}")
    if len(items) > MAX_LISTED:
        lines.append(f"……共 {len(items)} 条")
    return "\n".join([f"台账中的 {len(items)} 条：", *lines, "双击打开信息条目台账"])


# -- the attachment: adopted items per unit --------------------------------------------------

ADOPTED_HEADERS = ("单位", "标题", "报送日期", "采用情况", "批示", "本单位得分")


def adopted_item_rows(period: Period) -> list[list[str]]:
    """Adopted items (or items with a 批示) per unit in unit order, with the unit's share."""
    rows = [list(ADOPTED_HEADERS)]
    rules = period.scheme.items or ItemRules()
    by_unit = items_of(period)
    for unit in period.units.values():
        for item in by_unit.get(unit.id, []):
            if not item.adoptions and not item.instructions:
                continue
            adoptions = []
            for adoption in item.adoptions:
                channel = next((c.name for c in period.scheme.channels if c.id == adoption.channel_id), "")
                adoptions.append(f"{channel}{'综合' if adoption.combined else '专报'}{adoption.issue}")
            share = unit_share(rules, item_value(period.scheme, item), len(set(item.unit_ids)))
            joint = "（合报）" if item.joint else ""
            rows.append(
                [
                    unit.name,
                    item.title + joint,
                    item.submitted_on.isoformat(),
                    "；".join(adoptions),
                    "、".join(dict.fromkeys(i.level for i in item.instructions)),
                    format_points(share) if period.scheme.items is not None else "",
                ]
            )
    return rows


def write_adopted_items(period: Period, path: str | os.PathLike[str]) -> None:
    """The 采用条目清单 as an Excel workbook (A4 landscape, header repeated), replaced atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet, active
    sheet.title = "采用条目清单"
    sheet.append([f"{period.info.title}各单位信息采用条目清单"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ADOPTED_HEADERS))
    for row in adopted_item_rows(period):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # a title like =1+1 stays text, never a formula
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for letter, width in zip("ABCDEF", (18, 48, 12, 36, 20, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    with atomic_path(Path(path)) as temporary:
        workbook.save(temporary)


# -- accumulation: the items of several months in a quarter or a year ---------------------------


@dataclass(slots=True)
class RolledItems:
    items: dict[int, Item] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # items left out, with why


def roll_items(target: Period, sources: Sequence[tuple[str, Period]]) -> RolledItems:
    """The items of ``sources`` (label, period) as items of ``target``, units and channels matched
    by name; an item whose unit or channel ``target`` lacks is left out and reported."""
    units = {unit.name: unit.id for unit in target.units.values()}
    channels = {channel.name: channel.id for channel in target.scheme.channels}
    rolled = RolledItems()
    next_id = 1
    for label, source in sources:
        source_channels = {channel.id: channel.name for channel in source.scheme.channels}
        for item_id in sorted(source.items):
            item = source.items[item_id]
            names = [source.units[u].name for u in item.unit_ids if u in source.units]
            lacking = [n for n in names if n not in units]
            lacking += [source_channels.get(a.channel_id, "?") for a in item.adoptions if source_channels.get(a.channel_id) not in channels]
            if lacking:
                rolled.missing.append(f"{label}《{item.title}》：累计期间中没有「{'」「'.join(lacking)}」，未计入")
                continue
            adoptions = tuple(replace(a, channel_id=channels[source_channels[a.channel_id]]) for a in item.adoptions)
            rolled.items[next_id] = replace(item, id=next_id, unit_ids=tuple(units[n] for n in names), adoptions=adoptions, task_id=None)
            next_id += 1
    return rolled


def roll_files(target: Period, paths: Sequence[str | os.PathLike[str]]) -> RolledItems:
    """:func:`roll_items` of period files (each opened read-only); nothing when none has items."""
    from scoring.periods import open_period

    return roll_items(target, [(Path(path).name, open_period(path, "累计条目时只读取")) for path in paths])
