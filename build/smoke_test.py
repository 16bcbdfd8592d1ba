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
   folder or its working folder, or this run's line not landing in the log in the app-data
   folder (the log may be years old: the same account runs it again and again).
5. Opens one period file in the window four times, as a clerk would: twice in a row, then once
   killed while it has the file open, then again: every open must be writable, i.e. the lock
   of a finished or killed run must not keep the file read-only (run_lock_check).
Exit status 0 when all passed. Also run by the test suite (tests/test_frozen.py).
"""

from __future__ import annotations

import argparse
import contextlib
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
# (plugin folder, part of the file name) the folder must contain, per platform. On Windows the
# printer support is inside Qt6PrintSupport.dll (no PySide6 Windows wheel has a printsupport
# plugin); the self-test checks printing by printing.
REQUIRED_PLUGINS = {
    "win32": [("platforms", "qwindows"), ("platforms", "qoffscreen")],
    "linux": [("platforms", "qxcb"), ("platforms", "qoffscreen"), ("printsupport", "cupsprintersupport")],
}
REQUIRED_LIBRARIES = {"win32": ["Qt6PrintSupport.dll"], "linux": ["libQt6PrintSupport.so"]}  # name starts
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
    names = {p.rsplit("/", 1)[-1] for p in files}
    for library in REQUIRED_LIBRARIES.get(sys.platform, []):
        if not any(name.startswith(library) for name in names):
            problems.append(f"Qt library {library} is missing")
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
        env["QT_QPA_FONTDIR"] = rf"{system}\Fonts"  # the offscreen platform finds no fonts by itself
    else:
        runtime = home / "run"
        runtime.mkdir(parents=True, mode=0o700)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "LANG": "C.UTF-8"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _app_data_roots(home: Path) -> list[Path]:
    if sys.platform == "win32":  # Qt's AppDataLocation: %APPDATA%\InfoScore (the organisation)\<program>
        return [Path(os.environ["APPDATA"]) / "InfoScore"] if "APPDATA" in os.environ else []
    return [home]


NOBODY = 65534


def _unprivileged_prefix() -> list[str]:
    """Linux as root, which file modes do not stop: run the program as user ``nobody`` instead."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return []
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@contextlib.contextmanager
def _as_a_user(exe: Path, scratch: Path):
    """(exe, scratch, command prefix) to run the program as a user would: as root on Linux, a
    copy of the folder in a place user ``nobody`` can reach (unlike pytest's), run as nobody."""
    as_user = _unprivileged_prefix()
    if not as_user:
        yield exe, scratch, []
        return
    staging = Path(tempfile.mkdtemp(prefix="infoscore-smoke-"))
    try:
        staging.chmod(0o755)
        copy = staging / exe.parent.name
        shutil.copytree(exe.parent, copy, symlinks=True)
        yield copy / exe.name, staging / "run", as_user
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _give_to_user(scratch: Path, as_user: list[str]) -> None:
    if as_user:
        for path in [scratch, *scratch.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)


def run_selftest(exe: Path, scratch: Path) -> tuple[list[str], str]:
    """Run the frozen self-test; returns (problems, what the program said)."""
    with _as_a_user(exe, scratch) as (program, folder, as_user):
        return _run_and_judge(program, folder, as_user)


def _run_and_judge(exe: Path, scratch: Path, as_user: list[str]) -> tuple[list[str], str]:
    # the output folder's name is this run's own: the self-test writes it into the log
    home, workdir, outdir = scratch / "home", scratch / "cwd", scratch / f"out-{os.getpid()}-{time.time_ns()}"
    workdir.mkdir(parents=True)
    env = clean_environment(home)
    if as_user:
        outdir.mkdir()
    _give_to_user(scratch, as_user)
    folder = exe.parent
    before = _snapshot(folder)
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
    logs = [p for root in _app_data_roots(home) for p in root.rglob("infoscore.log")]
    if not any(outdir.name in p.read_text(encoding="utf-8", errors="replace") for p in logs):
        problems.append(f"this run wrote nothing into the log in the app-data folder (logs: {[str(p) for p in logs]})")
    said = "\n".join(filter(None, [stdout.strip(), stderr.strip() and "stderr:\n" + stderr.strip()]))
    # the windowed program on Windows has no console, and writes to a pipe in the ANSI code page
    if report is not None and (not stdout or sys.platform == "win32"):
        said = "\n".join(f"{'通过' if s['ok'] else '失败'}  {s['step']}：{s['detail']}" for s in report["steps"])
    return problems, said


LOCK_SUFFIX = ".lock"  # scoring/output_target.py: PERIOD.zwxx.lock, a QLockFile
SAMPLE = ROOT / "resources" / "sample-2023H1.zwxx"


def run_lock_check(exe: Path, scratch: Path, timeout: float = 120) -> tuple[list[str], str]:
    """Open one period file in the window twice in a row, then once killed while it has the file
    open, then again. Each run that quits normally must leave no lock behind, and the run after
    the killed one must open the file writable: it takes over the dead run's lock (and releases
    it), where a read-only open would leave that lock as it was. Returns (problems, what was seen)."""
    with _as_a_user(exe, scratch) as (program, folder, as_user):
        return _lock_runs(program, folder, as_user, timeout)


def _lock_runs(exe: Path, scratch: Path, as_user: list[str], timeout: float) -> tuple[list[str], str]:
    files, workdir = scratch / "lock", scratch / "lock-cwd"
    files.mkdir(parents=True)
    workdir.mkdir()
    period = files / "期间.zwxx"
    shutil.copyfile(SAMPLE, period)
    period.chmod(0o644)
    lock = Path(str(period) + LOCK_SUFFIX)
    env = clean_environment(scratch / "lock-home")
    _give_to_user(scratch, as_user)
    problems, seen = [], []

    def open_and_quit(run: str) -> None:
        probe = files / f"{run}.painted"
        done = subprocess.run([*as_user, str(exe), str(period)], cwd=workdir, capture_output=True, timeout=timeout,
                              env={**env, "INFOSCORE_STARTUP_PROBE": str(probe)})
        if done.returncode != 0 or not probe.exists():
            said = (done.stdout + done.stderr).decode("utf-8", "replace")[-500:]
            problems.append(f"{run} run: the window did not open and quit (exit status {done.returncode}) {said}")
        elif lock.exists():
            problems.append(f"{run} run left the file locked or opened it read-only (lock file: {_lock_text(lock)})")

    started = time.monotonic()
    open_and_quit("first")
    open_and_quit("second")
    killed = subprocess.Popen([*as_user, str(exe), str(period)], cwd=workdir, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while not lock.exists() and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # the window is up with the file open
    killed.kill()
    killed.wait()
    if not lock.exists():
        problems.append("the killed run had no lock on the file it had open")
    else:
        seen.append(f"lock file left by the killed run (process {killed.pid}): {_lock_text(lock)}")
        open_and_quit("after-kill")
    seen.append(f"lock check: 4 runs in {time.monotonic() - started:.1f} s")
    return problems, "\n".join(seen)


def _lock_text(lock: Path) -> str:
    """QLockFile's content: process id, program name, host name, ... one per line."""
    try:
        return " | ".join(lock.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError as error:
        return f"(unreadable: {error})"


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
        run_problems, said = run_selftest(exe, scratch / "selftest")
        print(said)
        print(f"frozen self-test ran in {time.monotonic() - ran:.1f} s")
        lock_problems, seen = run_lock_check(exe, scratch / "locks")
        print(seen)
        run_problems += lock_problems
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
