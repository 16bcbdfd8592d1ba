"""Parsing and writing of the values a clerk types into the grid.

An adoption cell holds two counts: adoptions scored as a dedicated report (专报, written
plain) and adoptions scored within a combined report (综合, written with a star), e.g.
``5+1*``. Item cells (报送条目, 采用条目) hold one count; point cells (加减分, scheme
points) hold an exact decimal. Input from Chinese input methods (full-width digits and
signs, ideographic spaces) is accepted; every refusal is a :class:`CellError` whose
message, in Chinese, says what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from scoring.errors import UserError

MAX_COUNT = 9999
MAX_POINTS = Decimal(100000)
POINT_DECIMALS = 4

_EXAMPLES = "应写成如 5、1*、5+1*（带*的为综合采用）"


class CellError(UserError, ValueError):
    """A typed value that cannot be accepted; ``str()`` is a Chinese message.

    Still a ``ValueError``: a value that does not parse, as ``int("x")`` (callers catch it by name).
    """


@dataclass(frozen=True, slots=True, order=True)
class Count:
    """Adoptions in one channel: ``dedicated`` (专报) and ``combined`` (综合, starred)."""

    dedicated: int = 0
    combined: int = 0

    def __post_init__(self) -> None:
        for part in (self.dedicated, self.combined):
            if not isinstance(part, int) or isinstance(part, bool) or not 0 <= part <= MAX_COUNT:
                raise CellError(f"采用数必须是 0 到 {MAX_COUNT} 之间的整数")

    def __add__(self, other: Count) -> Count:
        return Count(self.dedicated + other.dedicated, self.combined + other.combined)

    @property
    def total(self) -> int:
        return self.dedicated + self.combined

    def __str__(self) -> str:
        return format_count(self)


ZERO = Count()


def spacing_key(text: str) -> str:
    """The text without white space, full-width forms folded to half-width (NFKC): how names,
    headers and cells are compared and read (``５＋１ ＊`` is ``5+1*``)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace())


def _shown(text: str) -> str:
    return text.strip() if len(text) <= 20 else text.strip()[:20] + "…"


def _count_part(part: str, original: str, what: str) -> int:
    if not part.isdigit() or not part.isascii():
        raise CellError(f"「{_shown(original)}」不是有效的{what}：{_describe_bad(part)}")
    value = int(part)
    if value > MAX_COUNT:
        raise CellError(f"「{_shown(original)}」太大：{what}不能超过 {MAX_COUNT}")
    return value


def _describe_bad(part: str) -> str:
    if part == "":
        return "缺少数字"
    if part.startswith("-"):
        return "不能为负数"
    if "." in part:
        return "必须是整数，不能有小数"
    if "*" in part:
        return "星号只能出现一次，且紧跟在数字后面"
    return "只能包含数字"


def parse_count(text: str | None) -> Count:
    """Parse ``5+1*``, ``1*``, ``2``, ``1*+5``, ``５＋１＊``, '' (0) into a :class:`Count`."""
    original = text or ""
    cleaned = spacing_key(original)
    if cleaned == "":
        return ZERO
    if cleaned.startswith("-") or cleaned.startswith("−"):
        raise CellError(f"「{_shown(original)}」不能为负数")
    parts = cleaned.split("+")
    if len(parts) > 2:
        raise CellError(f"「{_shown(original)}」格式不对：最多一个加号，{_EXAMPLES}")
    dedicated: int | None = None
    combined: int | None = None
    for part in parts:
        if part == "":
            raise CellError(f"「{_shown(original)}」格式不对：加号两边都要有数字，{_EXAMPLES}")
        if part.endswith("*"):
            if combined is not None:
                raise CellError(f"「{_shown(original)}」格式不对：综合采用（带*）只能写一次")
            combined = _count_part(part[:-1], original, "综合采用数")
        else:
            if dedicated is not None:
                raise CellError(f"「{_shown(original)}」格式不对：专报采用（不带*）只能写一次，{_EXAMPLES}")
            dedicated = _count_part(part, original, "采用数")
    return Count(dedicated or 0, combined or 0)


def format_count(count: Count) -> str:
    """The one canonical written form: ``0``, ``5``, ``1*``, ``5+1*``."""
    if count.combined == 0:
        return str(count.dedicated)
    if count.dedicated == 0:
        return f"{count.combined}*"
    return f"{count.dedicated}+{count.combined}*"


def parse_items(text: str | int | None) -> int:
    """Parse an item count (报送条目, 采用条目): a whole number from 0 to MAX_COUNT."""
    if isinstance(text, int) and not isinstance(text, bool):
        if 0 <= text <= MAX_COUNT:
            return text
        raise CellError(f"条目数必须在 0 到 {MAX_COUNT} 之间，不能是 {text}")
    original = str(text) if text else ""  # a stray True is named as it is, not crashed on
    cleaned = spacing_key(original)
    if cleaned == "":
        return 0
    if re.fullmatch(r"\d+\.0*", cleaned) and cleaned.isascii():  # "12.0" as Excel writes it
        cleaned = cleaned.split(".")[0]
    if cleaned.startswith(("-", "−")):
        raise CellError(f"「{_shown(original)}」不能为负数")
    return _count_part(cleaned, original, "条目数")


def parse_points(text: str | int | Decimal | None, *, allow_negative: bool = True) -> Decimal:
    """Parse points such as ``5``, ``-10``, ``0.5``, ``＋２.５`` into an exact Decimal."""
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        value = Decimal(text)
        original = str(text)
    else:
        original = str(text) if text else ""
        cleaned = spacing_key(original).replace("−", "-")
        if cleaned == "":
            return Decimal(0)
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
            raise CellError(f"「{_shown(original)}」不是有效的分值：只能是数字，可带正负号和小数点")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the pattern above excludes it
            raise CellError(f"「{_shown(original)}」不是有效的分值") from None
    if not value.is_finite():
        raise CellError(f"「{_shown(original)}」不是有效的分值")
    if value < 0 and not allow_negative:
        raise CellError(f"「{_shown(original)}」不能为负数")
    if abs(value) > MAX_POINTS:
        raise CellError(f"「{_shown(original)}」太大：分值的绝对值不能超过 {MAX_POINTS}")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -POINT_DECIMALS:
        raise CellError(f"「{_shown(original)}」小数位太多：最多 {POINT_DECIMALS} 位小数")
    return value if value != 0 else Decimal(0)


def format_points(value: Decimal) -> str:
    """Points as a user reads them: ``228``, ``2.5``, ``-10`` (no exponent, no trailing 0)."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")
