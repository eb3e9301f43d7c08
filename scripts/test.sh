#!/usr/bin/env bash
# Set up (if needed) and run the gates, each of which fails the run: ruff (lint), mypy (types), then
# the whole test suite, headless. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ruff check ."
.venv/bin/ruff check --quiet .
echo "== mypy (reader/)"
.venv/bin/mypy
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
