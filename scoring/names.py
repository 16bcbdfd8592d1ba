"""Matching names typed by different people: units and channels across tables and periods.

A name matches exactly first; then ignoring white space and full-width/half-width forms
(``市 发改委``, ``（试行）`` vs ``(试行)``); then, for units only, ignoring a leading 市
(``发改委`` vs ``市发改委``). The last kind is doubtful: a person should confirm it.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
CITY_PREFIX = "市"


class MatchKind(enum.StrEnum):
    EXACT = "exact"  # the same text
    SPACING = "spacing"  # differs only in white space or full-width/half-width forms
    DOUBTFUL = "doubtful"  # the same only without a leading 市: to be confirmed by a person
    RENAMED = "renamed"  # one side's name is the other's former name (曾用名, scoring.unit_matching)
    MANUAL = "manual"  # matched by a person in a preview


MATCH_LABELS = {
    MatchKind.EXACT: "完全相同",
    MatchKind.SPACING: "仅空格或全角半角不同",
    MatchKind.DOUBTFUL: "去掉“市”字后相同",
    MatchKind.RENAMED: "按曾用名对应",
    MatchKind.MANUAL: "人工对应",
}
_LOOKED_UP = (MatchKind.EXACT, MatchKind.SPACING, MatchKind.DOUBTFUL)  # the kinds NameIndex finds by itself


def spacing_key(name: str) -> str:
    """The name without white space, full-width forms folded to half-width (NFKC)."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if not ch.isspace())


def loose_key(name: str) -> str:
    """:func:`spacing_key` without a leading 市 (``市发改委`` and ``发改委`` agree)."""
    key = spacing_key(name)
    return key[len(CITY_PREFIX) :] if key.startswith(CITY_PREFIX) and len(key) > len(CITY_PREFIX) else key


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """The outcome of looking a name up: one item and how sure, or every equally good candidate."""

    item: T | None
    kind: MatchKind | None
    candidates: tuple[T, ...] = ()  # more than one item matched equally well: ambiguous

    @property
    def ambiguous(self) -> bool:
        return self.item is None and len(self.candidates) > 1


class NameIndex(Generic[T]):
    """Items looked up by name, exact first, then by spacing key, then (if allowed) by loose key."""

    def __init__(self, items: Iterable[T], name_of, *, loose: bool = True) -> None:
        self._loose = loose
        self._by: dict[MatchKind, dict[str, list[T]]] = {kind: {} for kind in _LOOKED_UP}
        for item in items:
            name = name_of(item)
            self._by[MatchKind.EXACT].setdefault(name, []).append(item)
            self._by[MatchKind.SPACING].setdefault(spacing_key(name), []).append(item)
            if loose:
                self._by[MatchKind.DOUBTFUL].setdefault(loose_key(name), []).append(item)

    def find(self, name: str) -> Found[T]:
        keys = {MatchKind.EXACT: name, MatchKind.SPACING: spacing_key(name), MatchKind.DOUBTFUL: loose_key(name)}
        for kind, key in keys.items():
            if kind is MatchKind.DOUBTFUL and not self._loose:
                break
            found = self._by[kind].get(key, [])
            if len(found) == 1:
                return Found(found[0], kind)
            if len(found) > 1:
                return Found(None, None, tuple(found))
        return Found(None, None)
