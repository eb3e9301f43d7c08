#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then smoke-test it from a clean directory.
#
#   bash packaging/build.sh              build into packaging/out/dist/daily-papers/, then smoke-test
#   bash packaging/build.sh --test-only  smoke-test the bundle built before
#
# The build gets its own virtual environment (packaging/out/venv) with PyInstaller and the app
# installed non-editable, so the bundle holds exactly what `pip install .` ships. Everything goes to
# packaging/out/ (gitignored). Linux and macOS; Windows: see packaging/README.md.
# The smoke test needs Xvfb, xdotool and ImageMagick's `import` for the window part (Debian/Ubuntu:
# apt-get install xvfb xdotool imagemagick); without them it tests the command line only.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=$repo/packaging/out
bundle=$out/dist/daily-papers
SEED_PAPERS=52  # (date, paper) entries in seeds/*.md

# A copy of the working tree's files (committed or not, minus gitignored ones) to install from:
# installing the checkout itself would leave setuptools' build/ in it, whose stale copies of
# deleted modules would then ship. Without git, the checkout is used as it is.
stage_sources() {
  command -v git >/dev/null && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || { echo "$repo"; return; }
  rm -rf "$out/src" && mkdir -p "$out/src"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
     while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done |
     tar --null -T - -cf -) | tar -xf - -C "$out/src"
  echo "$out/src"
}

build() {
  python=${PYTHON:-python3}
  [ -x "$out/venv/bin/python" ] || "$python" -m venv "$out/venv"
  "$out/venv/bin/python" -m pip install -q --upgrade pip "pyinstaller>=6.10"
  # macOS: PyInstaller turns the PNG icon into the .app's .icns with Pillow
  if [ "$(uname -s)" = Darwin ]; then "$out/venv/bin/python" -m pip install -q pillow; fi
  # --force-reinstall: the version rarely changes between builds, the code does
  "$out/venv/bin/python" -m pip install -q --force-reinstall "$(stage_sources)" >/dev/null
  # the Korean UI: the .qm files are build output (gitignored), compiled into the installed package
  (cd "$out" && "$out/venv/bin/python" -m reader.ui.platform.i18n)  # not from the checkout: its reader/ would shadow the install
  rm -rf "$bundle"
  (cd "$out" && "$out/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
      --distpath "$out/dist" --workpath "$out/work" "$repo/packaging/daily-papers.spec")
}

fail() { echo "FAIL: $*" >&2; exit 1; }

smoke_test() {
  [ -x "$bundle/daily-papers" ] || fail "no bundle at $bundle (build it first)"
  work=$(mktemp -d)
  xvfb_pid="" app_pid=""
  cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
  }
  trap cleanup EXIT
  mkdir -p "$work/home" "$work/empty-path"
  # A clean start: fresh HOME and data folder, no virtual environment, nothing on PATH (no Python).
  run_clean() { env -i HOME="$work/home" PATH="$work/empty-path" LANG=C.UTF-8 ${DISPLAY:+DISPLAY=$DISPLAY} \
                  ${QT_QPA_PLATFORM:+QT_QPA_PLATFORM=$QT_QPA_PLATFORM} "$bundle/daily-papers" "$@"; }

  echo "== size: $(du -sh "$bundle" | cut -f1) ($bundle)"
  qm=$(find "$bundle" -path '*reader/resources/translations/daily_papers_ko.qm' | head -n 1)
  [ -n "$qm" ] || fail "the bundle has no compiled Korean catalogue (daily_papers_ko.qm)"
  echo "== Korean catalogue: ${qm#"$bundle"/}"
  echo "== $(run_clean --version)"
  run_clean --data-dir "$work/cli-data" list --json >"$work/list.json"
  papers=$(grep -c '"arxiv_id"' "$work/list.json" || true)
  [ "$papers" = "$SEED_PAPERS" ] || fail "list --json gave $papers papers, expected $SEED_PAPERS"
  echo "== list --json from the bundle: $papers papers"
  matches=$(run_clean --data-dir "$work/cli-data" search 모델 --limit 5 2>&1 >/dev/null)  # "N of M matches"
  echo "== search 모델 from the bundle: $matches"

  if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
    echo "== no Xvfb/xdotool: window not tested"
    return
  fi
  source "$repo/scripts/xvfb.sh"
  start_xvfb "$work/xvfb.log"

  # First start on an empty data folder: the seeds only appear once the window's update child
  # process (a second copy of the frozen executable) has indexed them.
  for start in first second; do
    started=$(date +%s.%N)
    run_clean --data-dir "$work/window-data" --debug >"$work/window-$start.log" 2>&1 &
    app_pid=$!
    window=""
    for _ in $(seq 600); do
      window=$(xdotool search --onlyvisible --name "Daily Papers" 2>/dev/null | head -n 1 || true)
      [ -n "$window" ] && break
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.05
    done
    shown=$(date +%s.%N)
    [ -n "$window" ] || { cat "$work/window-$start.log" >&2; fail "no window on the $start start"; }
    awk -v from="$started" -v to="$shown" -v which="$start" \
      'BEGIN { printf "== %s start: window shown after %.2f s\n", which, to - from }'
    sleep 3  # the update and the first thumbnails settle
    if [ "$start" = first ]; then
      xdotool windowfocus --sync "$window" key --clearmodifiers s  # star the paper on show
      sleep 0.5
      if command -v import >/dev/null; then
        import -window root "$out/smoke-screenshot.png"
        echo "== screenshot: $out/smoke-screenshot.png"
      fi
    fi
    xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q
    for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    wait "$app_pid" || { cat "$work/window-$start.log" >&2; fail "the window exited with an error"; }
    app_pid=""
    if grep -q "update failed\|Traceback" "$work/window-$start.log"; then
      cat "$work/window-$start.log" >&2
      fail "the window's library update failed"
    fi
  done
  unset DISPLAY QT_QPA_PLATFORM
  starred=$(run_clean --data-dir "$work/window-data" list --starred | grep -c . || true)
  [ "$starred" = 1 ] || fail "the window showed no seed paper to star (starred: $starred)"
  echo "== the window showed the seeds: starring the shown paper with 's' worked"
  echo "PASS"
}

case "${1:-}" in
  --test-only) smoke_test ;;
  "") build; smoke_test ;;
  *) echo "usage: $0 [--test-only]" >&2; exit 2 ;;
esac
