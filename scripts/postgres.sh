#!/usr/bin/env bash
# A throwaway PostgreSQL server for trying the cluster and running load tests on one machine.
#   bash scripts/postgres.sh start [folder] [port]   -> prints the connection string (database "dossiers")
#   bash scripts/postgres.sh stop  [folder]
#   bash scripts/postgres.sh kill  [folder]            -> stops at once, as a crash or an outage would (crash benchmark)
#   bash scripts/postgres.sh database [folder] [port] NAME -> creates database NAME on the running server, prints its connection string
# Binds to 127.0.0.1 only, trust authentication: for local use, never for production. Starting a server that is
# already running only prints its connection string again. max_connections is 400: a silo needs about 112.
# pg_stat_statements is preloaded when the server has it (the Debian package does), so the load tool can count
# statements per call; PG_STAT_STATEMENTS=off leaves it out (it costs a little on every statement). It applies when
# the server starts.
set -euo pipefail
command=${1:-}
folder=$(realpath -m "${2:-.postgres}")
port=${3:-55432}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: sudo apt-get install -y postgresql" >&2
  exit 2
fi

as_owner() {
  # PostgreSQL refuses to run as root: run it as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { as_owner "$bin/pg_ctl" -D "$folder/data" status >/dev/null 2>&1; }

case "$command" in
  start)
    if [ ! -f "$folder/data/PG_VERSION" ]; then
      mkdir -p "$folder"
      if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$folder"
        if ! runuser -u postgres -- test -w "$folder"; then
          echo "The postgres user cannot reach $folder (a parent folder is closed to it): give another folder, e.g. bash scripts/postgres.sh start /tmp/dvc-postgres" >&2
          exit 2
        fi
      fi
      as_owner "$bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    fi
    if ! running; then
      preload=""
      if [ "${PG_STAT_STATEMENTS:-on}" != off ] && [ -f "$(dirname "$bin")/lib/pg_stat_statements.so" ]; then
        preload="-c shared_preload_libraries=pg_stat_statements"
      fi
      if ! as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $folder -c max_connections=400 -c shared_buffers=512MB $preload" start >/dev/null; then
        echo "PostgreSQL did not start; the end of $folder/server.log:" >&2
        tail -n 10 "$folder/server.log" | sed 's/^/  /' >&2
        exit 1
      fi
    else
      port=$(sed -n 4p "$folder/data/postmaster.pid")  # the running server's port, whatever was asked
    fi
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'dossiers'" | grep -q 1 \
      || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE dossiers" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=dossiers;Username=postgres"
    ;;
  stop)
    if [ ! -f "$folder/data/PG_VERSION" ] || ! running; then
      echo "No PostgreSQL server is running in $folder." >&2
      exit 0
    fi
    as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    ;;
  kill)
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null
    ;;
  database)
    name=${4:?"usage: $0 database folder port name"}
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
      || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=$name;Username=postgres"
    ;;
  *)
    echo "usage: $0 start|stop|kill [folder] [port] | database folder port name" >&2
    exit 2
    ;;
esac
