"""An open period: the file, the period in memory and its standings, changed only together.

``PeriodDocument.apply`` is the one path every change takes: check, write and commit to the
file, then change memory and recompute only what the change touched. The caller gets the
inverse operations (for undo) and a :class:`Delta` naming what to repaint.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scoring.edits import Effect, Operation
from scoring.model import Period, PeriodInfo
from scoring.standings import Delta, Standings
from scoring.storage import PeriodFile, ReadOnlyError
from scoring.storage.period_file import DECODING_ERRORS, read_error


@dataclass(frozen=True, slots=True)
class Applied:
    """The outcome of a committed change."""

    delta: Delta
    inverse: tuple[Operation, ...]
    touched: frozenset[int] = frozenset()  # units whose tallies or adjustments were edited
    info_changed: bool = False


class PeriodDocument:
    """A period file opened for viewing and editing."""

    def __init__(self, file: PeriodFile) -> None:
        """Read the whole period (one snapshot) and rank it; closes ``file`` if it cannot."""
        try:
            self._version, self.period = file.read_fresh()
            try:
                self.standings = Standings(self.period)
            except DECODING_ERRORS as error:  # pragma: no cover - damaged file: rows that each decode but contradict each other
                raise read_error(file.path, error) from error
        except BaseException:
            file.close()
            raise
        self.file = file

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False, why: str = "") -> PeriodDocument:
        return cls(PeriodFile.open(path, read_only=read_only, why=why))

    @property
    def notes(self) -> list[str]:
        """What opening the file did that the user should know (e.g. a journal moved aside)."""
        return self.file.notes

    @classmethod
    def create(cls, path: str | os.PathLike[str], period: Period) -> PeriodDocument:
        return cls(PeriodFile.create(path, period))

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    def apply(self, operations: Operation | Sequence[Operation]) -> Applied:
        """Make the change durable, then visible. Nothing changes if any part fails."""
        if isinstance(operations, Operation):
            operations = [operations]
        if self.read_only:
            raise ReadOnlyError(self.path, self.file.why_read_only or "文件以只读方式打开")
        inverses: list[Operation] = []
        effect = Effect()
        try:
            with self.file.transaction() as writer:
                for operation in operations:
                    # Checked against the period as the earlier operations left it, so that e.g.
                    # adding a group and moving units into it can be one change.
                    operation.check(self.period)
                    inverse = operation.inverse(self.period)
                    operation.store(writer, self.period)
                    inverses.append(inverse)
                    done = operation.apply(self.period)
                    effect.units |= done.units
                    effect.lists |= done.lists
                    effect.structure |= done.structure
                    effect.info |= done.info
        except BaseException:
            for inverse in reversed(inverses):  # the file rolled back; bring memory back too
                inverse.apply(self.period)
            raise
        if effect.structure:
            delta = self.standings.rebuild()
        else:
            delta = self.standings.refresh(effect.units)
            if effect.lists:
                delta = delta | self.standings.refresh_lists()
        return Applied(delta, tuple(reversed(inverses)), frozenset(effect.units), effect.info)

    def reload_if_changed(self) -> Applied | None:
        """Follow changes another program committed to the file (a read-only window follows the
        window that edits). None if the file is as last read; otherwise what to repaint.
        The period object stays the same, so whoever holds it sees the new figures."""
        version = self.file.data_version()
        if version == self._version:
            return None
        self._version, fresh = self.file.read_fresh()
        period = self.period
        structure = (
            fresh.scheme != period.scheme
            or fresh.groups != period.groups
            or list(fresh.units.values()) != list(period.units.values())
        )
        touched = frozenset(
            unit_id
            for unit_id in fresh.units
            if fresh.tallies[unit_id] != period.tallies.get(unit_id)
            or fresh.adjustments.get(unit_id) != period.adjustments.get(unit_id)
        )
        info_changed = fresh.info != period.info
        for name in ("info", "scheme", "groups", "units", "tallies", "adjustments", "overrides"):
            setattr(period, name, getattr(fresh, name))
        delta = self.standings.rebuild()
        delta.structure = structure
        return Applied(delta, (), touched, info_changed)

    def save_as(self, target: str | os.PathLike[str]) -> PeriodDocument:
        """Copy this file to ``target`` (backup API), close this one and return the copy opened."""
        self.file.save_copy(target)
        opened = PeriodDocument.open(target)
        self.close()
        return opened

    def new_period(self, target: str | os.PathLike[str], info: PeriodInfo) -> PeriodDocument:
        """A new period file with this one's groups, units and scheme and empty tallies (新建期间)."""
        return PeriodDocument.create(target, self.period.emptied(info))

    def close(self) -> None:
        self.file.close()
