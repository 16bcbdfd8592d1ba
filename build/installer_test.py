"""The installer as a user meets it, on Windows (the Windows runner, and Wine on Debian).

    python build/installer_test.py [--dist DIR] [--setup PATH]

1. Runs Setup silently for the current user (/VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG).
2. The program is in %LOCALAPPDATA%\\Programs\\InfoScore, with a Start-menu shortcut, and
   build/smoke_test.py --exe passes on the installed program.
3. The .zwxx file type (HKCU\\Software\\Classes): .zwxx is InfoScore.Period, whose open command
   runs the installed exe on "%1" and whose icon file exists.
4. With a period file of the user's in Documents\\政务信息报送考核, uninstalls silently: the program
   folder and the file type are gone, the user's file is still there.
Exit status 0 when everything passed. Needs the installer built (build/build.py --require-installer).
"""

from __future__ import annotations

import argparse
import ctypes
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME, PRODUCT, PROG_ID = "InfoScore", "政务信息报送考核", "InfoScore.Period"
CSIDL = {"programs": 0x02, "documents": 0x05, "local_app_data": 0x1C}
SILENT = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"]


def known_folder(name: str) -> Path:
    buffer = ctypes.create_unicode_buffer(1024)
    if ctypes.windll.shell32.SHGetFolderPathW(None, CSIDL[name], None, 0, buffer) != 0:
        raise OSError(f"no {name} folder")
    return Path(buffer.value)


def registry_value(key: str, value: str = "") -> str | None:
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
            return winreg.QueryValueEx(handle, value)[0]
    except OSError:
        return None


def install(setup: Path, log: Path) -> list[str]:
    started = time.monotonic()
    done = subprocess.run([str(setup), *SILENT, f"/LOG={log}"], timeout=600)
    print(f"installed in {time.monotonic() - started:.1f} s (exit status {done.returncode})")
    if done.returncode != 0:
        print(log.read_text(encoding="utf-8", errors="replace") if log.is_file() else "(no setup log)")
        return [f"setup exited with {done.returncode}"]
    return []


def check_installed(app: Path) -> list[str]:
    exe = app / f"{NAME}.exe"
    if not exe.is_file():
        return [f"not installed in {app}"]
    problems = []
    shortcut = known_folder("programs") / f"{PRODUCT}.lnk"
    if not shortcut.is_file():
        problems.append(f"no Start menu shortcut at {shortcut}")
    classes = r"Software\Classes"
    associated = registry_value(rf"{classes}\.zwxx")
    if associated != PROG_ID:
        problems.append(f".zwxx is associated with {associated!r}, not {PROG_ID}")
    command = registry_value(rf"{classes}\{PROG_ID}\shell\open\command")
    if command != f'"{exe}" "%1"':
        problems.append(f"the open command of .zwxx files is {command!r}")
    icon = registry_value(rf"{classes}\{PROG_ID}\DefaultIcon") or ""
    if not Path(icon.removesuffix(",0")).is_file():
        problems.append(f"the .zwxx document icon {icon!r} is missing")
    smoke = subprocess.run([sys.executable, str(ROOT / "build" / "smoke_test.py"), "--exe", str(exe)], timeout=900)
    if smoke.returncode != 0:
        problems.append("the smoke test of the installed program failed")
    return problems


def uninstall(app: Path) -> list[str]:
    documents = known_folder("documents") / PRODUCT
    documents.mkdir(parents=True, exist_ok=True)
    users_file = documents / "用户的期间.zwxx"
    shutil.copyfile(ROOT / "resources" / "sample-2023H1.zwxx", users_file)
    uninstaller = app / "unins000.exe"
    if not uninstaller.is_file():
        return [f"no uninstaller at {uninstaller}"]
    started = time.monotonic()
    subprocess.run([str(uninstaller), *SILENT], timeout=600)
    # the uninstaller finishes in a copy of itself: wait for the program to go
    deadline = time.monotonic() + 120
    while (app / f"{NAME}.exe").exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    print(f"uninstalled in {time.monotonic() - started:.1f} s")
    problems = []
    if (app / f"{NAME}.exe").exists():
        problems.append("still installed after uninstalling")
    if not users_file.is_file():
        problems.append(f"uninstalling removed the user's period file {users_file}")
    if registry_value(rf"Software\Classes\{PROG_ID}") is not None:
        problems.append("the .zwxx file type is still registered after uninstalling")
    users_file.unlink(missing_ok=True)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "build" / "out", help="build output folder (default build/out)")
    parser.add_argument("--setup", type=Path, help="the setup program (default: the one in DIST/installer)")
    args = parser.parse_args(argv)
    if sys.platform != "win32":
        print("The installer is tested on Windows (or under Wine: build/windows_on_debian.sh).", file=sys.stderr)
        return 2
    setup = args.setup or next(iter(sorted((args.dist / "installer").glob(f"{NAME}-setup-*.exe"))), None)
    if setup is None or not setup.is_file():
        print(f"no installer in {args.dist / 'installer'}: build it with build/build.py --require-installer", file=sys.stderr)
        return 1
    app = known_folder("local_app_data") / "Programs" / NAME
    log = Path(tempfile.gettempdir()) / "infoscore-install.log"
    problems = install(setup, log)
    if not problems:
        problems += check_installed(app)
        problems += uninstall(app)
    for problem in problems:
        print(f"INSTALLER TEST FAILED: {problem}", file=sys.stderr)
    print(f"installer test {'failed' if problems else 'passed'}: {setup.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
