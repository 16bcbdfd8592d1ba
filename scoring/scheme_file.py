"""Scoring schemes as files (.json) to share with a colleague or reuse next year.

The default example scheme shipped in ``resources/`` is one such file, and so are the presets
in ``resources/schemes/``. Version 1 holds channels and item points; version 2 adds counted
events and the rules of :mod:`scoring.rules` (see README, 计分办法文件). A scheme without
events or rules is still written as version 1, so older copies of the program can read it.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

from scoring import scheme_guard
from scoring.atomic import atomic_write
from scoring.cells import CellError, parse_points
from scoring.errors import EditError
from scoring.items import ItemRules
from scoring.model import Channel, RankingMethod, Scheme, TieBreak
from scoring.resources import DEFAULT_SCHEME, SCHEME_PRESETS, resource_path
from scoring.scheme_rules import events_from_list, events_to_list, rule_problems, rules_from_dict, rules_to_dict

FORMAT = "infoscore-scheme"
VERSION = 3  # 3 adds the item rules ("items"); 2 events and rules
RULES_VERSION = 2  # written when the scheme has events or rules but no item rules
LINEAR_VERSION = 1  # written when the scheme has no events and no rules
MAX_BYTES = 1024 * 1024


def scheme_to_dict(scheme: Scheme) -> dict[str, object]:
    linear = not scheme.events and scheme.rules.empty and scheme.items is None
    data: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION if scheme.items is not None else LINEAR_VERSION if linear else RULES_VERSION,
        "name": scheme.name,
        "channels": [
            {
                "name": c.name,
                "dedicated_points": str(c.dedicated_points),
                "combined_points": str(c.combined_points),
                "accepts_combined": c.accepts_combined,
            }
            for c in scheme.channels
        ],
        "submitted_points": str(scheme.submitted_points),
        "adopted_points": str(scheme.adopted_points),
        "tie_breaks": [str(t) for t in scheme.tie_breaks],
        "ranking": str(scheme.ranking),
        "commend_count": scheme.commend_count,
        "criticise_count": scheme.criticise_count,
    }
    if not linear:
        data["events"] = events_to_list(scheme.events)
        data |= rules_to_dict(scheme)
    if scheme.items is not None:
        from scoring.item_scheme import item_rules_to_dict

        data["items"] = item_rules_to_dict(scheme.items)
    return data


def scheme_from_dict(data: object, source: str = "") -> Scheme:
    """Build a scheme from parsed JSON; any problem raises EditError saying which field."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EditError([f"{source}不是计分办法文件"])
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise EditError([f"{source}由较新版本的程序保存，请升级程序后再载入"])

    def points(value: object, what: str) -> Decimal:
        try:
            return parse_points(str(value), allow_negative=False)
        except CellError as error:
            raise EditError([f"{source}{what}：{error}"]) from None

    def count(value: object, what: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000:
            raise EditError([f"{source}{what}必须是 0 到 1000 的整数"])
        return value

    try:
        channels = tuple(
            Channel(
                index,
                str(item["name"]).strip(),
                points(item["dedicated_points"], f"「{item['name']}」专报分值"),
                points(item.get("combined_points", 0), f"「{item['name']}」综合分值"),
                bool(item.get("accepts_combined", True)),
            )
            for index, item in enumerate(data["channels"], start=1)
        )
        events = events_from_list(data, source)
        scheme = Scheme(
            channels=channels,
            submitted_points=points(data.get("submitted_points", 0), "每报送1条的分值"),
            adopted_points=points(data.get("adopted_points", 0), "每采用1条的分值"),
            tie_breaks=tuple(TieBreak(t) for t in data.get("tie_breaks", ["submitted"])),
            ranking=RankingMethod(data.get("ranking", "competition")),
            commend_count=count(data.get("commend_count", 3), "建议表扬名额"),
            criticise_count=count(data.get("criticise_count", 3), "建议批评名额"),
            name=str(data.get("name", "")),
            events=events,
            rules=rules_from_dict(data, channels, events, source),
            items=_item_rules(data, source),
        )
    except (KeyError, TypeError, ValueError) as error:  # an EditError (not a ValueError) passes through
        raise EditError([f"{source}内容不完整或有误（{error}）"]) from None
    problems = rule_problems(scheme)
    if problems:
        raise EditError([f"{source}{problem}" for problem in problems])
    return scheme


def _item_rules(data: dict[str, object], source: str) -> ItemRules | None:
    if data.get("items") is None:
        return None
    from scoring.item_scheme import item_rules_from_dict

    return item_rules_from_dict(data["items"], source)


def load_scheme(path: str | os.PathLike[str]) -> Scheme:
    path = Path(path)
    source = f"「{path.name}」"
    try:
        if path.stat().st_size > MAX_BYTES:
            raise EditError([f"{source}文件太大，不是计分办法文件"])
        data = scheme_guard.loads(path.read_text(encoding="utf-8-sig"), source)
    except FileNotFoundError:
        raise EditError([f"找不到文件{source}"]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise EditError([f"{source}不是计分办法文件"]) from None
    return scheme_guard.checked(scheme_from_dict(data, source), source)


def save_scheme(scheme: Scheme, path: str | os.PathLike[str]) -> None:
    text = json.dumps(scheme_to_dict(scheme), ensure_ascii=False, indent=2) + "\n"
    atomic_write(Path(path), text.encode("utf-8"))


def default_scheme() -> Scheme:
    """The example scheme shipped with the program (to be adjusted to the office's method)."""
    return load_scheme(resource_path(DEFAULT_SCHEME))


def preset_schemes() -> list[tuple[str, Path]]:
    """The presets shipped in ``resources/schemes/`` (方法甲, 方法乙): (name shown, file)."""
    presets = []
    for name in SCHEME_PRESETS:
        path = resource_path(name)
        presets.append((load_scheme(path).name or path.stem, path))
    return presets
