#!/usr/bin/env bash
# Build the articles of every development gold file (tests/gold/*.yaml) and print
# `frontline evaluate` for each; arguments go to scripts/evaluate_dev.py
# (gold files, --out DIR, --json, --reuse).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/evaluate_dev.py "$@"
