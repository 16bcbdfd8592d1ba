"""The header of a period file is checked before SQLite reads it: what is refused, and how."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.storage import CorruptFileError, NotAPeriodFileError, PeriodFile


def test_a_folder_is_not_a_period_file(tmp_path: Path) -> None:
    folder = tmp_path / "2023年上半年.zwxx"
    folder.mkdir()
    with pytest.raises(NotAPeriodFileError, match="这不是考核期间文件"):
        PeriodFile.open(folder)


def test_a_file_without_a_format_version_is_damaged_and_left_unchanged(sample_copy: Path) -> None:
    data = bytearray(sample_copy.read_bytes())
    data[60:64] = bytes(4)  # user_version 0: the file never got its format version
    sample_copy.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError, match="缺少文件格式版本"):
        PeriodFile.open(sample_copy)
    assert sample_copy.read_bytes() == bytes(data)


def test_a_file_that_cannot_be_read_is_refused_without_a_traceback(sample_copy: Path, monkeypatch) -> None:
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # e.g. another program holds it without sharing
    with pytest.raises(CorruptFileError, match="无法读取文件"):
        PeriodFile.open(sample_copy)
