#!/usr/bin/env bash
# Install SAKIP into .venv, load the demo data (migrate + fixtures + demo users), start one
# task-queue worker (documents, imports; README "Antrian") beside the development server on
# http://127.0.0.1:8000/, and stop the worker with the server. Needs only Python 3.11+.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python manage.py load_demo
# No beat here: old finished jobs and their files go once per start (README "Antrian").
.venv/bin/python manage.py bersihkan_pekerjaan

# One worker, one process, recycled after it grew past ~600 MB (a long LKjIP render).
.venv/bin/celery -A sakip worker --concurrency 1 --max-memory-per-child "${SAKIP_WORKER_MAX_KB:-600000}" \
  --loglevel "${SAKIP_WORKER_LOGLEVEL:-WARNING}" &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver "${1:-127.0.0.1:8000}"
