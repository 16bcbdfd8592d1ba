"""Writing an output in one step (scoring.atomic): a full disk or an unwritable folder is explained
in Chinese and leaves the old file and no temporary file behind."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

import scoring.atomic
from scoring.atomic import OutputError, atomic_save, atomic_write
from scoring.document import PeriodDocument
from scoring.sample import build_sample

FULL = "磁盘空间不足，无法写入「{}」。请清理磁盘或另选一个位置后重试（原有文件没有改变）"


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, disk_full) -> None:
    target = tmp_path / "附件.csv"
    target.write_bytes(b"old")
    with pytest.raises(OutputError) as refused:
        atomic_write(target, b"new contents")
    assert str(refused.value) == FULL.format("附件.csv")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["附件.csv"]


def test_a_period_file_on_a_full_disk_is_explained(tmp_path, disk_full) -> None:
    """SQLite's own "database or disk is full" while a new period file is written."""

    new = tmp_path / "新期间.zwxx"
    with pytest.raises(OutputError) as refused:
        PeriodDocument.create(new, build_sample())
    assert str(refused.value) == FULL.format("新期间.zwxx")
    assert list(tmp_path.iterdir()) == []


def test_a_copy_on_a_full_disk_keeps_the_old_copy(tmp_path, sample_copy, disk_full) -> None:
    from scoring.storage import PeriodFile

    copy = tmp_path / "副本.zwxx"
    copy.write_bytes(b"old copy")
    before = sorted(tmp_path.iterdir())
    with PeriodFile.open(sample_copy, read_only=True) as opened, pytest.raises(OutputError) as refused:
        opened.save_copy(copy)
    assert str(refused.value) == FULL.format("副本.zwxx")
    assert copy.read_bytes() == b"old copy" and sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.EACCES, "无法写入「附件.csv」：没有在「{}」中写文件的权限，请另选一个位置"),
        (errno.EROFS, "无法写入「附件.csv」：「{}」所在的磁盘是只读的，请另选一个位置"),
        (errno.ENOSPC, "磁盘空间不足，无法写入「附件.csv」"),
    ],
)
def test_a_folder_that_refuses_new_files_is_explained(tmp_path, monkeypatch, code, says) -> None:
    import scoring.atomic

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(scoring.atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=says.format(tmp_path)):
        atomic_write(tmp_path / "附件.csv", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_library_writing_into_memory_is_saved_in_one_step(tmp_path) -> None:
    target = tmp_path / "通报.docx"
    target.write_bytes(b"old")
    atomic_save(target, lambda buffer: buffer.write(b"new document"))
    assert target.read_bytes() == b"new document" and [p.name for p in tmp_path.iterdir()] == ["通报.docx"]


def test_a_target_another_program_holds_open_is_explained_and_kept(tmp_path, monkeypatch) -> None:
    def held(*args, **kwargs):
        raise PermissionError(errno.EACCES, "the file is in use")  # what Windows says while Excel has it open

    target = tmp_path / "附件.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(scoring.atomic.os, "replace", held)
    with pytest.raises(OutputError, match="文件正被其他程序（如 Excel、WPS）打开"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["附件.xlsx"]


def test_a_folder_that_is_not_there_is_named(tmp_path) -> None:
    with pytest.raises(OutputError, match="文件夹不存在或路径中有一项不是文件夹"):
        atomic_write(tmp_path / "没有的文件夹" / "附件.csv", b"x")


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOENT, "无法写入「附件.csv」：文件夹「{}」不存在"),
        (errno.ENOTDIR, "无法在「{}」中写文件：路径中有一项不是文件夹"),
        (errno.EISDIR, "无法写入「附件.csv」：这是一个文件夹"),
        (errno.ENAMETOOLONG, "无法写入「附件.csv」：文件名太长或含有不允许的字符"),
        (errno.EIO, "无法写入「附件.csv」：Input/output error"),
    ],
)
def test_each_reason_a_write_fails_is_said_in_chinese(tmp_path, code, says) -> None:
    error = OSError(code, os.strerror(code))
    assert scoring.atomic.describe_os_error(error, tmp_path / "附件.csv") == says.format(tmp_path)


def test_a_failure_while_renaming_into_place_is_explained(tmp_path, monkeypatch) -> None:
    def gone(*args, **kwargs):
        raise OSError(errno.ENOENT, "No such file or directory")  # the folder vanished meanwhile

    monkeypatch.setattr(scoring.atomic.os, "replace", gone)
    with pytest.raises(OutputError, match="文件夹「.*」不存在"):
        atomic_write(tmp_path / "附件.csv", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_database_error_that_is_not_about_writing_is_not_disguised(tmp_path) -> None:
    with pytest.raises(sqlite3.IntegrityError), scoring.atomic.atomic_path(tmp_path / "新期间.zwxx"):
        raise sqlite3.IntegrityError("UNIQUE constraint failed: unit.name")
    assert list(tmp_path.iterdir()) == []
