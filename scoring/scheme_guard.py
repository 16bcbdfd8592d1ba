"""Guards for scheme files (.json) that come from outside: a colleague's file, last year's file.

JSON nested thousands of levels deep makes Python's parser raise RecursionError, and an
integer of thousands of digits a ValueError: both become a refusal here. The nesting is
measured before the parser runs (strings removed, brackets counted), so the parser never
goes deep. What the file names (channels, the scheme) follows the rule of :mod:`scoring.names`;
the number of channels is bounded like the columns of an imported table.
"""

from __future__ import annotations

import json
import re

from scoring.errors import EditError
from scoring.model import Scheme
from scoring.names import TextKind, text_problem

MAX_DEPTH = 20  # a scheme file nests three levels (scheme, channel list, channel)
MAX_CHANNELS = 64  # as many as a table may have columns (scoring.exchange.xlsx_table.MAX_COLUMNS)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_NOT_A_SCHEME = "{source}不是计分办法文件"


def loads(text: str, source: str, max_depth: int = MAX_DEPTH) -> object:
    """Parse JSON ``text`` whose objects and arrays nest at most ``max_depth`` levels; else EditError."""
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if bracket[0] in "[{" else -1
        if depth > max_depth:
            raise EditError([f"{source}的内容嵌套超过 {max_depth} 层，不是计分办法文件"])
    try:
        return json.loads(text)
    except RecursionError:  # pragma: no cover - the count above keeps the parser shallow
        raise EditError([f"{source}的内容嵌套过深，不是计分办法文件"]) from None
    except ValueError:  # JSONDecodeError, or a number too long to convert
        raise EditError([_NOT_A_SCHEME.format(source=source)]) from None


def checked(scheme: Scheme, source: str) -> Scheme:
    """``scheme`` if its name and channel names follow the names rule; else EditError naming each."""
    if len(scheme.channels) > MAX_CHANNELS:
        raise EditError([f"{source}中有 {len(scheme.channels)} 个采用渠道，超过 {MAX_CHANNELS} 个的上限，不像是计分办法文件"])
    problems = [
        problem
        for problem in (
            text_problem(scheme.name, f"{source}中的计分办法名称", TextKind.TITLE),
            *(text_problem(c.name, f"{source}中第 {n} 个采用渠道", TextKind.NAME) for n, c in enumerate(scheme.channels, 1)),
        )
        if problem
    ]
    if problems:
        raise EditError(problems)
    return scheme
