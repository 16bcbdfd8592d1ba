"""Who may write a period file: one program at a time, and a lock left by a run that ended never
keeps the file read-only. Also: a damaged last file does not stop the program from starting."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from desktop_app import session as session_module
from desktop_app.app import choose_file, parse_gui_args
from desktop_app.new_file import holding
from desktop_app.session import Session, break_lock
from scoring.output_target import TargetRefused
from tests.conftest import start_script

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL")


def _lock(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@pytest.fixture
def holder(sample_copy: Path) -> Iterator[subprocess.Popen]:
    """Another program on this PC that has the file open (holds its lock)."""
    process = start_script(Path(__file__).with_name("lock_holder.py"), sample_copy)
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    yield process
    process.kill()
    process.communicate()


def test_a_live_program_on_this_pc_keeps_its_lock_and_no_unlock_is_offered(
    qtbot, sample_copy: Path, holder, messages
) -> None:
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_copy)
    assert window.session.read_only and f"本机另一个程序窗口（进程 {holder.pid}）" in window.banner.text()
    assert "解除占用" not in window.banner.text() and not window.session.can_break_lock
    window.close()
    assert not break_lock(sample_copy) and _lock(sample_copy).exists()
    again = Session.open(sample_copy)
    assert again.read_only
    again.close()


def test_two_sessions_on_one_file_never_both_write(qapp, sample_copy: Path) -> None:
    first = Session.open(sample_copy)
    second = Session.open(sample_copy)
    assert not first.read_only and second.read_only and "本程序已打开的另一个窗口" in second.why_read_only
    assert not second.can_break_lock
    second.close()
    assert not break_lock(sample_copy)
    third = Session.open(sample_copy)
    assert third.read_only and not first.read_only
    third.close()
    first.close()
    fourth = Session.open(sample_copy)  # released on close
    assert not fourth.read_only
    fourth.close()


def test_the_host_name_is_compared_as_qlockfile_writes_it(qtbot, sample_copy: Path, holder) -> None:
    lines = _lock(sample_copy).read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].upper() + "-NETBIOS"  # e.g. COMPUTERNAME "VM" where the DNS name is "vm"
    _lock(sample_copy).write_text("\n".join(lines), encoding="utf-8")
    opened = Session.open(sample_copy)
    assert opened.read_only and "本机另一个程序窗口" in opened.why_read_only and "计算机「" not in opened.why_read_only
    assert not opened.can_break_lock
    opened.close()


def test_a_lock_left_by_a_killed_program_does_not_make_the_next_open_read_only(
    qapp, sample_copy: Path, holder
) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert _lock(sample_copy).exists()
    opened = Session.open(sample_copy)
    assert not opened.read_only
    opened.close()


def test_a_lock_left_by_an_earlier_run_with_the_same_process_id_does_not_make_the_file_read_only(
    qapp, sample_copy: Path
) -> None:
    # Under Wine every run gets the same process id: the lock of a run that ended names "us".
    earlier = QLockFile(str(_lock(sample_copy)))
    assert earlier.tryLock(0)
    contents = _lock(sample_copy).read_bytes()
    earlier.unlock()
    _lock(sample_copy).write_bytes(contents)
    opened = Session.open(sample_copy)
    assert not opened.read_only
    opened.close()
    assert not _lock(sample_copy).exists()


def test_writing_a_new_file_takes_the_lock_as_opening_does(qapp, sample_copy: Path, holder) -> None:
    # new_file.holding and Session.open take the lock the same way: a live holder refuses both,
    # the lock an earlier run with this process id left refuses neither.
    with pytest.raises(TargetRefused, match="正由本机另一个程序窗口（进程 "):
        with holding(sample_copy):
            pass
    holder.kill()
    holder.wait()
    earlier = QLockFile(str(_lock(sample_copy)))
    assert earlier.tryLock(0)
    contents = _lock(sample_copy).read_bytes()
    earlier.unlock()
    _lock(sample_copy).write_bytes(contents)
    with holding(sample_copy):
        assert _lock(sample_copy).exists()
    assert not _lock(sample_copy).exists()


def test_the_lock_of_another_computer_can_be_broken_after_a_warning_naming_it_and_its_age(
    qtbot, sample_copy: Path, questions, messages
) -> None:
    from desktop_app.main_window import MainWindow

    lock = _lock(sample_copy)
    lock.write_text("4242\nInfoScore.exe\n财务科电脑\n{0123-4567}\n\n", encoding="utf-8")
    two_hours_ago = time.time() - 2 * 3600 - 60
    os.utime(lock, (two_hours_ago, two_hours_ago))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_copy)
    assert window.session.read_only and "财务科电脑" in window.banner.text() and "解除占用" in window.banner.text()
    window.banner.linkActivated.emit("unlock")
    assert "「财务科电脑」" in questions[-1] and "2 小时前" in questions[-1]
    assert not window.session.read_only and not lock.read_text(encoding="utf-8").startswith("4242")
    window.close()


def test_a_full_disk_is_not_called_a_read_only_folder(qapp, sample_copy: Path, monkeypatch) -> None:
    class NoSpaceForTheLock:
        LockError = QLockFile.LockError

        def __init__(self, name: str) -> None:
            self.name = name

        def setStaleLockTime(self, value: int) -> None:  # noqa: N802 - Qt's name
            pass

        def tryLock(self, timeout: int) -> bool:  # noqa: N802 - Qt's name
            return False

        def error(self) -> QLockFile.LockError:
            return QLockFile.LockError.UnknownError  # what QLockFile reports for a full partition

    monkeypatch.setattr(session_module, "QLockFile", NoSpaceForTheLock)
    monkeypatch.setattr("shutil.disk_usage", lambda path: _Usage())
    opened = Session.open(sample_copy)
    assert opened.read_only and "磁盘空间不足" in opened.why_read_only and "只读的" not in opened.why_read_only
    opened.close()


class _Usage:
    total, used, free = 10**9, 10**9, 0


def test_a_damaged_last_file_does_not_stop_the_program_from_starting(qtbot, sample_copy: Path, messages) -> None:
    from desktop_app.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    choose_file(parse_gui_args([str(sample_copy)]), first)
    first.close()
    conn = sqlite3.connect(sample_copy)  # damaged in a way SQLite's quick check does not notice
    conn.execute("UPDATE scheme_setting SET value = '按心情' WHERE key = 'ranking'")
    conn.commit()
    conn.close()
    window = MainWindow()
    qtbot.addWidget(window)
    choose_file(parse_gui_args([]), window)
    assert window.session is None and window.pages.currentIndex() == 0
    assert messages and sample_copy.name in messages[-1][1] and "已损坏" in messages[-1][1]
    window.close()
