#!/usr/bin/env bash
# Serve the demo on embedded defaults: SQLite, the file-system Celery broker,
# one worker (with the beat scheduler) beside the development server.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
bin=.venv/bin

# Links in emails (invitations, reminders) point at the address being served, unless SITE_URL
# says otherwise (e.g. a name others can reach).
eval "$(bash scripts/run-env.sh "$host" "$port")"
# What the PDF report needs (Chromium, Pango, fonts): installed when possible, else named.
bash scripts/services.sh install-pdf

mkdir -p var/broker/processed var/logs var/staticfiles
$bin/python manage.py migrate --noinput
$bin/python manage.py seed_demo
# The workers start after seeding so they never contend with it for the SQLite file. Two
# queues (docs/regeneration.md): snapshots (with beat) and documents, each with its own worker,
# so building a PDF never delays the dashboard.
queue=${CELERY_TASK_DEFAULT_QUEUE:-lndstrategy}
$bin/celery -A lndstrategy worker --beat --loglevel=INFO --concurrency=1 -Q "$queue" \
  -n "snapshots@%h" --schedule var/celerybeat-schedule >var/logs/worker.log 2>&1 &
snapshots=$!
$bin/celery -A lndstrategy worker --loglevel=INFO --concurrency=1 -Q "$queue-documents" \
  -n "documents@%h" >var/logs/documents-worker.log 2>&1 &
documents=$!
trap 'kill $snapshots $documents 2>/dev/null || true; wait $snapshots $documents 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  L&D Strategy is starting at http://$host:$port/ — log in with one of the users above.
  Links in emails start with $SITE_URL (set SITE_URL to change that).
  The snapshot worker (and beat) log to var/logs/worker.log, the documents worker to
  var/logs/documents-worker.log.

MSG
$bin/python manage.py runserver "$host:$port"
