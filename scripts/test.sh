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
run_id="run$$"
# A database, queue, cache prefix and folder of its own, so runs side by side
# (two developers' checkouts on one machine) cannot see each other's data.
export DATABASE_URL="${DATABASE_URL%/*}/lndstrategy_$run_id"
export CELERY_TASK_DEFAULT_QUEUE="lndstrategy-test-$run_id"
export CACHE_KEY_PREFIX="$run_id"
export LNDSTRATEGY_VAR_DIR="$PWD/var/test-$run_id"
export DJANGO_DEBUG=true
export CHROMIUM_PATH=/usr/bin/chromium
# Workers started by tests build no documents unless a test asks (tests marked `exports`).
export REPORTS_BUILD_EXPORTS=false
mkdir -p test-artifacts "$LNDSTRATEGY_VAR_DIR/staticfiles"
trap 'rm -rf "$LNDSTRATEGY_VAR_DIR"; cleanup' EXIT

.venv/bin/ruff check --quiet .
status=0
.venv/bin/pytest "$@" || status=$?
exit $status
