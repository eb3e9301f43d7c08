#!/usr/bin/env bash
# Validate the Linux launcher and AppStream files the way distributions and Flathub do.
# Needs desktop-file-validate and appstreamcli (Debian/Ubuntu: apt-get install desktop-file-utils appstream).
set -euo pipefail
cd "$(dirname "$0")/.."
desktop=resources/linux/daily-papers-reader.desktop
metainfo=resources/linux/io.github.daily_papers_reader.metainfo.xml

desktop_report=$(desktop-file-validate "$desktop" 2>&1) || true
if [ -n "$desktop_report" ]; then
  echo "$desktop_report" >&2
  echo "validate: $desktop has problems" >&2
  exit 1
fi
echo "validate: $desktop: clean"

appstream_report=$(appstreamcli validate --pedantic --no-net --strict "$metainfo" 2>&1) || {
  echo "$appstream_report" >&2
  echo "validate: $metainfo has problems" >&2
  exit 1
}
echo "validate: $metainfo: clean"
