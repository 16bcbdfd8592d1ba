"""Where an output may go (scoring.output_target): no input, open or locked period file is ever
overwritten (how it is written: tests/scoring/test_atomic.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from scoring.output_target import TargetRefused, check_output, lock_holder, same_file, with_suffix

FULL = "磁盘空间不足，无法写入「{}」。请清理磁盘或另选一个位置后重试（原有文件没有改变）"


@pytest.mark.parametrize(
    ("typed", "suffix", "written"),
    [
        ("2023.07", ".zwxx", "2023.07.zwxx"),
        ("周报 v1.2", ".zwxx", "周报 v1.2.zwxx"),
        ("上半年", ".zwxx", "上半年.zwxx"),
        ("上半年.zwxx", ".zwxx", "上半年.zwxx"),
        ("上半年.ZWXX", ".zwxx", "上半年.ZWXX"),
        ("附件.PDF", ".pdf", "附件.PDF"),
        ("附件.xlsx.bak", ".xlsx", "附件.xlsx.bak.xlsx"),
        ("2023年上半年.zwxx", ".csv", "2023年上半年.zwxx.csv"),
    ],
)
def test_the_suffix_is_added_never_replacing_what_was_typed(tmp_path, typed, suffix, written) -> None:
    assert with_suffix(tmp_path / typed, suffix) == tmp_path / written
    assert with_suffix(str(tmp_path / typed), suffix) == tmp_path / written


def test_the_same_file_under_other_spellings(tmp_path, monkeypatch) -> None:
    original = tmp_path / "期间.zwxx"
    original.write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    os.link(original, tmp_path / "硬链接.zwxx")
    spellings = ["期间.zwxx", "./期间.zwxx", "sub/../期间.zwxx", tmp_path / "硬链接.zwxx"]
    if sys.platform != "win32":  # Windows makes symlinks only with developer mode or as administrator
        os.symlink(original, tmp_path / "链接.zwxx")
        spellings.append(tmp_path / "链接.zwxx")
    for spelling in spellings:
        assert same_file(spelling, original), spelling
    assert not same_file("期间2.zwxx", original)
    assert not same_file(tmp_path / "sub", original)


def test_an_input_the_open_file_another_output_or_a_folder_is_refused(tmp_path) -> None:
    period = tmp_path / "期间.zwxx"
    period.write_bytes(b"x")
    cases = [
        (dict(inputs=[period]), "「期间.zwxx」是本次要读取的文件"),
        (dict(open_files=[period]), "「期间.zwxx」是正在使用的期间文件，不能被覆盖"),
        (dict(outputs=[period]), "「期间.zwxx」被指定为两个输出文件"),
    ]
    for kwargs, says in cases:
        with pytest.raises(TargetRefused, match=says):
            check_output(tmp_path / "." / "期间.zwxx", **kwargs)
    with pytest.raises(TargetRefused, match="「sub」是一个文件夹"):
        (tmp_path / "sub").mkdir()
        check_output(tmp_path / "sub")
    with pytest.raises(TargetRefused, match="不存在"):
        check_output(tmp_path / "没有的文件夹" / "a.csv")
    with pytest.raises(TargetRefused, match="「期间.zwxx」不是文件夹"):
        check_output(period / "a.csv")
    with pytest.raises(TargetRefused, match="不是普通文件" if sys.platform != "win32" else "不存在"):
        check_output("/dev/null")
    with pytest.raises(TargetRefused, match="是期间文件「期间.zwxx」的附属文件"):
        check_output(tmp_path / "期间.zwxx-journal")
    assert check_output(tmp_path / "新.csv", inputs=[period]) == tmp_path / "新.csv"
    assert check_output(period) == period  # an ordinary existing file may be replaced (atomically)


def test_a_period_file_another_program_holds_is_refused(tmp_path, locked_elsewhere) -> None:
    period = locked_elsewhere(tmp_path / "期间.zwxx")
    holder = lock_holder(period)
    assert holder is not None and holder.startswith("本机另一个程序窗口（进程 ")
    with pytest.raises(TargetRefused, match=r"「期间.zwxx」正由本机另一个程序窗口（进程 \d+）打开，不能被覆盖"):
        check_output(period)
    with pytest.raises(TargetRefused, match="附属文件"):
        check_output(tmp_path / "期间.zwxx.lock")


def test_locks_of_other_computers_count_and_locks_of_dead_programs_do_not(tmp_path) -> None:
    period = tmp_path / "期间.zwxx"
    lock = tmp_path / "期间.zwxx.lock"
    assert lock_holder(period) is None
    lock.write_text("4242\n政务信息报送考核\n财务科的电脑\n", encoding="utf-8")
    assert lock_holder(period) == "计算机「财务科的电脑」上的程序（进程 4242）"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(f"{finished.stdout.strip()}\npython\n{socket.gethostname()}\n", encoding="utf-8")
    assert lock_holder(period) is None  # as QLockFile: the program that held it is gone
    lock.write_text(f"{os.getpid()}\npython\n{socket.gethostname()}\n", encoding="utf-8")
    assert lock_holder(period) == "本程序"
    lock.write_text("garbage", encoding="utf-8")
    assert lock_holder(period) == "另一个程序"


def test_locks_left_before_a_restart_or_without_a_process_are_free_and_unreadable_ones_count(tmp_path) -> None:
    period = tmp_path / "期间.zwxx"
    lock = tmp_path / "期间.zwxx.lock"
    host = socket.gethostname()
    parent = os.getppid()  # a process that runs
    lock.write_text(f"{parent}\npython\n{host}\nmachine\nboot-id-of-an-earlier-start\n", encoding="utf-8")
    expected_after_restart = None if os.path.exists("/proc/sys/kernel/random/boot_id") else f"本机另一个程序窗口（进程 {parent}）"
    assert lock_holder(period) == expected_after_restart
    lock.write_text(f"{parent}\npython\n{host}\n", encoding="utf-8")
    assert lock_holder(period) == f"本机另一个程序窗口（进程 {parent}）"
    lock.write_text(f"0\npython\n{host}\n", encoding="utf-8")
    assert lock_holder(period) is None
    lock.unlink()
    lock.mkdir()  # present but cannot be read
    assert lock_holder(period) == "另一个程序"


def test_an_output_cannot_be_named_twice(tmp_path) -> None:
    with pytest.raises(TargetRefused, match="被指定为两个输出文件"):
        check_output(tmp_path / "附件.csv", inputs=[tmp_path / "表.csv"], outputs=[tmp_path / "附件.pdf", tmp_path / "附件.csv"])
