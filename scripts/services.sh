#!/usr/bin/env bash
# Install (when missing), start and stop the real services the test suite needs:
# PostgreSQL (run as the postgres user: it refuses root), Redis and Chromium.
# Usage: scripts/services.sh install | install-pdf | start-… | stop-… | urls
set -euo pipefail

STATE_DIR=${LNDSTRATEGY_SERVICES_DIR:-/tmp/lndstrategy-services}
PG_PORT=${LNDSTRATEGY_PG_PORT:-55432}
REDIS_PORT=${LNDSTRATEGY_REDIS_PORT:-56379}
PG_DIR=$STATE_DIR/pg
REDIS_DIR=$STATE_DIR/redis

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Is a shared library known to the dynamic linker? (ldconfig lives in /sbin for non-root users)
# grep reads the whole list (no -q): quitting early would make ldconfig fail on a closed pipe,
# which pipefail reports as "missing".
has_library() { { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep "$1" >/dev/null; }

# What the PDF report needs: Chromium (Kaleido draws the charts with it), Pango for WeasyPrint,
# and fonts. Prints the Debian packages that are missing, one a line.
pdf_missing() {
  [ -x "${REPORTS_CHROMIUM_PATH:-/usr/bin/chromium}" ] || echo chromium
  has_library libpango-1.0.so || echo libpango-1.0-0
  has_library libpangoft2-1.0.so || echo libpangoft2-1.0-0
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo fonts-dejavu-core
  [ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || echo fonts-liberation
  # Noto covers what Liberation and DejaVu lack: non-Latin scripts, CJK and emoji (else boxes).
  [ -e /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || echo fonts-noto-core
  [ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || echo fonts-noto-cjk
  [ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || echo fonts-noto-color-emoji
}

apt_install() {
  echo "Installing Debian packages: $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

install_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  # The PDF tests read pages with poppler.
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  mapfile -t -O "${#missing[@]}" missing < <(pdf_missing)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

# For `make run`: install what the PDF needs when it can (root, or sudo without a password);
# otherwise say exactly what is missing and how to get it. Never fails: the app runs without.
install_pdf_packages() {
  local missing
  mapfile -t missing < <(pdf_missing)
  ((${#missing[@]})) || return 0
  if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
    apt_install "${missing[@]}" || true
    mapfile -t missing < <(pdf_missing)
    ((${#missing[@]})) || return 0
  fi
  cat >&2 <<MSG

  PDF reports cannot be built yet: missing ${missing[*]}.
  Install them with:  sudo apt-get install ${missing[*]}
  (or run \`make run\` once as root). Everything else works meanwhile; the worker log
  (var/logs/worker.log) says the same at its start.

MSG
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# Run a PostgreSQL tool as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin; bin=$(pg_bin)
  mkdir -p "$STATE_DIR"
  chmod 755 "$STATE_DIR"
  if [ ! -s "$PG_DIR/PG_VERSION" ]; then
    rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
    as_pg "$bin/initdb" -D "$PG_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    echo "PostgreSQL already running on port $PG_PORT"
    exit 3
  fi
  as_pg "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  echo "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
}

start_redis() {
  mkdir -p "$REDIS_DIR"
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "Redis already running on port $REDIS_PORT"
    exit 3
  fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null
  echo "Redis started on 127.0.0.1:$REDIS_PORT"
}

stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

case "${1:-}" in
  install) install_packages ;;
  install-pdf) install_pdf_packages ;;
  pdf-missing) pdf_missing ;;
  start-postgres) start_postgres ;;
  start-redis) start_redis ;;
  stop-postgres) stop_postgres ;;
  stop-redis) stop_redis ;;
  urls)
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/lndstrategy"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    ;;
  *) echo "usage: $0 install|install-pdf|pdf-missing|start-postgres|start-redis|stop-postgres|stop-redis|urls" >&2; exit 2 ;;
esac
