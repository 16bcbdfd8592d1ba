"""Start-to-window time: from starting the process until the main window is first painted.

    python benchmarks/bench_startup.py [--runs N] [--dist DIR]

Opens a copy of the sample period the way a double-click does (``PROGRAM FILE.zwxx``), from
source (``python -m desktop_app``) and frozen (build/out/InfoScore, if built: python
build/build.py), on the offscreen platform and, when Xvfb is installed, on a real X server
(xcb). The program writes the time of its first paint when INFOSCORE_STARTUP_PROBE names a
file (desktop_app/app.py) and quits. The first run of each row is reported apart (cold
caches); the median and minimum are over the other runs. Target: at most 0.6 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample-2023H1.zwxx"
DEFAULT_FROZEN = ROOT / "build" / "out" / "InfoScore" / ("InfoScore.exe" if sys.platform == "win32" else "InfoScore")


def base_environment(home: Path) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8", "INFOSCORE_HOME": str(home)}
    for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "XDG_RUNTIME_DIR",
                 "QT_QPA_FONTDIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def time_once(command: list[str], env: dict[str, str], period: Path, probe: Path) -> float:
    probe.unlink(missing_ok=True)
    started = time.time()
    done = subprocess.run([*command, str(period)], env={**env, "INFOSCORE_STARTUP_PROBE": str(probe)},
                          capture_output=True, timeout=120)
    if done.returncode != 0 or not probe.exists():
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-800:]}")
    return float(probe.read_text().split()[0]) - started


def start_xvfb() -> tuple[subprocess.Popen, str] | None:
    if sys.platform != "linux" or shutil.which("Xvfb") is None:
        return None
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              pass_fds=[write], stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()
    return server, f":{display}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--frozen", type=Path, default=DEFAULT_FROZEN, help="the frozen executable")
    args = parser.parse_args(argv)

    programs = [("source", [sys.executable, "-m", "desktop_app"], {"PYTHONPATH": str(ROOT)})]
    if args.frozen.is_file():
        programs.append(("frozen", [str(args.frozen)], {}))
    else:
        print(f"(no frozen build at {args.frozen}: run python build/build.py to include it)")
    platforms = [("offscreen", {"QT_QPA_PLATFORM": "offscreen"})]
    xvfb = start_xvfb()
    if xvfb is not None:
        platforms.append(("xcb (Xvfb)", {"QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb[1]}))
    rows = []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            period = scratch / "2023年上半年.zwxx"
            shutil.copyfile(SAMPLE, period)
            for name, command, extra in programs:
                for platform, qt in platforms:
                    env = {**base_environment(scratch / f"home-{name}"), **extra, **qt}
                    times = [time_once(command, env, period, scratch / "probe") for _ in range(args.runs)]
                    rows.append((name, platform, times[0], statistics.median(times[1:]), min(times[1:])))
    finally:
        if xvfb is not None:
            xvfb[0].terminate()
            xvfb[0].wait()
    print(f"\nStart-to-window ({args.runs} runs each; median and min exclude the first), {sys.platform}")
    print(f"{'program':<8} {'platform':<12} {'first':>8} {'median':>8} {'min':>8}")
    for name, platform, first, median, least in rows:
        print(f"{name:<8} {platform:<12} {first:>7.3f}s {median:>7.3f}s {least:>7.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
