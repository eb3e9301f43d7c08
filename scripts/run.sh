#!/usr/bin/env bash
# Set up (if needed) and open the reader; with no library of your own it shows the bundled seeds.
# Extra arguments go to the `daily-papers` command, e.g. `bash scripts/run.sh --data-dir /tmp/try`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/daily-papers "$@"
