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
# stand-in for the frozen program: the window on a period file ($1), or the self-test
if [ "$1" != selftest ]; then
  lock="$1.lock"
  case "MODE" in read-only-after-kill) [ -e "$lock" ] && { [ -n "$INFOSCORE_STARTUP_PROBE" ] && date +%s > "$INFOSCORE_STARTUP_PROBE"; exit 0; } ;; esac
  printf '%s\\nInfoScore\\nhost\\n' $$ > "$lock"
  if [ -z "$INFOSCORE_STARTUP_PROBE" ]; then sleep 60; exit 0; fi
  date +%s > "$INFOSCORE_STARTUP_PROBE"
  case "MODE" in keeps-lock) ;; *) rm "$lock" ;; esac
  exit 0
fi
out="$2"; mkdir -p "$out" "$HOME/.local/share/InfoScore/logs"
case "MODE" in
  no-log-line) echo "an earlier run" >> "$HOME/.local/share/InfoScore/logs/infoscore.log" ;;
  *) echo "自检开始：$out" >> "$HOME/.local/share/InfoScore/logs/infoscore.log" ;;
esac
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
        # the log may be old (a second run under one account): this run's own line must be in it
        ("no-log-line", True, None, ("wrote nothing into the log",)),
    ],
)
def test_smoke_test_fails_a_program_that_misbehaves(tmp_path, mode, ok, modules, complaint) -> None:
    problems, _said = _load("smoke_test").run_selftest(_fake(tmp_path, mode, ok, modules), tmp_path / "run")
    assert any(part in problem for problem in problems for part in complaint), problems


@needs_posix_shell
def test_lock_check_passes_a_program_that_releases_and_takes_over_locks(tmp_path) -> None:
    problems, seen = _load("smoke_test").run_lock_check(_fake(tmp_path, "good"), tmp_path / "run", timeout=20)
    assert problems == [], seen
    assert "lock file left by the killed run" in seen


@needs_posix_shell
@pytest.mark.parametrize(
    ("mode", "complaint"),
    [
        ("keeps-lock", "first run left the file locked"),
        # the window opened read-only because a killed run's lock was taken for a live program's
        ("read-only-after-kill", "after-kill run left the file locked or opened it read-only"),
    ],
)
def test_lock_check_fails_a_program_that_keeps_a_file_locked(tmp_path, mode, complaint) -> None:
    problems, _seen = _load("smoke_test").run_lock_check(_fake(tmp_path, mode), tmp_path / "run", timeout=20)
    assert any(complaint in problem for problem in problems), problems


def _windows_folder(tmp_path: Path, print_support: bool) -> Path:
    """What PyInstaller makes of a PySide6 Windows wheel: no plugins/printsupport folder at all."""
    internal = tmp_path / "InfoScore" / "_internal"
    for name in ("PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qoffscreen.dll",
                 "PySide6/plugins/styles/qmodernwindowsstyle.dll", "PySide6/translations/qtbase_zh_CN.qm",
                 "PySide6/Qt6Core.dll", "PySide6/Qt6Widgets.dll", *(["PySide6/Qt6PrintSupport.dll"] * print_support)):
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"MZ")
    import shutil

    shutil.copytree(ROOT / "resources", internal / "resources")
    return internal.parent


def test_a_windows_folder_prints_through_qt6printsupport_not_a_plugin(tmp_path, monkeypatch) -> None:
    smoke = _load("smoke_test")
    monkeypatch.setattr(sys, "platform", "win32")
    assert smoke.check_folder(_windows_folder(tmp_path / "with", print_support=True)) == []
    assert smoke.check_folder(_windows_folder(tmp_path / "without", print_support=False)) == [
        "Qt library Qt6PrintSupport.dll is missing"
    ]


# -- the installer's Chinese messages ------------------------------------------------------

DEFAULT_ISL = """; *** Inno Setup version 6.4.0+ English messages ***
[LangOptions]
LanguageName=English
[Messages]
SetupWindowTitle=Setup - %1
ButtonNext=&Next >
SelectDirDesc=Where should [name] be installed?
[CustomMessages]
LaunchProgram=Launch %1
"""


