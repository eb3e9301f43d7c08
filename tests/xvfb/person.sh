# Sourced by the "as a person" scripts (tests/xvfb/*.sh, tests/ui/xvfb_smoke.sh): what each needs before it drives the window.
#   puts daily-papers on PATH (the repo's .venv, or VENV=), makes "$work" (removed on exit) with "$data"
#   for a fresh data directory, replaces the browser by a recorder (no real browser may start; what it is
#   asked is in "$work/browser-asked.txt"), and starts Xvfb (scripts/xvfb.sh). The caller sets app_pid.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=${VENV:-$repo/.venv}
if [[ -x "$venv/bin/daily-papers" ]]; then PATH="$venv/bin:$PATH"; fi
command -v daily-papers >/dev/null || { echo "daily-papers not found (set VENV)"; exit 2; }

work=$(mktemp -d)
data="$work/data"
mkdir "$work/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s/browser-asked.txt"\n' "$work" >"$work/bin/record-browser"
chmod +x "$work/bin/record-browser"
ln -s "$work/bin/record-browser" "$work/bin/xdg-open"
export PATH="$work/bin:$PATH" BROWSER="$work/bin/record-browser"

xvfb_pid="" app_pid=""
cleanup() {
    [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
source "$repo/scripts/xvfb.sh"
start_xvfb "$work/xvfb.log"
