"""Everything the user is told derives from one base: ``str()`` is the Chinese text, ``problems`` its lines."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scoring.atomic import atomic_path
from scoring.cells import CellError, parse_count
from scoring.edits import EditError as EditErrorFromEdits
from scoring.errors import EditError, OutputError, UserError
from scoring.output_target import TargetRefused, check_output
from scoring.storage.errors import CorruptFileError, PeriodFileError, ReadOnlyError, WriteFailedError
from scoring.storage.period_file import PeriodFile


def _raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def test_every_refusal_is_a_user_error_with_its_problem_lines(tmp_path: Path) -> None:
    not_a_period = tmp_path / "表.zwxx"
    not_a_period.write_bytes(b"\x00" * 100)
    errors = [
        EditError(["甲局「市委」：不是有效的采用数", "乙局「市委」：太大"]),
        _raised(lambda: parse_count("五")),
        _raised(lambda: PeriodFile.open(not_a_period)),
        _raised(lambda: check_output(tmp_path / "甲.csv", inputs=[tmp_path / "甲.csv"])),
        ReadOnlyError("甲.zwxx"),
        WriteFailedError("甲.zwxx", "磁盘空间不足"),
        CorruptFileError("甲.zwxx"),
        OutputError("无法写入「甲.csv」"),
    ]
    kinds = (EditError, CellError, PeriodFileError, TargetRefused, PeriodFileError, PeriodFileError, PeriodFileError, OutputError)
    for error, kind in zip(errors, kinds, strict=True):
        assert isinstance(error, kind) and isinstance(error, UserError), repr(error)
        assert error.problems and "\n".join(error.problems) == str(error)
        assert all(line.strip() for line in error.problems)
    assert errors[0].problems == ["甲局「市委」：不是有效的采用数", "乙局「市委」：太大"]
    assert "只读" in str(errors[4]) or "不能修改" in str(errors[4])


def test_edit_error_is_one_class_and_never_caught_as_a_value_error() -> None:
    """An ``except ValueError`` around int() or date() must not swallow a refusal the user should read."""
    assert EditErrorFromEdits is EditError
    with pytest.raises(EditError):
        try:
            raise EditError(["第 3 行：单位不存在"])
        except ValueError:  # pragma: no cover - the point of the test is that this never runs
            pytest.fail("EditError was caught as a ValueError")


def test_a_writing_failure_of_a_database_is_explained_and_other_errors_pass_through(tmp_path: Path) -> None:
    target = tmp_path / "甲.zwxx"
    with pytest.raises(OutputError, match="甲.zwxx"), atomic_path(target):
        raise sqlite3.OperationalError("database or disk is full")
    with pytest.raises(EditError), atomic_path(target):
        raise EditError(["不是写文件的问题"])
    assert not target.exists() and not list(tmp_path.iterdir())
