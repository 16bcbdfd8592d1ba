#!/usr/bin/env bash
# Developer entry point on Debian/Ubuntu (also what CI runs).
#   build/dev.sh run    set everything up, then open the program on the sample period
#   build/dev.sh test   set everything up, then run the whole test suite (offscreen)
#   build/dev.sh setup  only set up: Debian libraries Qt needs, .venv with the project
#   build/dev.sh windows  the Windows program and installer, built and tested under Wine (root)
# Needs only python3, python3-venv and git; installs the rest (apt as root or via sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages Qt (PySide6-Essentials from PyPI) needs to start, plus a CJK font.
QT_DEBS=(libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0
  libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 fonts-noto-cjk)
# Used by the tests and checks: PDF text and pictures, screenshots on a virtual screen.
# TrueType CJK fonts: the PDF text layer is also checked with the fonts the Windows build uses.
TEST_DEBS=(poppler-utils xvfb xauth xdotool imagemagick binutils fonts-wqy-zenhei fonts-arphic-uming)

# PyInstaller (the frozen-program tests) needs the shared libpython. Debian's python3 has it in a
# package of its own (libpython3.11 for Debian 12's python3); a Python built elsewhere (pyenv,
# python.org) brings its own or none, and apt cannot help: nothing to add then.
python_debs() {
  local python
  python=$(readlink -f "$(command -v python3)") || return 0
  dpkg-query -S "$python" >/dev/null 2>&1 || return 0
  "$python" -c 'import sys; print(f"libpython{sys.version_info[0]}.{sys.version_info[1]}")'
}

install_debs() {
  local missing=()
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "请以管理员身份安装这些系统软件包后重试 / install as root: apt-get install ${missing[*]}" >&2; exit 1
    fi
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
  if command -v dpkg-query >/dev/null; then install_debs "${QT_DEBS[@]}" "$@"; fi
  if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
  local stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
  if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,build]"
    rm -f .venv/.installed-*; touch "$stamp"
  fi
}

case "${1:-run}" in
  setup) setup "${TEST_DEBS[@]}" ;;
  run) setup; shift || true; exec .venv/bin/python -m desktop_app --sample "$@" ;;
  test) setup "${TEST_DEBS[@]}" $(python_debs); shift
        .venv/bin/ruff check .
        .venv/bin/mypy  # scoring/ and desktop_app/, configured in pyproject.toml
        QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest --cov --cov-report=term-missing "$@" ;;
  windows) setup; shift; exec build/windows_on_debian.sh "$@" ;;
  *) sed -n '2,7p' "$0"; exit 2 ;;
esac
