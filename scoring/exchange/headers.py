"""Recognising the column headers of attachment tables as other cities publish them.

A header is compared folded (NFKC, no white space). Besides the exact names (单位, 报送条目, 得分 …)
a header is recognised after removing a period prefix (本月, 本季度, 上半年, 1-3月, 一季度 …) and a
trailing maximum such as ``(100)`` or ``（100分）``: ``本季度报送`` is 报送条目, ``1-3月得分`` and
``总得分（100分）`` are the published score. Per-channel columns as 扎兰屯 publishes them —
``扎兰屯市政府网采用条数`` beside ``扎兰屯市政府网采用得分`` — are the channel ``扎兰屯市政府网`` and
that channel's score, which the scheme computes and is therefore not imported. A column whose
header looks like a score (``…得分``, ``…分数``, ``…分值``) but belongs to no channel is refused,
naming its row and column: it must never be read as adoptions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scoring.cells import spacing_key
from scoring.errors import EditError

GROUP, UNIT, SERIAL, SUBMITTED, ADOPTED, ADJUSTMENT, SCORE, RANK, RANK_CHANGE = (
    "group", "unit", "serial", "submitted", "adopted", "adjustment", "score", "rank", "rank_change",
)
CLASS, RESULT, CHANNEL_SCORE = "class", "result", "channel_score"
SPECIAL = {
    GROUP: ("分组", "组别", "分类"),
    CLASS: ("类别", "单位类别"),  # the unit's class (quota); not its group
    RESULT: ("达标", "是否达标", "本期得分"),  # computed by the scheme; ignored
    UNIT: (
        "单位", "单位名称", "部门", "单位(部门)", "地市", "地市名称", "市州", "县市", "县(市)", "县(市、区)",
        "县(市区)", "县市区", "区县", "县(区)", "乡镇", "乡镇(街道)", "乡镇街道", "镇街", "镇(街道)",
    ),
    SERIAL: ("序号", "编号"),
    SUBMITTED: ("报送条目", "报送条数", "报送数", "报送信息", "报送"),
    ADOPTED: ("采用条目", "采用条数", "采用总数", "采用数", "采用"),
    ADJUSTMENT: ("加减分", "加分减分", "加扣分"),
    SCORE: ("得分", "总分", "总得分", "合计得分", "累计得分", "分数", "总分数", "合计"),
    RANK: ("排名", "名次", "累计排名"),
    RANK_CHANGE: ("排名变化", "名次变化", "排名升降"),  # written by an export compared with an earlier period; ignored
    CHANNEL_SCORE: (),  # 扎兰屯市政府网采用得分 beside 扎兰屯市政府网采用条数: computed by the scheme; ignored
}
NAME_OF = {alias: kind for kind, aliases in SPECIAL.items() for alias in aliases}
_PERIOD = re.compile(
    r"^(?:本月份?|本季度?|本年度?|本期|本半年|上半年|下半年|全年|年度|第?[一二三四1-4]季度"
    r"|\d{4}年度?|\d{1,2}(?:[-~至到]\d{1,2})?月份?)"
)
_MAXIMUM = re.compile(r"\(\d+(?:\.\d+)?分?\)$")  # 总得分(100), 总得分(100分)
_COUNT_SUFFIXES = ("采用条数", "采用篇数", "采用数", "条数", "篇数")
_SCORE_SUFFIXES = ("采用得分", "得分", "分数", "分值")


def clean(text: object) -> str:
    """Cell text as compared: NFKC (full-width to half-width), trimmed."""
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()


def header_name(text: object) -> str:
    """A header cell with all white space and line breaks removed (``潜江\\n政务`` → ``潜江政务``)."""
    return spacing_key("" if text is None else str(text))


def bare(name: str) -> str:
    """A header without a period prefix (本月, 1-3月 …) and a trailing maximum (``(100分)``)."""
    stripped = _MAXIMUM.sub("", name)
    return _PERIOD.sub("", stripped) or stripped


@lru_cache(maxsize=4096)  # asked of every cell of every row (repeated header rows): mostly the same texts
def kind_of(text: str) -> str | None:
    """The special column a header names (UNIT, SCORE …), or None for a channel or unknown column."""
    name = header_name(text)
    return NAME_OF.get(name) or NAME_OF.get(bare(name))


def column_letter(number: int) -> str:
    """A column as a spreadsheet names it: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _without(name: str, suffixes: tuple[str, ...]) -> str | None:
    return next((name.removesuffix(s) for s in suffixes if name.endswith(s) and name != s), None)


def counted_and_scored(sub_headers: set[str]) -> bool:
    """Sub-columns under a channel's merged cell that are its count and its score (采用条数 | 采用得分)."""
    return bool(sub_headers & set(_COUNT_SUFFIXES)) and bool(sub_headers & set(_SCORE_SUFFIXES))


def _key(channel: str) -> str:
    """A channel compared with the stem of a score column: 市政府网采用 and 市政府网 are one channel."""
    return channel.removesuffix("采用") or channel


def resolve_channels(names: dict[int, str], source: str, line: int) -> list[str]:
    """Turn per-channel count headers into channel names and per-channel score headers into
    CHANNEL_SCORE, in place; return what is said to the user about the columns left out.

    Raise EditError naming the row and column of a score-like header that matches no channel.
    """
    for index, name in names.items():
        if name not in SPECIAL and (stem := _without(bare(name), _COUNT_SUFFIXES)):
            names[index] = stem  # 扎兰屯市政府网采用条数 → 扎兰屯市政府网
    channels = {_key(name) for name in names.values() if name not in SPECIAL}
    said: list[str] = []
    refused: list[str] = []
    for index, name in sorted(names.items()):
        if name in SPECIAL or not (stem := _without(bare(name), _SCORE_SUFFIXES)):
            continue
        if _key(stem) in channels:
            names[index] = CHANNEL_SCORE
            said.append(f"「{name}」列是采用渠道「{stem}」的得分，由计分办法计算，未导入")
        else:
            refused.append(
                f"{source}第 {line} 行 {column_letter(index + 1)} 列「{name}」看起来是得分列，"
                "但表中没有对应的采用渠道（如「…采用条数」列），无法识别。"
                "请把总得分列命名为「得分」，或删除这一列后再导入"
            )
    if refused:
        raise EditError(refused)
    return said
