"""Hostile output targets × commands: every odd place an output could be sent ends in a clean
Chinese refusal (exit 1, no traceback) or a correct output, and never in a changed input.

Targets: the input itself under other spellings (relative, ./, ../, other case, a symlink, a
hard link, its journal), a period file another program holds, a folder, a missing folder, a file
used as a folder, a device (/dev/full), and a second output of the same command. Commands:
export (CSV, Excel, PDF), notice, import, accumulate. A read-only folder and a full disk are run
for real, in a private mount namespace, at the end.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.cli import run_command
from tests.conftest import ROOT, SAMPLE_PERIOD, SEED_TABLE

REFUSE, WRITE, EITHER = "refuse", "write", "either"
CASE_INSENSITIVE = sys.platform in ("win32", "darwin")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "期间"
    folder.mkdir()
    shutil.copyfile(SAMPLE_PERIOD, folder / "P.zwxx")
    shutil.copyfile(SAMPLE_PERIOD, folder / "B.zwxx")
    shutil.copyfile(SEED_TABLE, folder / "T.csv")
    return folder


# A command: (argument list given the output, the input the output must never destroy, magic of a good output)
COMMANDS: dict[str, tuple[Callable[[str], list[str]], str, bytes]] = {
    "export-csv": (lambda out: ["export", "P.zwxx", "--csv", out], "P.zwxx", b"\xef\xbb\xbf"),
    "export-xlsx": (lambda out: ["export", "P.zwxx", "--xlsx", out], "P.zwxx", b"PK"),
    "export-pdf": (lambda out: ["export", "P.zwxx", "--pdf", out], "P.zwxx", b"%PDF"),
    "notice": (lambda out: ["notice", "P.zwxx", "-o", out], "P.zwxx", b"PK"),
    "import": (lambda out: ["import", "T.csv", "-o", out], "T.csv", b"SQLite format 3"),
    "accumulate": (lambda out: ["accumulate", "P.zwxx", "B.zwxx", "-o", out], "P.zwxx", b"SQLite format 3"),
}


def _spelled(spelling: str) -> Callable[[Path, str], str]:
    return lambda folder, source: spelling.format(source=source, upper=source.upper(), folder=folder.name)


def _symlink(folder: Path, source: str) -> str:
    try:
        os.symlink(folder / source, folder / "链接")
    except OSError:  # Windows without the right to make symlinks
        pytest.skip("symlinks cannot be made here")
    return "链接"


def _hard_link(folder: Path, source: str) -> str:
    os.link(folder / source, folder / "硬链接")
    return "硬链接"


def _device(folder: Path, source: str) -> str:
    """/dev/full; where this test may write into /dev (root), a twin of it in the test folder, so that
    a regression replaces the twin instead of the machine's device."""
    if not os.access("/dev", os.W_OK):
        return "/dev/full"
    os.mknod(folder / "full", 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return "full"


def _file_as_folder(folder: Path, source: str) -> str:
    return f"{source}/附件"


# A target: (how to name it given the folder and the command's input, what must happen)
TARGETS: dict[str, tuple[Callable[[Path, str], str], str]] = {
    "the input": (_spelled("{source}"), REFUSE),
    "./input": (_spelled("./{source}"), REFUSE),
    "../folder/input": (_spelled("../{folder}/{source}"), REFUSE),
    "absolute input": (lambda folder, source: str(folder / source), REFUSE),
    "input in other case": (_spelled("{upper}"), REFUSE if CASE_INSENSITIVE else WRITE),
    "symlink to input": (_symlink, REFUSE),
    "hard link to input": (_hard_link, REFUSE),
    "journal of the input": (_spelled("{source}-journal"), REFUSE),
    "input as a folder": (_file_as_folder, REFUSE),
    "a folder": (lambda folder, source: ".", REFUSE),
    "a missing folder": (lambda folder, source: "没有的文件夹/输出", REFUSE),
    "/dev/full": (_device, REFUSE),
    "an ordinary new file": (lambda folder, source: "输出", WRITE),
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def _run(folder: Path, monkeypatch, capsys, command: str, target: str, expect: str) -> str:
    arguments, source, magic = COMMANDS[command]
    monkeypatch.chdir(folder)
    inputs = {name: data for name, data in _snapshot(folder).items() if name in ("P.zwxx", "B.zwxx", "T.csv")}
    code = run_command(arguments(target))  # an unexpected exception here is the traceback a clerk would see
    out, err = capsys.readouterr()
    for name, data in inputs.items():
        assert (folder / name).read_bytes() == data, f"{command} → {target!r} changed the input {name}"
    if expect == REFUSE or (expect == EITHER and code):
        assert code == 1, (command, target, out, err)
        assert err.startswith("错误：") and any("\u4e00" <= c <= "\u9fff" for c in err), err
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    else:
        assert code == 0, (command, target, err)
        assert (folder / target).read_bytes().startswith(magic)
    return err


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "export-pdf"])
def test_odd_target(tmp_path, monkeypatch, capsys, command, target) -> None:
    folder = _folder(tmp_path)
    name, expect = TARGETS[target]
    _run(folder, monkeypatch, capsys, command, name(folder, COMMANDS[command][1]), expect)


