"""Test set-up shared by every test.

Qt runs offscreen. Tests that use a Qt fixture (qtbot, qapp, qtmodeltester) are marked
``gui``; ``pytest -m "not gui"`` runs the pure domain tests alone, with no QApplication.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_TABLE = RESOURCES / "qianjiang-2023H1-attachment.csv"
SAMPLE_PERIOD = RESOURCES / "sample-2023H1.zwxx"

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester", "qtlog"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
            # The coverage gate (build/dev.sh test, [tool.coverage] in pyproject.toml) counts what the
            # domain tests exercise, and measuring the GUI tests would only slow them down.
            if item.config.pluginmanager.hasplugin("_cov"):
                item.add_marker(pytest.mark.no_cover)


@pytest.fixture(autouse=True)
def _no_application_outside_gui_tests(request: pytest.FixtureRequest):
    """A test that needs no display must not create a QApplication."""
    before = _application_exists()
    yield
    if request.node.get_closest_marker("gui") is None and not before:
        assert not _application_exists(), "this test created a QApplication; use the qapp/qtbot fixtures"


def _application_exists() -> bool:
    widgets = sys.modules.get("PySide6.QtCore")
    return widgets is not None and widgets.QCoreApplication.instance() is not None


@pytest.fixture
def seed_csv() -> Path:
    return SEED_TABLE


def edit_keeping_digest(path: Path, *statements: str | tuple[str, tuple]) -> Path:
    """Change a period file with SQL as a copy of this program writes (the content digest kept up
    to date): for files whose content no dialog can produce, e.g. names from before the names rule."""
    import sqlite3

    from scoring.storage import digest

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for statement in statements:
            conn.execute(*statement) if isinstance(statement, tuple) else conn.execute(statement)
        digest.seal(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def start_script(script: Path, *args: str | Path) -> subprocess.Popen:
    """Run the Python helper ``script`` as another program, the repository importable, its
    output read as text through ``process.stdout``."""
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def sample_copies(folder: Path, *names: str) -> list[Path]:
    """Writable copies of the shipped sample period under the given file names."""
    paths = []
    for name in names:
        path = folder / name
        path.write_bytes(SAMPLE_PERIOD.read_bytes())
        paths.append(path)
    return paths


@pytest.fixture
def replace_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs cannot replace their target, as when Excel or a PDF reader has it open on Windows."""
    import scoring.atomic

    def locked(_source, _target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(scoring.atomic.os, "replace", locked)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped sample period."""
    target = tmp_path / "2023年上半年.zwxx"
    target.write_bytes(SAMPLE_PERIOD.read_bytes())
    return target


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while an output is written.

    Files written by ``scoring.atomic`` fail when flushed to the disk with ENOSPC; a period file
    written by SQLite (a new file, or a copy by the backup API) gets SQLite's own "database or
    disk is full": its temporary file may not grow beyond two pages (``PRAGMA max_page_count``).
    """
    import errno
    import sqlite3

    import scoring.atomic

    def no_space(_handle: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        connection = real_connect(database, *args, **kwargs)
        if str(database).endswith(".tmp"):  # the temporary file atomic_path gives the writer
            connection.execute("PRAGMA max_page_count = 2")
        return connection

    monkeypatch.setattr(scoring.atomic.os, "fsync", no_space)
    monkeypatch.setattr(sqlite3, "connect", connect)


_HOLD_LOCK = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + ".lock")
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(0) else "refused", flush=True)
sys.stdin.read()
lock.unlock()
"""


@pytest.fixture
def locked_elsewhere():
    """``lock(path)`` opens ``path`` in another program, as another window would: a separate
    process holds its QLockFile until the test ends."""
    import subprocess

    holders: list[subprocess.Popen[str]] = []

    def lock(path: Path) -> Path:
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        return path

    yield lock
    for holder in holders:
        holder.communicate("", timeout=30)
