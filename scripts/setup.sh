#!/usr/bin/env bash
# Sets up everything the reader and its tests need, from nothing, on Debian/Ubuntu:
# the system libraries Qt's platform plugins load, a virtual environment in .venv,
# and the package with its test extras. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's xcb (X11) plugin and its OpenGL/EGL/font needs; python3-venv for the virtual environment.
SYSTEM_PACKAGES=(python3-venv libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-render-util0 libxcb-image0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-noto-cjk)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" = none ]; then
    echo "setup: please install these system packages first: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: Python 3.11 or newer is needed (found $("$python" --version 2>&1)); set PYTHON=python3.x" >&2
  exit 1
}
[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -e "$stamp" ]; then
  # pip and the build backend talk a lot (an editable install's notice, download lines); keep it in a
  # log and show it only when the install fails, so a first run prints a few lines, not a wall.
  echo "setup: installing the reader and its test tools into .venv (once; log: .venv/install.log)"
  if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e ".[test]"; } \
      >.venv/install.log 2>&1; then
    cat .venv/install.log >&2
    echo "setup: the install failed (above); fix the cause and run this again" >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The Korean UI: compile resources/translations/*.ts into the .qm files Qt loads (gitignored build output).
.venv/bin/python -m reader.ui.platform.i18n >/dev/null
