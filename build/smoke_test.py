"""Smoke test of the frozen program: build it if needed, then run it as a user's PC would.

    python build/smoke_test.py [--dist DIR] [--rebuild]
    python build/smoke_test.py --exe PATH    (an installed program: checks and runs it, no build)

1. Builds DIST/InfoScore with build/build.py when it is missing or older than the sources.
2. Checks the folder: the plugins, translation and resources the program needs are there, and
   nothing it does not use (other translations, Qt WebEngine/QML/3D/multimedia, Tk, ...).
3. Runs ``InfoScore selftest OUTDIR`` (desktop_app/selftest.py) with no Python environment at
   all (a minimal PATH, no PYTHONPATH/PYTHONHOME/venv) on the offscreen platform, the program
   folder made read-only (Linux; as root, the program runs as ``nobody`` from a copy, since
   root ignores file modes), a fresh home folder and working folder.
4. Fails on a non-zero exit, a failed self-test step, any output on stderr, a module of
   desktop_app/scoring missing from the build, the program writing anything into its own
   folder or its working folder, or the log not landing in the app-data folder.
Exit status 0 when all passed. Also run by the test suite (tests/test_frozen.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("infoscore_build", Path(__file__).with_name("build.py"))
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)

SOURCES = ("desktop_app", "scoring", "resources", "build/pyinstaller_hooks", "installer.spec", "pyproject.toml")
# (plugin folder, part of the file name) the folder must contain, per platform
REQUIRED_PLUGINS = {
    "win32": [("platforms", "qwindows"), ("platforms", "qoffscreen"), ("printsupport", "windowsprintersupport")],
    "linux": [("platforms", "qxcb"), ("platforms", "qoffscreen"), ("printsupport", "cupsprintersupport")],
}
# parts of file paths that must not appear in the folder: what installer.spec leaves out
FORBIDDEN = (
    "Qt6WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Qt6Multimedia", "Qt6Pdf", "Qt6Wayland", "Qt6EglFS",
    "opengl32sw", "d3dcompiler", "_tkinter", "tcl8", "tk8", "libssl", "libcrypto", "_pytest", "pandas", "numpy",
    "plugins/tls", "plugins/networkinformation", "plugins/generic", "plugins/wayland",
)
TRANSLATION = "qtbase_zh_CN.qm"


def sources_newer_than(path: Path) -> bool:
    built = path.stat().st_mtime
    for name in SOURCES:
        source = ROOT / name
        files = [source] if source.is_file() else [p for p in source.rglob("*") if p.is_file()]
        if any(f.stat().st_mtime > built for f in files if "__pycache__" not in f.parts):
            return True
    return False


def ensure_built(dist: Path, work: Path, rebuild: bool = False) -> Path:
    exe = builder.executable(dist)
    if rebuild or not exe.is_file() or sources_newer_than(exe):
        started = time.monotonic()
        exe = builder.build_folder(dist, work)
        print(f"built {exe} in {time.monotonic() - started:.0f} s")
    return exe


def check_folder(folder: Path) -> list[str]:
    """What is missing from, or should not be in, the frozen folder."""
    problems = []
    internal = folder / "_internal"
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()]
    plugins = next((p for p in internal.rglob("plugins") if p.parent.name in ("PySide6", "Qt")), None)
    for plugin_folder, part in REQUIRED_PLUGINS.get(sys.platform, []):
        if plugins is None or not any(part in p.name for p in (plugins / plugin_folder).glob("*")):
            problems.append(f"Qt plugin {plugin_folder}/{part} is missing")
    translations = sorted(p.rsplit("/", 1)[-1] for p in files if p.endswith(".qm"))
    if translations != [TRANSLATION]:
        problems.append(f"Qt translations should be exactly {TRANSLATION}, found {translations}")
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file():
            shipped = internal / "resources" / source.relative_to(ROOT / "resources")
            if not shipped.is_file() or shipped.stat().st_size != source.stat().st_size:
                problems.append(f"resource {source.relative_to(ROOT)} is missing or differs in the build")
    problems += [f"unused file collected: {f}" for f in files if any(bad.lower() in f.lower() for bad in FORBIDDEN)]
    return problems


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def _set_read_only(folder: Path, read_only: bool) -> None:
    """Linux: what Program Files is for a user (the folder is also compared before and after)."""
    if sys.platform == "win32":
        return
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222 if read_only else mode | stat.S_IWUSR)


def clean_environment(home: Path) -> dict[str, str]:
    """What a user's session gives the program: no Python anywhere, offscreen Qt."""
    if sys.platform == "win32":
        keep = ("SYSTEMROOT", "WINDIR", "SYSTEMDRIVE", "TEMP", "TMP", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
                "HOMEDRIVE", "HOMEPATH", "USERNAME", "COMPUTERNAME", "PROGRAMDATA", "PUBLIC", "OS",
                "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE")
        env = {k: os.environ[k] for k in keep if k in os.environ}
        system = env.get("SYSTEMROOT", r"C:\Windows")
        env["PATH"] = rf"{system}\System32;{system}"
    else:
        runtime = home / "run"
        runtime.mkdir(parents=True, mode=0o700)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "LANG": "C.UTF-8"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _app_data_roots(home: Path) -> list[Path]:
    if sys.platform == "win32":
        return [Path(os.environ[k]) for k in ("APPDATA", "LOCALAPPDATA") if k in os.environ]
    return [home]


