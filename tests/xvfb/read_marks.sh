#!/usr/bin/env bash
# Read marks as a person meets them, on a real X server (Xvfb), with the default preference
# ("mark a paper read after 1.5 s"):
#   start `daily-papers --data-dir DIR` on a fresh data directory (the window indexes the bundled seeds),
#   look at the first paper for longer than the moment, type a search, leave it (Esc), go to the next day (n):
#   the papers the window put under the cursor by itself are not read: `list --json` shows no "read": true;
#   then press j and wait: exactly one paper is read, the one j went to.
#
# Usage: tests/xvfb/read_marks.sh   (by hand, not by pytest)
# Needs: Xvfb, xdotool, daily-papers in the repo's .venv (bash scripts/setup.sh), on PATH, or VENV=/path/to/venv.
set -euo pipefail

source "$(dirname "$0")/person.sh"

step() { printf '== %s\n' "$*"; }
listed() { daily-papers --data-dir "$data" list --json 2>/dev/null || echo "[]"; }
read_marks() { listed | { grep -o '"read": true' || true; } | wc -l | tr -d ' '; }
read_ids() {
    listed | python3 -c 'import json, sys; print(" ".join(p["arxiv_id"] for p in json.load(sys.stdin) if p["read"]))'
}
expect_read() {  # expect_read N WHAT
    local count
    count=$(read_marks)
    printf '   read marks: %s (%s)\n' "$count" "$(read_ids)"
    [[ "$count" -eq "$1" ]] || { echo "FAIL: $2: expected $1 read, found $count"; exit 1; }
}
key() { xdotool key --clearmodifiers "$@"; }

step "start the window on a fresh data directory: $data"
daily-papers --data-dir "$data" >"$work/app.log" 2>&1 &
app_pid=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name "Daily Papers" | head -n 1)
[[ -n "$window" ]] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
xdotool windowfocus --sync "$window"

step "wait while the window indexes the seeds (its own update, in the background)"
for _ in $(seq 120); do
    [[ $(listed | { grep -o '"arxiv_id"' || true; } | wc -l) -ge 52 ]] && break
    sleep 0.5
done
printf '   %s papers listed\n' "$(listed | { grep -o '"arxiv_id"' || true; } | wc -l | tr -d ' ')"
sleep 3  # the newest day's top paper is on show, well past the 1.5 s moment
expect_read 0 "the paper shown at start"

step "type a search (Ctrl+F, \"model\"), look at its results, leave it with Esc"
key ctrl+f
xdotool type --delay 80 "model"
sleep 3  # the results are listed, the best match shown, for longer than the moment
key Escape
sleep 1
expect_read 0 "search results while typing, and the way back"

step "go to the next day (n) and stay on its top paper"
key n
sleep 3
expect_read 0 "a day change"

step "press j (the reader's own choice) and wait"
key j
sleep 3
expect_read 1 "the paper j went to"

step "quit with Ctrl+Q"
key ctrl+q
for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then echo "FAIL: Ctrl+Q did not quit"; exit 1; fi
wait "$app_pid" || { echo "FAIL: the app exited with an error"; cat "$work/app.log"; exit 1; }
app_pid=""
expect_read 1 "after quitting"

echo "PASS: nothing read until j; then exactly $(read_ids)"
