#!/usr/bin/env bash
# Acceptance run of the window as a person would use it, on a real X server (Xvfb):
#   start `daily-papers --data-dir DIR`, press `s` then `o`, quit with Ctrl+Q;
#   check that the browser was asked for the arXiv page of the shown paper and that
#   `daily-papers --data-dir DIR list --starred` lists that paper.
#
# Usage: tests/ui/xvfb_smoke.sh [SCREENSHOT.png]
#   With a path, also saves a screenshot of the screen after `s` (e.g. docs/screenshot.png).
# Needs: Xvfb, xdotool, (imagemagick for the screenshot), daily-papers in the repo's .venv (bash scripts/setup.sh), on PATH, or VENV=/path/to/venv.
set -euo pipefail

screenshot=${1:-}
# daily-papers on PATH, "$work" and "$data", the browser recorder, cleanup, Xvfb: the person scripts' set-up.
source "$(dirname "$0")/../xvfb/person.sh"
asked="$work/browser-asked.txt"

step() { printf '== %s\n' "$*"; }

step "index the bundled seeds (a reader who has used the app before)"
daily-papers --data-dir "$data" index >/dev/null

step "start the window"
daily-papers --data-dir "$data" >"$work/app.log" 2>&1 &
app_pid=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name "Daily Papers" | head -n 1)
[[ -n "$window" ]] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
xdotool windowfocus --sync "$window"
sleep 1.5  # let the start-up update settle; a person looks before pressing keys

step "press s (star), then o (open on arXiv)"
xdotool key --clearmodifiers s
sleep 0.5
if [[ -n "$screenshot" ]]; then
    import -window root "$screenshot"
    step "screenshot saved to $screenshot"
fi
xdotool key --clearmodifiers o
for _ in $(seq 50); do [[ -s "$asked" ]] && break; sleep 0.1; done

step "quit with Ctrl+Q"
xdotool key --clearmodifiers ctrl+q
for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then echo "FAIL: Ctrl+Q did not quit"; exit 1; fi
wait "$app_pid" || { echo "FAIL: the app exited with an error"; cat "$work/app.log"; exit 1; }
app_pid=""

step "the browser was asked for:"
cat "$asked" 2>/dev/null || true
url=$(head -n 1 "$asked" 2>/dev/null || true)
[[ "$url" =~ ^https://arxiv\.org/abs/([0-9]{4}\.[0-9]{4,5})$ ]] || { echo "FAIL: no arXiv page was opened"; exit 1; }
arxiv_id=${BASH_REMATCH[1]}

step "daily-papers list --starred"
starred=$(daily-papers --data-dir "$data" list --starred)
printf '%s\n' "$starred"
grep -q "$arxiv_id" <<<"$starred" || { echo "FAIL: $arxiv_id is not starred"; exit 1; }
[[ $(grep -c . <<<"$starred") -eq 1 ]] || { echo "FAIL: expected exactly one starred paper"; exit 1; }

echo "PASS: starred and opened $arxiv_id"