NOBODY = 65534


def _unprivileged_prefix() -> list[str]:
    """Linux as root, which file modes do not stop: run the program as user ``nobody`` instead."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return []
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def run_selftest(exe: Path, scratch: Path) -> tuple[list[str], str]:
    """Run the frozen self-test; returns (problems, what the program said)."""
    as_user = _unprivileged_prefix()
    if not as_user:
        return _run_and_judge(exe, scratch, [])
    staging = Path(tempfile.mkdtemp(prefix="infoscore-smoke-"))  # one nobody can reach, unlike pytest's
    try:
        staging.chmod(0o755)
        copy = staging / exe.parent.name
        shutil.copytree(exe.parent, copy, symlinks=True)
        return _run_and_judge(copy / exe.name, staging / "run", as_user)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_and_judge(exe: Path, scratch: Path, as_user: list[str]) -> tuple[list[str], str]:
    home, workdir, outdir = scratch / "home", scratch / "cwd", scratch / "out"
    workdir.mkdir(parents=True)
    env = clean_environment(home)
    if as_user:
        outdir.mkdir()
        for path in [scratch, *scratch.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
    folder = exe.parent
    before = _snapshot(folder)
    started = time.time()
    _set_read_only(folder, True)
    try:
        done = subprocess.run(
            [*as_user, str(exe), "selftest", str(outdir)], cwd=workdir, env=env, capture_output=True, timeout=300
        )
    finally:
        _set_read_only(folder, False)
    stdout = done.stdout.decode("utf-8", "replace") if done.stdout else ""
    stderr = done.stderr.decode("utf-8", "replace") if done.stderr else ""
    problems = []
    if done.returncode != 0:
        problems.append(f"exit status {done.returncode}")
    if stderr.strip():
        problems.append("unexpected output on stderr")
    report_file = outdir / "selftest-report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else None
    if report is None:
        problems.append("no self-test report")
    else:
        problems += [f"self-test step failed: {s['step']}: {s['detail']}" for s in report["steps"] if not s["ok"]]
        if not report["ok"] or not report["frozen"]:
            problems.append(f"self-test not passed in the frozen program (ok={report['ok']}, frozen={report['frozen']})")
        missing = sorted(source_modules() - set(report["modules"]))
        if report["ok"] and missing:
            problems.append(f"modules missing from the build: {missing}")
    after = _snapshot(folder)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    if changed:
        problems.append(f"the program wrote into its own folder: {sorted(changed)[:10]}")
    if any(workdir.iterdir()):
        problems.append(f"the program wrote into its working folder: {[p.name for p in workdir.iterdir()]}")
    logs = [p for root in _app_data_roots(home) for p in root.rglob("infoscore.log") if p.stat().st_mtime >= started - 1]
    if not logs:
        problems.append("no log written in the app-data folder")
    said = "\n".join(filter(None, [stdout.strip(), stderr.strip() and "stderr:\n" + stderr.strip()]))
    if report is not None and not stdout:  # the windowed program on Windows has no console
        said = "\n".join(f"{'通过' if s['ok'] else '失败'}  {s['step']}：{s['detail']}" for s in report["steps"])
    return problems, said


def source_modules() -> set[str]:
    names = set()
    for package in ("desktop_app", "scoring"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=builder.DEFAULT_DIST, help="build output folder (default build/out)")
    parser.add_argument("--work", type=Path, default=builder.DEFAULT_WORK, help="PyInstaller work folder")
    parser.add_argument("--rebuild", action="store_true", help="build even if the folder is up to date")
    parser.add_argument("--exe", type=Path, help="test this (installed) program instead of building one")
    args = parser.parse_args(argv)
    started = time.monotonic()
    exe = args.exe.resolve() if args.exe else ensure_built(args.dist.resolve(), args.work.resolve(), args.rebuild)
    problems = check_folder(exe.parent)
    scratch = Path(tempfile.mkdtemp(prefix="infoscore-smoke-"))
    try:
        ran = time.monotonic()
        run_problems, said = run_selftest(exe, scratch)
        print(said)
        print(f"frozen self-test ran in {time.monotonic() - ran:.1f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    problems += run_problems
    print(builder.size_report(exe.parent, top=12))
    for problem in problems:
        print(f"SMOKE TEST FAILED: {problem}", file=sys.stderr)
    print(f"smoke test {'failed' if problems else 'passed'} in {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
