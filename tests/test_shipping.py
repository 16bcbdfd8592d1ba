"""What the shipped program is made of: version, icons, and the smoke test's own judgement."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import sys
from pathlib import Path

import pytest

import desktop_app
from scoring.resources import APP_ICON_SIZES, app_icon_file
from tests.conftest import ROOT

ICONS = ROOT / "resources" / "icons"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"infoscore_{name}", ROOT / "build" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_program_version_is_the_project_version() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert desktop_app.__version__ == re.search(r'(?m)^version\s*=\s*"([^"]+)"', text).group(1)


def _ico_sizes(path: Path) -> list[int]:
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1), f"{path.name} is not an icon file"
    sizes = []
    for i in range(count):
        width, _height, _colors, _, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert bits == 32 and offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


@pytest.mark.parametrize("name", ["app.ico", "document.ico"])
def test_icons_carry_every_size_windows_asks_for(name: str) -> None:
    assert _ico_sizes(ICONS / name) == [16, 24, 32, 48, 64, 128, 256]


def test_window_icon_pngs_exist_for_every_size() -> None:
    for size in APP_ICON_SIZES:
        assert app_icon_file(size).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_spec_build_script_and_installer_name_the_same_program() -> None:
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    iss = (ROOT / "build" / "installer.iss").read_text(encoding="utf-8-sig")
    name = re.search(r'(?m)^NAME = "([^"]+)"', spec).group(1)
    assert _load("build").NAME == name
    assert f'#define AppExeName "{name}.exe"' in iss
    assert f'#define AppName "{desktop_app.APP_NAME}"' in iss
    assert f'PRODUCT = "{desktop_app.APP_NAME}"' in spec


# -- the smoke test's judgement, with a stand-in for the frozen program (fast) --------------

FAKE_PROGRAM = """#!/bin/sh
# stand-in for the frozen program: writes a self-test report, then does what MODE says
out="$2"; mkdir -p "$out" "$HOME/.local/share/InfoScore/logs"
echo log > "$HOME/.local/share/InfoScore/logs/infoscore.log"
cat > "$out/selftest-report.json" <<JSON
REPORT
JSON
case "MODE" in
  beside) echo x > "$(dirname "$0")/settings.ini" ;;
  stderr) echo "QFont: missing" >&2 ;;
  cwd) echo x > leftover.txt ;;
esac
echo 自检全部通过
"""


def _fake(tmp_path: Path, mode: str, ok: bool = True, modules: list[str] | None = None) -> Path:
    smoke = _load("smoke_test")
    report = {"ok": ok, "frozen": True, "modules": sorted(smoke.source_modules()) if modules is None else modules,
              "steps": [{"step": "导出", "ok": ok, "detail": "已导出" if ok else "附件.csv 是空文件"}]}
    folder = tmp_path / "dist" / "InfoScore"
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "InfoScore"
    exe.write_text(FAKE_PROGRAM.replace("REPORT", json.dumps(report, ensure_ascii=False)).replace("MODE", mode))
    exe.chmod(0o755)
    return exe


needs_posix_shell = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in program is a shell script")


@needs_posix_shell
def test_smoke_test_passes_a_program_that_behaves(tmp_path) -> None:
    problems, said = _load("smoke_test").run_selftest(_fake(tmp_path, "good"), tmp_path / "run")
    assert problems == [] and "自检全部通过" in said


@needs_posix_shell
@pytest.mark.parametrize(
    ("mode", "ok", "modules", "complaint"),
    [
        # as root the write succeeds and is found; otherwise the read-only folder refuses it loudly
        ("beside", True, None, ("wrote into its own folder", "stderr")),
        ("stderr", True, None, ("stderr",)),
        ("cwd", True, None, ("working folder",)),
        ("good", False, None, ("附件.csv 是空文件",)),
        ("good", True, ["desktop_app"], ("modules missing from the build",)),
    ],
)
def test_smoke_test_fails_a_program_that_misbehaves(tmp_path, mode, ok, modules, complaint) -> None:
    problems, _said = _load("smoke_test").run_selftest(_fake(tmp_path, mode, ok, modules), tmp_path / "run")
    assert any(part in problem for problem in problems for part in complaint), problems
