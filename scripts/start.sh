#!/usr/bin/env bash
# Install SAKIP into .venv, load the demo data (migrate + fixtures + demo users), start the
# development server on http://127.0.0.1:8000/. Needs only Python 3.11+.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python manage.py load_demo
exec .venv/bin/python manage.py runserver "${1:-127.0.0.1:8000}"
