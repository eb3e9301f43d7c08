# Sourced by the scripts that drive the real window (tests/ui/xvfb_smoke.sh, scripts/screenshots.sh,
# packaging/build.sh): a virtual X server the size of the default window.
#
#   start_xvfb LOG_FILE   starts Xvfb on a free display, sets xvfb_pid, exports DISPLAY and
#                         QT_QPA_PLATFORM=xcb, and returns once the server answers (xdotool).
# The caller kills "$xvfb_pid" in its own cleanup.

start_xvfb() {
  local display_number=$((90 + RANDOM % 300))
  while [ -e "/tmp/.X11-unix/X$display_number" ]; do display_number=$((display_number + 1)); done
  Xvfb ":$display_number" -screen 0 1400x860x24 -nolisten tcp >"$1" 2>&1 &
  xvfb_pid=$!
  export DISPLAY=":$display_number" QT_QPA_PLATFORM=xcb
  for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
}