def test_our_chinese_messages_are_complete_for_the_compiler_they_were_made_from() -> None:
    """Every message name of Inno Setup 6.4.1's Default.isl (the list below, as the compiler
    has it) is translated; build/windows_on_debian.sh also compares the file with the real
    Default.isl of the compiler it uses."""
    isl = _load("isl_check")
    ours = isl.messages((ROOT / "build" / "ChineseSimplified.isl").read_text(encoding="utf-8-sig"))
    assert len(ours) == 278
    assert ours["Messages.SetupWindowTitle"] == "安装 - %1"
    assert ours["Messages.ButtonNext"] == "下一步(&N) >"
    assert ours["CustomMessages.CreateDesktopIcon"] == "创建桌面快捷方式(&D)"
    assert all(isl.PLACEHOLDER.findall(ours[name]) for name in ("Messages.SelectDirDesc", "CustomMessages.LaunchProgram"))


@pytest.mark.parametrize(
    ("translated", "complaint"),
    [
        ("[Messages]\nSetupWindowTitle=安装 - %1\nButtonNext=下一步(&N) >\nSelectDirDesc=[name] 装在哪里？\n"
         "[CustomMessages]\nLaunchProgram=运行 %1\n", None),
        ("[Messages]\nSetupWindowTitle=安装 - %1\nButtonNext=下一步(&N) >\nSelectDirDesc=[name] 装在哪里？\n",
         "missing: CustomMessages.LaunchProgram"),
        ("[Messages]\nSetupWindowTitle=安装\nButtonNext=下一步(&N) >\nSelectDirDesc=[name] 装在哪里？\n"
         "[CustomMessages]\nLaunchProgram=运行 %1\n", "Messages.SetupWindowTitle: placeholders"),
        ("[Messages]\nSetupWindowTitle=安装 - %1\nButtonNext=下一步 >\nSelectDirDesc=[name] 装在哪里？\n"
         "[CustomMessages]\nLaunchProgram=运行 %1\nLaunchIt=运行\n", "accelerator"),
        ("[Messages]\nSetupWindowTitle=安装 - %1\nButtonNext=下一步(&N) >\nSelectDirDesc=[name] 装在哪里？\n"
         "[CustomMessages]\nLaunchProgram=运行 %1\nLaunchIt=运行\n", "unknown to Default.isl: CustomMessages.LaunchIt"),
    ],
)
def test_a_messages_file_is_checked_name_by_name_against_default_isl(translated, complaint) -> None:
    problems = _load("isl_check").compare(translated, DEFAULT_ISL)
    assert problems == [] if complaint is None else any(complaint in p for p in problems), problems


# -- build/dev.sh on a bare Debian 12 ---------------------------------------------------------

def _debian_python() -> str | None:
    import shutil
    import subprocess

    python = Path("/usr/bin/python3").resolve()
    if shutil.which("dpkg-query") is None or not python.is_file():
        return None
    owned = subprocess.run(["dpkg-query", "-S", str(python)], capture_output=True)
    return str(python) if owned.returncode == 0 else None


@pytest.mark.skipif(_debian_python() is None, reason="needs Debian's python3 (dpkg)")
def test_dev_sh_sets_up_the_shared_libpython_pyinstaller_needs_for_debians_python(tmp_path) -> None:
    """A fresh Debian 12 failed `build/dev.sh test`: PyInstaller needs libpython3.11.so, which
    Debian's python3 keeps in a package of its own (libpython3.11)."""
    import subprocess

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(_debian_python())
    script = 'source <(sed -n "/^python_debs()/,/^}/p" build/dev.sh); python_debs; grep -n "test) setup" build/dev.sh'
    done = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": f"{bin_dir}:/usr/bin:/bin"})
    version = subprocess.run([_debian_python(), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True).stdout.strip()
    package, test_line = done.stdout.splitlines()
    assert package == f"libpython{version}"
    assert "$(python_debs)" in test_line  # `build/dev.sh test` installs it with the test packages
