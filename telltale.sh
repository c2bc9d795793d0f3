#!/usr/bin/env bash
# Telltale's two commands:
#   ./telltale.sh start   install into .venv (first time) and start the app on http://localhost:8501
#   ./telltale.sh dev     the same, reloading when a page or engine file is saved (for authors)
#   ./telltale.sh serve --workers N   for a school: N app processes behind HAProxy (see README)
#   ./telltale.sh test    install what the tests need (Python packages, Debian's chromium and
#                         PostgreSQL when missing) and run: python -m pytest
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PY="$VENV/bin/python"
# glibc's malloc: two heaps, not 8 per core. It must be set before the process starts (server.py says why).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

python_env() {
  [ -x "$PY" ] || python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$1"
}

case "${1:-}" in
  start)
    python_env requirements.txt
    exec "$PY" -m streamlit run server.py
    ;;
  dev)
    python_env requirements.txt
    # .streamlit/config.toml holds production settings; authors want edits to show up at once.
    exec "$PY" -m streamlit run server.py --server.fileWatcherType auto --server.runOnSave true
    ;;
  serve)
    python_env requirements.txt
    if ! command -v haproxy >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
    fi
    exec "$PY" scripts/serve.py "${@:2}"
    ;;
  test)
    if ! command -v chromium >/dev/null || ! command -v pg_ctlcluster >/dev/null || ! command -v haproxy >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql haproxy >/dev/null
    fi
    python_env requirements-dev.txt
    # The face generator's weights: random-face without its Jupyter/OpenCV dependencies.
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-generator.txt
    source scripts/test-postgres.sh
    # On every core, a test file at a time per worker (its module fixtures built once); each worker
    # has its own PostgreSQL database (tests/conftest.py).
    "$PY" -m pytest -q -n auto --dist loadfile "${@:2}"
    ;;
  *)
    echo "usage: ./telltale.sh start | dev | serve --workers N | test" >&2
    exit 2
    ;;
esac