@pytest.mark.parametrize("target", TARGETS)
def test_odd_pdf_target(qapp, tmp_path, monkeypatch, capsys, target) -> None:
    folder = _folder(tmp_path)
    name, expect = TARGETS[target]
    _run(folder, monkeypatch, capsys, "export-pdf", name(folder, "P.zwxx"), expect)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "export-pdf"])
def test_a_period_file_another_program_holds(tmp_path, monkeypatch, capsys, locked_elsewhere, command) -> None:
    folder = _folder(tmp_path)
    held = locked_elsewhere(folder / "B.zwxx")
    before = held.read_bytes()
    if command == "accumulate":  # B is an input there; hold another period file instead
        shutil.copyfile(SAMPLE_PERIOD, folder / "C.zwxx")
        held = locked_elsewhere(folder / "C.zwxx")
    err = _run(folder, monkeypatch, capsys, command, held.name, REFUSE)
    assert held.read_bytes() == before
    assert f"「{held.name}」正由本机另一个程序窗口（进程 " in err


def test_the_same_output_twice_in_one_export(tmp_path, monkeypatch, capsys) -> None:
    folder = _folder(tmp_path)
    monkeypatch.chdir(folder)
    for spelling in ("附件", "./附件", f"../{folder.name}/附件"):
        assert run_command(["export", "P.zwxx", "--csv", "附件", "--xlsx", spelling]) == 1
        assert "「附件」被指定为两个输出文件" in capsys.readouterr().err
        assert not (folder / "附件").exists()
    assert run_command(["export", "P.zwxx", "--csv", "x.csv", "--compare", "B.zwxx", "--xlsx", "B.zwxx"]) == 1
    assert "「B.zwxx」是本次要读取的文件" in capsys.readouterr().err
    assert (folder / "B.zwxx").read_bytes() == SAMPLE_PERIOD.read_bytes() and not (folder / "x.csv").exists()


# -- for real: a read-only folder and a full disk, in a private mount namespace ------------------

_SCRIPT = r"""
set -u
mount -t tmpfs -o size=64k tmpfs "$1/满"
cd "$1"
echo old > 满/旧.xlsx
dd if=/dev/zero of=满/填满 bs=1k count=100 2>/dev/null  # stops when the disk is full
echo old > 只读/旧.csv
mount --bind 只读 只读 && mount -o remount,bind,ro 只读
for args in "export P.zwxx --csv 满/a.csv" "export P.zwxx --pdf 满/a.pdf" "export P.zwxx --xlsx 满/旧.xlsx" \
            "notice P.zwxx -o 满/通报.docx" "import T.csv -o 满/新.zwxx" "accumulate P.zwxx B.zwxx -o 满/累计.zwxx" \
            "export P.zwxx --csv 只读/旧.csv" "import T.csv -o 只读/新.zwxx"; do
    "$2" -m desktop_app $args; echo "exit $?"
done
ls -A 满 只读
cat 满/旧.xlsx 只读/旧.csv
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("unshare") is None, reason="needs Linux namespaces")
def test_a_really_full_disk_and_a_really_read_only_folder(tmp_path) -> None:
    folder = _folder(tmp_path)
    (folder / "满").mkdir()
    (folder / "只读").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", _SCRIPT, "sh", str(folder), sys.executable],
        capture_output=True, text=True, env=env, check=False,
    )
    if "exit" not in done.stdout:
        pytest.skip(f"no private mount namespace here: {done.stderr.strip()}")
    assert done.stdout.count("exit 1") == 8, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    for name in ("a.csv", "a.pdf", "旧.xlsx", "通报.docx", "新.zwxx", "累计.zwxx"):
        assert f"错误：磁盘空间不足，无法写入「{name}」" in done.stderr, done.stderr
    assert done.stderr.count("所在的磁盘是只读的") == 2, done.stderr
    assert done.stdout.split("exit 1\n")[-1].split() == ["只读:", "旧.csv", "满:", "填满", "旧.xlsx", "old", "old"]
    assert (folder / "P.zwxx").read_bytes() == SAMPLE_PERIOD.read_bytes()
