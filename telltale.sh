#!/usr/bin/env bash
# Telltale's two commands:
#   ./telltale.sh start   install into .venv (first time) and start the app on http://localhost:8501
#   ./telltale.sh test    install what the tests need (Python packages, Debian's chromium and
#                         PostgreSQL when missing) and run: python -m pytest
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PY="$VENV/bin/python"

python_env() {
  [ -x "$PY" ] || python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$1"
}

case "${1:-}" in
  start)
    python_env requirements.txt
    exec "$PY" -m streamlit run app.py
    ;;
  test)
    if ! command -v chromium >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql >/dev/null
    fi
    python_env requirements-dev.txt
    # The face generator's weights: random-face without its Jupyter/OpenCV dependencies.
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-generator.txt
    source scripts/test-postgres.sh
    "$PY" -m pytest -q "${@:2}"
    ;;
  *)
    echo "usage: ./telltale.sh start | test" >&2
    exit 2
    ;;
esac
