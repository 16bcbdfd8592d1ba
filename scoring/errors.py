"""What the user is told when something cannot be done: one base for every such error.

A :class:`UserError` is a refusal the program explains, never a bug: ``str()`` is complete Chinese
text for a message box or the command line, and ``problems`` lists its lines (one per problem,
each naming where), so a caller shows it the same way whatever went wrong — a change that cannot be
made (:class:`EditError`), a period file that cannot be opened or changed
(:class:`scoring.storage.errors.PeriodFileError`), an output that cannot be written
(:class:`OutputError`, :class:`scoring.output_target.TargetRefused`), a value that cannot be typed
(:class:`scoring.cells.CellError`).

This module imports nothing, so every layer (the readers in :mod:`scoring.exchange` too) may raise
and catch these without loading the storage or ``sqlite3``.
"""

from __future__ import annotations

from collections.abc import Iterable


class UserError(Exception):
    """A refusal the user is told about; ``str()`` is complete Chinese text, ``problems`` its lines."""

    def __init__(self, problems: str | Iterable[str]) -> None:
        self.problems: list[str] = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class EditError(UserError):
    """A change that cannot be made; ``problems`` lists every reason, each naming where.

    Not a ``ValueError``: an ``except ValueError`` meant for ``int()`` or ``date()`` must never
    swallow a refusal the user should read.
    """


class OutputError(UserError):
    """An output file could not be written; ``str()`` is a Chinese sentence for the user."""
