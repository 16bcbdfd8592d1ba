"""Build the shipped program, on Linux or Windows.

    python build/build.py [--dist DIR] [--work DIR] [--no-installer | --require-installer] [--define NAME=VALUE]

1. PyInstaller with installer.spec → DIST/InfoScore/ (default build/out/InfoScore/).
2. On Windows, Inno Setup's compiler (ISCC) with build/installer.iss →
   DIST/installer/InfoScore-setup-VERSION.exe, if Inno Setup 6.4 or later is installed (found in
   %ISCC%, on PATH, or in its usual folders); --require-installer makes its absence an error.
   --define passes /DNAME=VALUE to ISCC (test builds under Wine: TestInstallDir, see installer.iss).
3. The folder's size, by directory.
Needs the project's [build] extra (pip install -e .[build]).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer.spec"
ISS = ROOT / "build" / "installer.iss"
NAME = "InfoScore"
DEFAULT_DIST = ROOT / "build" / "out"
DEFAULT_WORK = ROOT / "build" / "work"
MIB = 1024 * 1024


def project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'(?m)^version\s*=\s*"([^"]+)"', text).group(1)


def executable(dist: Path) -> Path:
    return dist / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))


def build_folder(dist: Path = DEFAULT_DIST, work: Path = DEFAULT_WORK) -> Path:
    """Run PyInstaller on installer.spec; returns the executable. Raises CalledProcessError on failure."""
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    exe = executable(dist)
    if not exe.is_file():
        raise FileNotFoundError(f"PyInstaller finished but {exe} is missing")
    return exe


def find_iscc() -> Path | None:
    candidates = [os.environ.get("ISCC"), shutil.which("iscc")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"), os.environ.get("LOCALAPPDATA")):
        if base:
            candidates += [str(Path(base) / "Inno Setup 6" / "ISCC.exe"), str(Path(base) / "Programs" / "Inno Setup 6" / "ISCC.exe")]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def build_installer(dist: Path, iscc: Path, defines: list[str] = ()) -> Path:
    """Compile build/installer.iss over DIST/InfoScore; returns the setup program."""
    version = project_version()
    output = dist / "installer"
    command = [
        str(iscc), "/Qp", f"/DAppVersion={version}", f"/DDistDir={dist / NAME}", f"/DRoot={ROOT}",
        *(f"/D{define}" for define in defines), f"/O{output}", str(ISS),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    setup = output / f"{NAME}-setup-{version}.exe"
    if not setup.is_file():
        raise FileNotFoundError(f"ISCC finished but {setup} is missing")
    return setup


def _group(parts: tuple[str, ...], size: int) -> str:
    """Which row of the size table a file of _internal (given as path parts) belongs to."""
    if len(parts) == 1:  # directly in _internal: the big libraries by name, the rest together
        return parts[0] if size >= 2 * MIB else "(other files directly in _internal)"
    if parts[0] == "PySide6":
        if "plugins" in parts[:-1]:
            return "/".join(parts[: parts.index("plugins") + 2])
        return "/".join(parts[:-1][:3])
    return parts[0]


def folder_sizes(folder: Path) -> dict[str, int]:
    """Bytes per row: the exe, each directory of _internal (PySide6's parts one level deeper)."""
    sizes: dict[str, int] = {}
    internal = folder / "_internal"
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        size = path.stat().st_size
        key = _group(path.relative_to(internal).parts, size) if path.is_relative_to(internal) else path.name
        sizes[key] = sizes.get(key, 0) + size
    return sizes


def size_report(folder: Path, top: int = 30) -> str:
    sizes = folder_sizes(folder)
    total = sum(sizes.values())
    rows = sorted(sizes.items(), key=lambda item: -item[1])
    lines = [f"{folder}: {total / MIB:.1f} MiB in {sum(1 for p in folder.rglob('*') if p.is_file())} files"]
    lines += [f"  {size / MIB:8.2f} MiB  {name}" for name, size in rows[:top]]
    rest = rows[top:]
    if rest:
        lines.append(f"  {sum(s for _, s in rest) / MIB:8.2f} MiB  ({len(rest)} smaller entries)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="output folder (default build/out)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="PyInstaller's work folder (default build/work)")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--no-installer", action="store_true", help="only the program folder")
    choice.add_argument("--require-installer", action="store_true", help="fail if Inno Setup is missing (Windows)")
    parser.add_argument("--define", action="append", default=[], metavar="NAME=VALUE",
                        help="passed to Inno Setup's compiler as /DNAME=VALUE (test builds)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    exe = build_folder(args.dist.resolve(), args.work.resolve())
    print(f"Built {exe} in {time.monotonic() - started:.0f} s")
    print(size_report(exe.parent))
    if args.no_installer:
        return 0
    if sys.platform != "win32":
        if args.require_installer:
            print("The installer is built on Windows only (Inno Setup).", file=sys.stderr)
            return 1
        return 0
    iscc = find_iscc()
    if iscc is None:
        print("Inno Setup 6.4+ (ISCC.exe) not found: installer not built. Install it, e.g. choco install innosetup.",
              file=sys.stderr)
        return 1 if args.require_installer else 0
    setup = build_installer(args.dist.resolve(), iscc, args.define)
    print(f"Installer: {setup} ({setup.stat().st_size / MIB:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
