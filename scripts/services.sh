#!/usr/bin/env bash
# PostgreSQL and Redis from Debian's packages for the scale-out tests: install when missing, start a
# private PostgreSQL cluster (under var/services/, its own port) and a Redis server, and print the URLs.
#
#   eval "$(scripts/services.sh start)"   # exports GOVBOT_TEST_POSTGRES_URL and GOVBOT_TEST_REDIS_URL
#   scripts/services.sh stop
#
# The application's default stays embedded (SQLite, in-process locks); only tests and `make soak` use these.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT="${GOVBOT_PG_PORT:-55432}"
REDIS_PORT="${GOVBOT_REDIS_PORT:-56379}"
ROOT="$PWD/var/services"
PG_DATA="$ROOT/postgres"
PG_BIN=""

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v redis-server >/dev/null; then
    echo "installing Debian's postgresql and redis-server" >&2
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
      postgresql redis-server >&2
  fi
  PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
}

# PostgreSQL refuses to run as root: the cluster belongs to the unprivileged `postgres` user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start() {
  install
  mkdir -p "$ROOT"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$ROOT"
    as_postgres "'$PG_BIN/initdb' -D '$PG_DATA' -U govbot --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    # Loopback only, on its own port, so a plain `pg_ctl start` (the restart test) comes back the same.
    as_postgres "printf 'port = $PG_PORT\\nlisten_addresses = '\\''127.0.0.1'\\''\\nunix_socket_directories = '\\''/tmp'\\''\\n' >> '$PG_DATA/postgresql.auto.conf'"
  fi
  if ! as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' status" >/dev/null 2>&1; then
    as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/server.log' -w start" >&2
  fi
  for db in govbot_test govbot_tracker_test; do
    as_postgres "'$PG_BIN/psql' -h 127.0.0.1 -p $PG_PORT -U govbot -d postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" \
      | grep -q 1 || as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U govbot $db"
  done
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --logfile "$ROOT/redis.log" --pidfile "$ROOT/redis.pid" >&2
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "export GOVBOT_TEST_POSTGRES_URL=postgresql+psycopg2://govbot@127.0.0.1:$PG_PORT/govbot_test"
  echo "export GOVBOT_TEST_TRACKER_URL=postgresql://govbot@127.0.0.1:$PG_PORT/govbot_tracker_test"
  echo "export GOVBOT_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  echo "export GOVBOT_TEST_PG_CTL='$PG_BIN/pg_ctl -D $PG_DATA'"
}

stop() {
  install
  if [ -f "$PG_DATA/PG_VERSION" ]; then
    as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m fast stop" >/dev/null 2>&1 || true
  fi
  # Only the Redis this checkout started (its pid file): another checkout's may be on the same port.
  if [ -f "$ROOT/redis.pid" ]; then
    kill "$(cat "$ROOT/redis.pid")" >/dev/null 2>&1 || true
    rm -f "$ROOT/redis.pid"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
