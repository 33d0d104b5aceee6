#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1; start them where installed but stopped.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

pg_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

if ! command -v pg_isready >/dev/null; then
  echo "PostgreSQL client tools are missing: install PostgreSQL (apt-get install postgresql)." >&2
  exit 1
fi
if ! pg_up; then
  if ls /etc/postgresql >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null; then
    echo "Starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || { echo "PostgreSQL is not reachable on $PGHOST:$PGPORT and could not be started." >&2; exit 1; }
fi

if ! command -v redis-cli >/dev/null; then
  echo "Redis is missing: install it (apt-get install redis-server)." >&2
  exit 1
fi
if ! redis_up; then
  if command -v redis-server >/dev/null; then
    echo "Starting Redis…"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
    for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  fi
  redis_up || { echo "Redis is not reachable on 127.0.0.1:$REDIS_PORT and could not be started." >&2; exit 1; }
fi
echo "PostgreSQL and Redis are up."
