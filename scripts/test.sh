#!/usr/bin/env bash
# Run the whole suite against real PostgreSQL, Redis, a Celery worker and Chromium.
# Services this script starts, it stops; ones already running are reused.
set -euo pipefail
cd "$(dirname "$0")/.."
services=scripts/services.sh

bash $services install

started=()
cleanup() {
  for service in "${started[@]}"; do bash $services "stop-$service"; done
}
trap cleanup EXIT
for service in postgres redis; do
  rc=0
  bash $services "start-$service" || rc=$?
  case $rc in
    0) started+=("$service") ;;
    3) ;; # already running: reuse it, leave it running
    *) echo "Could not start $service; the suite needs it." >&2; exit 1 ;;
  esac
done

set -a
eval "$(bash $services urls)"
set +a
export DJANGO_DEBUG=true
export CHROMIUM_PATH=/usr/bin/chromium
# A queue of its own, so a concurrent run cannot take this run's tasks.
export CELERY_TASK_DEFAULT_QUEUE="lndstrategy-test-$$"
export LNDSTRATEGY_VAR_DIR="$PWD/var/test"
mkdir -p test-artifacts "$LNDSTRATEGY_VAR_DIR"

.venv/bin/ruff check --quiet .
status=0
.venv/bin/pytest "$@" || status=$?
exit $status
