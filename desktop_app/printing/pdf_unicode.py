"""Make the text layer of a PDF written by Qt searchable: radicals back to the ideographs drawn.

CJK fonts draw 一 and the Kangxi radical ⼀ (or 门 and the radical ⻔) with one glyph. Qt's PDF writer
builds each font's ToUnicode map from the glyph back to a code point and picks the radical, so a
PDF that shows 采用 is found by no search for 采用 and copies as 采⽤. The program never draws a
radical on purpose, so every radical in those maps stands for its equivalent unified ideograph:
Kangxi radicals by NFKC, the CJK Radicals Supplement by Unicode's EquivalentUnifiedIdeograph.txt.

The maps are plain (uncompressed) CMap streams; rewriting one may change its length, so the
stream's /Length, the cross-reference offsets and ``startxref`` are adjusted. Anything this module
does not recognise is left exactly as Qt wrote it. No Qt here: bytes in, bytes out.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement (U+2E81–U+2EF3) → equivalent unified ideograph, from Unicode's
# EquivalentUnifiedIdeograph.txt. Pairs of characters; U+2E80 and U+2E9A have no equivalent.
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日"
    "⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊"
    "⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑"
    "⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤"
    "⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
RADICAL_SUPPLEMENT: dict[str, str] = dict(zip(_SUPPLEMENT[0::2], _SUPPLEMENT[1::2], strict=True))

_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_SECTION = re.compile(rb"(beginbfchar|beginbfrange)(.*?)(endbfchar|endbfrange)", re.S)
_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_ROW = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


def unified(char: str) -> str:
    """The unified ideograph a radical stands for; any other character unchanged."""
    code = ord(char)
    if 0x2F00 <= code <= 0x2FD5:
        return unicodedata.normalize("NFKC", char)
    return RADICAL_SUPPLEMENT.get(char, char)


def _decode(hex_digits: bytes) -> str | None:
    try:
        return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return None


def _encode(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _fixed(hex_digits: bytes) -> bytes:
    """One target string, its radicals replaced (as ``<hex>``)."""
    text = _decode(hex_digits)
    if text is None:
        return b"<" + hex_digits + b">"
    return _encode("".join(unified(char) for char in text))


def _fix_range(low: bytes, high: bytes, start: bytes) -> bytes:
    """``<lo> <hi> <start>`` maps lo..hi to consecutive code points: spell it out if one is a radical."""
    first, last = int(low, 16), int(high, 16)
    text = _decode(start)
    plain = b"<%s> <%s> <%s>" % (low, high, start)
    if text is None or len(text) != 1 or last < first or last - first > 0xFFFF:
        return plain
    targets = [chr(ord(text) + step) for step in range(last - first + 1) if ord(text) + step < 0x110000]
    if all(unified(char) == char for char in targets):
        return plain
    return b"<%s> <%s> [%s]" % (low, high, b" ".join(_encode(unified(char)) for char in targets))


_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|(\[)|(\])")


def _fix_section(kind: bytes, body: bytes) -> bytes:
    """Rewrite a bfchar or bfrange section entry by entry; unrecognised content is kept as it was."""
    tokens = list(_TOKEN.finditer(body))
    out: list[bytes] = []
    index = 0
    width = 2 if kind == b"beginbfchar" else 3  # source code(s) before the target
    while index < len(tokens):
        entry = tokens[index:index + width]
        if len(entry) < width or any(token.group(1) is None for token in entry[: width - 1]):
            return body
        sources = [token.group(1) for token in entry[: width - 1]]
        target = entry[-1]
        if target.group(1) is not None:
            if kind == b"beginbfchar":
                out.append(b"<%s> %s" % (sources[0], _fixed(target.group(1))))
            else:
                out.append(_fix_range(sources[0], sources[1], target.group(1)))
            index += width
            continue
        if target.group(2) is None or kind == b"beginbfchar":
            return body
        closing = next((k for k in range(index + width, len(tokens)) if tokens[k].group(3)), None)
        if closing is None or any(token.group(1) is None for token in tokens[index + width:closing]):
            return body
        array = b" ".join(_fixed(token.group(1)) for token in tokens[index + width:closing])
        out.append(b"<%s> <%s> [%s]" % (sources[0], sources[1], array))
        index = closing + 1
    return b"\n" + b"\n".join(out) + b"\n"


def fix_cmap(cmap: bytes) -> bytes:
    """A ToUnicode CMap with every radical target replaced by its unified ideograph."""
    return _SECTION.sub(
        lambda match: match.group(1) + _fix_section(match.group(1), match.group(2)) + match.group(3), cmap
    )


def _stream_span(pdf: bytes, number: int) -> tuple[int, int, int, int] | None:
    """(start of the /Length value, its end, start of the stream data, its end) of object ``number``."""
    head = re.compile(rb"(?:^|[\r\n])%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number)
    match = head.search(pdf)
    if match is None:
        return None
    length = int(match.group(1))
    data_start = match.end()
    if not pdf.startswith(b"endstream", data_start + length) and not pdf[data_start + length:].lstrip().startswith(
        b"endstream"
    ):
        return None
    return match.start(1), match.end(1), data_start, data_start + length


def _shift_xref(pdf: bytes, edits: list[tuple[int, int]]) -> bytes | None:
    """Move every cross-reference offset past an edit by that edit's change in length."""
    end = _XREF.search(pdf)
    if end is None:
        return None

    def moved(offset: int) -> int:
        return offset + sum(delta for position, delta in edits if position < offset)

    old_table_at = int(end.group(1))
    table_at = moved(old_table_at)  # ``pdf`` is already edited; the numbers in it are not
    if not pdf.startswith(b"xref", table_at):
        return None
    trailer_at = pdf.find(b"trailer", table_at)
    if trailer_at < 0:
        return None
    table = _XREF_ROW.sub(
        lambda row: b"%010d %s %s" % (moved(int(row.group(1))) if row.group(3) == b"n" else int(row.group(1)),
                                      row.group(2), row.group(3)),
        pdf[table_at:trailer_at],
    )
    tail = pdf[trailer_at:end.start()] + b"startxref\n%d\n%%%%EOF\n" % table_at
    return pdf[:table_at] + table + tail


def fix_pdf(pdf: bytes) -> bytes:
    """``pdf`` with searchable text: ToUnicode maps point at ideographs, not radicals."""
    replacements: list[tuple[int, int, bytes]] = []  # (start, end, new bytes), in file order
    for number in sorted({int(found) for found in _TO_UNICODE.findall(pdf)}):
        span = _stream_span(pdf, number)
        if span is None:
            continue
        length_start, length_end, data_start, data_end = span
        cmap = pdf[data_start:data_end]
        fixed = fix_cmap(cmap)
        if fixed != cmap:
            replacements.append((length_start, length_end, str(len(fixed)).encode("ascii")))
            replacements.append((data_start, data_end, fixed))
    if not replacements:
        return pdf
    replacements.sort()
    pieces, edits, cursor = [], [], 0
    for start, end, new in replacements:
        pieces += [pdf[cursor:start], new]
        edits.append((start, len(new) - (end - start)))
        cursor = end
    pieces.append(pdf[cursor:])
    result = _shift_xref(b"".join(pieces), edits)
    return pdf if result is None else result
