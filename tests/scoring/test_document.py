"""A document opened read-only follows the file while another document commits to it."""

from __future__ import annotations

from dataclasses import replace

from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.model import SUBMITTED
from scoring.structure_edits import SetUnits


def _unit(document: PeriodDocument, name: str) -> int:
    return next(u.id for u in document.period.units.values() if u.name == name)


def test_a_read_only_document_reloads_what_another_committed(sample_copy) -> None:
    writer = PeriodDocument.open(sample_copy)
    reader = PeriodDocument.open(sample_copy, read_only=True, why="test")
    period = reader.period
    unit = _unit(reader, "市住建局")
    assert reader.reload_if_changed() is None
    writer.apply(SetTally(unit, SUBMITTED, 9))
    applied = reader.reload_if_changed()
    assert applied is not None and applied.touched == {unit} and not applied.delta.structure
    assert reader.period is period and period.tallies[unit].submitted == 9
    assert reader.standings.score(unit) == writer.standings.score(unit)
    assert reader.standings.rank(unit) == writer.standings.rank(unit)
    assert reader.reload_if_changed() is None
    writer.close()
    reader.close()


def test_a_renamed_unit_is_a_change_of_structure(sample_copy) -> None:
    writer = PeriodDocument.open(sample_copy)
    reader = PeriodDocument.open(sample_copy, read_only=True, why="test")
    unit = _unit(writer, "市住建局")
    units = tuple(replace(u, name="市住房和城乡建设局") if u.id == unit else u for u in writer.period.units.values())
    writer.apply(SetUnits(units))
    applied = reader.reload_if_changed()
    assert applied is not None and applied.delta.structure
    assert reader.period.units[unit].name == "市住房和城乡建设局"
    writer.close()
    reader.close()


def test_a_file_that_cannot_be_read_is_not_left_open(sample_copy, monkeypatch) -> None:
    # the file's connection (and with it SQLite's locks) is closed when reading the period fails
    import pytest

    from scoring.storage import CorruptFileError, PeriodFile

    closed = []
    real_close = PeriodFile.close

    def failing_read(self):
        raise CorruptFileError(self.path, "文件中的数据互相矛盾")

    def close(self) -> None:
        closed.append(self.path)
        real_close(self)

    monkeypatch.setattr(PeriodFile, "read_fresh", failing_read)
    monkeypatch.setattr(PeriodFile, "close", close)
    with pytest.raises(CorruptFileError):
        PeriodDocument.open(sample_copy)
    assert closed == [sample_copy]
