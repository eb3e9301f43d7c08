#!/usr/bin/env bash
# Issue 15's "as a person" check, on a real X server (Xvfb), with keys only:
#   start `daily-papers --data-dir DIR` on a fresh data directory (the window indexes the bundled seeds),
#   tag the paper on show (T, type two tags, one Korean, Enter), write a note (Ctrl+E, type), quit (Ctrl+Q);
#   the command line then shows the tags and the note; start the window again, type the note's own word in
#   the search field (Ctrl+F), press Enter and M: the paper on show is the noted one (M marks it read; the
#   command line says which). With SHOTS=DIR, screenshots of the window before quitting and of the search.
#
# Usage: tests/xvfb/organise.sh   (by hand, not by pytest)
# Needs: Xvfb, xdotool, ImageMagick's import (for SHOTS), daily-papers in the repo's .venv, on PATH, or VENV=.
set -euo pipefail

source "$(dirname "$0")/person.sh"

WORD="zyxquux"  # in no digest: only the note has it
TAGS="읽을 것, xvfb"
step() { printf '== %s\n' "$*"; }
key() { xdotool key --clearmodifiers "$@"; }
listed() { daily-papers --data-dir "$data" list "$@" --json 2>/dev/null || echo "[]"; }
ids() { python3 -c 'import json, sys; print(" ".join(p["arxiv_id"] for p in json.load(sys.stdin) if '"$1"'))'; }
shot() { [[ -n "${SHOTS:-}" ]] && mkdir -p "$SHOTS" && import -window root "$SHOTS/$1" && echo "   screenshot $SHOTS/$1"; true; }

start_window() {
    daily-papers --data-dir "$data" >>"$work/app.log" 2>&1 &
    app_pid=$!
    window=$(timeout 30 xdotool search --sync --onlyvisible --name "Daily Papers" | head -n 1)
    [[ -n "$window" ]] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
    xdotool windowfocus --sync "$window"
    for _ in $(seq 120); do
        [[ $(listed | { grep -o '"arxiv_id"' || true; } | wc -l) -ge 52 ]] && break
        sleep 0.5
    done
    sleep 2  # the newest day's top paper is on show
}
quit_window() {
    key ctrl+q
    for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$app_pid" 2>/dev/null; then echo "FAIL: Ctrl+Q did not quit"; exit 1; fi
    wait "$app_pid" || { echo "FAIL: the app exited with an error"; cat "$work/app.log"; exit 1; }
    app_pid=""
}

step "start the window on a fresh data directory: $data"
start_window

step "T: tag the paper on show \"$TAGS\", Enter"
key t
sleep 1
xdotool type --delay 60 "$TAGS"
sleep 0.5
key Return
sleep 1
xdotool windowfocus --sync "$window"  # no window manager here gives the focus back when a dialog closes
tagged=$(listed --tag xvfb | ids True)
printf '   tagged: %s\n' "$tagged"
[[ $(wc -w <<<"$tagged") -eq 1 ]] || { echo "FAIL: no paper has the tag xvfb"; cat "$work/app.log"; exit 1; }
[[ $(listed --tag "읽을 것" | ids True) == "$tagged" ]] || { echo "FAIL: the Korean tag is not on $tagged"; exit 1; }

step "Ctrl+E: write a note with the word $WORD"
key ctrl+e
sleep 0.5
xdotool type --delay 60 "좋은 정리 $WORD"
sleep 1
shot organise-before-quit.png

step "quit with Ctrl+Q, then ask the command line"
quit_window
shown=$(daily-papers --data-dir "$data" show "$tagged")
grep -q "Tags: xvfb, 읽을 것" <<<"$shown" || { echo "FAIL: the tags are not kept"; echo "$shown"; exit 1; }
grep -q "좋은 정리 $WORD" <<<"$shown" || { echo "FAIL: the note is not kept"; echo "$shown"; exit 1; }
echo "   show $tagged: tags and note kept"

step "start again, Ctrl+F, type $WORD, Enter, M: the search puts the noted paper first"
start_window
[[ -z $(listed | ids 'p["read"]') ]] || { echo "FAIL: a paper is read before the search"; exit 1; }
key ctrl+f
xdotool type --delay 80 "$WORD"
sleep 2
key Return  # to the results: the best match is on show
sleep 1
shot organise-note-found.png
key m  # mark it read, so the command line can tell which paper the search put first
sleep 1
read_now=$(listed | ids 'p["read"]')
printf '   read after the search: %s\n' "$read_now"
[[ "$read_now" == "$tagged" ]] || { echo "FAIL: the search did not pick $tagged"; exit 1; }
quit_window

echo "PASS: $tagged kept its tags and note through a restart, and the search field found the note's word"
