#!/usr/bin/env bash
# Re-render the app icon's PNG sizes from its SVG source after editing it. The folder follows the
# freedesktop hicolor layout, so `cp -r resources/icons/hicolor ~/.local/share/icons/` installs it.
# Also writes the Windows .ico the PyInstaller spec uses. Needs rsvg-convert and ImageMagick's convert
# (Debian/Ubuntu: apt-get install librsvg2-bin imagemagick). The outputs are committed, so building
# or running the app never needs these tools.
set -euo pipefail
cd "$(dirname "$0")/.."
source_svg=resources/icons/hicolor/scalable/apps/daily-papers-reader.svg
for size in 16 24 32 48 64 128 256 512; do
  target=resources/icons/hicolor/${size}x${size}/apps/daily-papers-reader.png
  mkdir -p "$(dirname "$target")"
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$source_svg" --output "$target"
done
png() { echo "resources/icons/hicolor/${1}x${1}/apps/daily-papers-reader.png"; }
convert "$(png 16)" "$(png 24)" "$(png 32)" "$(png 48)" "$(png 64)" "$(png 128)" "$(png 256)" \
  resources/icons/daily-papers-reader.ico
echo "rendered $(ls resources/icons/hicolor/*/apps/* | wc -l) icon files"
