"""The frozen program, built with installer.spec, works on a PC without Python (slow: builds once).

Skipped only when PyInstaller is not installed (pip install -e .[build]); any other problem
with the build fails. build/smoke_test.py runs the same checks outside the test suite.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.frozen
if importlib.util.find_spec("PyInstaller") is None:
    pytest.skip("PyInstaller is not installed (pip install -e .[build])", allow_module_level=True)


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"infoscore_{name}", ROOT / "build" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


smoke = _load("smoke_test")


@pytest.fixture(scope="session")
def build_folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("frozen")
    exe = smoke.builder.build_folder(folder / "dist", folder / "work")
    return exe, folder / "work"


@pytest.fixture(scope="session")
def frozen_program(build_folders) -> Path:
    return build_folders[0]


def test_the_windows_version_resource_names_the_product_and_version(build_folders) -> None:
    """The text PyInstaller compiles into InfoScore.exe on Windows (written on every platform)."""
    import desktop_app

    recorded: dict[str, object] = {}

    def record(kind):
        return lambda *args, **kwargs: recorded.setdefault(kind, []).append((args, kwargs)) or (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo", "VarStruct")
    text = next(build_folders[1].rglob("version_info.txt")).read_text(encoding="utf-8")
    eval(text, {name: record(name) for name in names})  # noqa: S307 - our own generated file
    strings = dict(args for args, _ in recorded["StringStruct"])
    assert strings["ProductName"] == desktop_app.APP_NAME
    assert strings["ProductVersion"] == strings["FileVersion"] == desktop_app.__version__
    assert strings["OriginalFilename"] == "InfoScore.exe"
    fixed = recorded["FixedFileInfo"][0][1]
    assert fixed["filevers"] == fixed["prodvers"] == tuple(int(n) for n in desktop_app.__version__.split(".")) + (0,)


def test_the_folder_has_what_the_program_needs_and_nothing_unused(frozen_program: Path) -> None:
    assert smoke.check_folder(frozen_program.parent) == []


def test_the_frozen_program_opens_edits_prints_and_exports_without_python(frozen_program: Path, tmp_path) -> None:
    problems, said = smoke.run_selftest(frozen_program, tmp_path)
    assert problems == [], said
    assert "自检全部通过" in said


def test_the_frozen_program_opens_a_file_writable_after_a_finished_and_a_killed_run(frozen_program, tmp_path) -> None:
    """Under Wine the window once opened read-only, 'held' by an earlier run: the lock of a run
    that quit, or was killed, must not keep the next run from editing the file."""
    problems, seen = smoke.run_lock_check(frozen_program, tmp_path)
    assert problems == [], seen
