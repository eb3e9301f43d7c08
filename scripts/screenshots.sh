#!/usr/bin/env bash
# Screenshots of the window for the README, on a virtual X server:
#   docs/screenshot-ko-dark.png   Korean UI, dark theme
#   docs/screenshot-en-light.png  English UI, light theme
# Each run starts from a fresh data directory holding the bundled seeds, with the language and
# theme set in its settings.ini the way Preferences saves them.
#
# Usage: scripts/screenshots.sh            (VENV=/path/to/venv if not ./.venv)
# Needs: Xvfb, xdotool, ImageMagick's `import`, fonts-noto-cjk.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${VENV:-$repo/.venv}
python=$venv/bin/python
work=$(mktemp -d)
xvfb_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$python" -m reader.ui.platform.i18n >/dev/null  # the Korean .qm, from the .ts
source "$repo/scripts/xvfb.sh"
start_xvfb "$work/xvfb.log"
export LANG=C.UTF-8

shoot() {  # language theme output
  local data=$work/data-$1-$2
  "$python" - "$data" "$1" "$2" <<'EOF'
import sys
from pathlib import Path
from reader.library import Library
from reader.ui.platform.settings import Settings
from reader.ui.platform.theme import Theme

data, language, theme = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
with Library(data) as library:
    library.update()
    first = library.papers(date=library.days()[0].date)[:3]
    library.set_read([first[0].arxiv_id])
    library.set_starred([paper.arxiv_id for paper in first[1:]])
settings = Settings(data)
settings.language, settings.theme = language, Theme(theme)
settings.sync()
EOF
  "$venv/bin/daily-papers" --data-dir "$data" >"$work/app.log" 2>&1 &
  app_pid=$!
  local window=""
  for _ in $(seq 100); do window=$(xdotool search --onlyvisible --name "Daily Papers Reader" 2>/dev/null | head -1) && [ -n "$window" ] && break; sleep 0.1; done
  sleep 2  # the first paint and the background update's status message
  xdotool windowfocus --sync "$window" key --window "$window" j j || true  # the third paper: read, unread and starred rows above
  sleep 1
  import -window root "$3"
  xdotool key --window "$window" ctrl+q || true
  for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill "$app_pid" 2>/dev/null || true
  app_pid=""
  echo "saved $3"
}

shoot ko dark "$repo/docs/screenshot-ko-dark.png"
shoot en light "$repo/docs/screenshot-en-light.png"
