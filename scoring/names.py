"""What names and reasons may contain, and matching names typed by different people.

The rule (:func:`text_problem`), applied wherever text enters the program — table import,
scheme files, the checks behind every editor: surrounding white space (full-width spaces
included) is dropped, white space inside is kept as typed; no control characters (C0, C1,
DEL; so no tab and no line break), no line or paragraph separators, no invisible format
characters (zero-width spaces, direction overrides, a stray BOM), no surrogates or
non-characters; at most :data:`LIMITS` characters. Names of units, groups and channels are
short; a period title a little longer; a reason or a note a paragraph. Files written before
the rule may still hold such characters: writers pass text through :func:`xml_safe`.

A name matches exactly first; then ignoring white space and full-width/half-width forms
(``市 发改委``, ``（试行）`` vs ``(试行)``); then, for units only, ignoring a leading 市
(``发改委`` vs ``市发改委``). The last kind is doubtful: a person should confirm it.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from scoring.cells import spacing_key as spacing_key  # re-exported: names are compared by it

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


class TextKind(enum.Enum):
    NAME = "name"  # a unit, group or channel
    TITLE = "title"  # a period title, a scheme name
    TEXT = "text"  # a reason, a note under the table


LIMITS = {TextKind.NAME: 50, TextKind.TITLE: 100, TextKind.TEXT: 1000}
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, format, surrogates, line/paragraph separators
_SHOWN = 20  # characters of a refused text quoted in the message
# What XML 1.0 (and so Word and Excel files) cannot hold at all; vertical tab and form feed
# (Word's manual line and page breaks when pasted) become a space.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def free_name(prefix: str, taken: Iterable[str]) -> str:
    """The first of ``{prefix}1``, ``{prefix}2`` … not in ``taken``: the name a new row gets (新单位1, 新事项2)."""
    used = set(taken)
    return next(f"{prefix}{n}" for n in range(1, len(used) + 2) if f"{prefix}{n}" not in used)


def tidy(text: object) -> str:
    """Text as it is kept: surrounding white space (full-width space, no-break space too) dropped."""
    return ("" if text is None else str(text)).strip()


def _forbidden(ch: str) -> bool:
    return unicodedata.category(ch) in _FORBIDDEN_CATEGORIES or ch in "\ufffe\uffff"


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if ch in "\r\n\x85\u2028\u2029":
        return f"换行符（{code}）"
    if ch == "\t":
        return f"制表符（{code}）"
    if unicodedata.category(ch) == "Cf":
        return f"不可见的格式字符（{code}）"
    return f"控制字符（{code}）"


def shown(text: str) -> str:
    """``text`` safe to quote in a message: forbidden characters as □, cut after a few characters."""
    visible = "".join("□" if _forbidden(ch) else ch for ch in text)
    return visible if len(visible) <= _SHOWN else visible[:_SHOWN] + "…"


def text_problem(text: str, what: str, kind: TextKind = TextKind.NAME) -> str | None:
    """Why ``text`` (already :func:`tidy`) may not be a ``what`` (e.g. ``单位「甲」``), or None.

    ``what`` names the place; the message quotes the text with bad characters shown as □.
    """
    bad = next((ch for ch in text if _forbidden(ch)), None)
    if bad is not None:
        return f"{what}「{shown(text)}」含有{_describe(bad)}，请删除后重新输入"
    if len(text) > LIMITS[kind]:
        return f"{what}「{shown(text)}」太长（{len(text)} 个字），最多 {LIMITS[kind]} 个字"
    return None


def xml_safe(text: str) -> str:
    """``text`` as a Word or Excel file can hold it: characters XML forbids dropped (tab and line breaks kept)."""
    return _XML_ILLEGAL.sub(lambda m: " " if m[0] in "\x0b\x0c" else "", text)


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

    def __init__(self, items: Iterable[T], name_of: Callable[[T], str], *, loose: bool = True) -> None:
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
