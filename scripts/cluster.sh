#!/usr/bin/env bash
# Several silos on this machine, sharing one PostgreSQL database for storage and membership (ADO.NET clustering).
#   Storage__ConnectionString="Host=...;Database=...;Username=...;Password=..." bash scripts/cluster.sh start 3
#   bash scripts/cluster.sh token --role portal [--agency <code>] [--subject <id>] [--name <name>]   # a token they accept
#   bash scripts/cluster.sh stop
# Silo i (0, 1, 2, ...) serves gRPC on 5000+10i, health and the dashboard on 5001+10i, and uses Orleans silo port
# 11111+i (gateway 30000+i, closed unless Silo__OpenGateway=true). Any silo accepts any call. Logs, process ids and
# the cluster's signing key go to .cluster/. Extra settings pass through the environment (e.g.
# Silo__Membership__ProbeTimeout=00:00:01).
#
# The silos run outside Development, so they check tokens with a configured key or identity provider. Unless
# Auth__Authority or Auth__SigningKeys__0__Key is set, this script makes an HMAC key for the cluster in
# .cluster/signing-key (readable by its owner only, kept for the next start) and gives it to every silo; `token`
# signs with it. `start` returns once every silo answers its health check; a silo that does not within
# CLUSTER_START_TIMEOUT seconds (default 120) is reported with the end of its log, the silos of that start are
# stopped, and the exit code is 1.
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
state=.cluster
dll=$PWD/src/Silo/bin/Release/net10.0/DossierTracking.Silo.dll
key_file=$state/signing-key

build() {
  local output
  if ! output=$(dotnet build src/Silo -c Release -v quiet -nologo 2>&1); then
    echo "$output" >&2
    echo "The silo does not build (above)." >&2
    exit 1
  fi
}

# The cluster's signing key: made once, readable by its owner only. Sets key_id and key.
load_key() {
  mkdir -p "$state"
  if [ ! -e "$key_file" ]; then
    (umask 077 && printf '%s %s\n' "cluster-$(date -u +%Y%m%d%H%M%S)" "$(head -c 32 /dev/urandom | base64 -w0)" >"$key_file.new" && mv "$key_file.new" "$key_file")
  fi
  local mode
  mode=$(stat -c %a "$key_file")
  if [ "$mode" != 600 ] && [ "$mode" != 400 ]; then
    echo "$key_file may be read or changed by other users (mode $mode): anyone who read it can sign tokens for these silos." >&2
    echo "Delete it (a new key is made at the next start; tokens signed with the old one stop working)." >&2
    exit 2
  fi
  read -r key_id key <"$key_file"
}

# Whether the process id is a silo of this checkout (not another process that reused the id).
is_silo() { [ "$(ps -p "$1" -o args= 2>/dev/null)" = "dotnet $dll" ]; }

# Whether the process runs (just started, it may not show the silo's command line yet).
alive() { local args; args=$(ps -p "$1" -o args= 2>/dev/null) && [[ "$args" != *"<defunct>"* ]]; }

# The part of a silo's log that says why it stopped: from its first error on, or else its end.
why() {
  local first
  first=$(grep -n -m 1 -E '^(Unhandled exception|Cannot start)|^(crit|fail): ' "$1" | cut -d: -f1 || true)
  if [ -n "$first" ]; then sed -n "${first},$((first + 19))p" "$1"; elif [ -s "$1" ]; then tail -n 20 "$1"; else echo "(nothing yet)"; fi
}

# Sends SIGTERM to the silos named, waits up to 60 s for each to finish its calls and exit.
stop_silos() {
  local pid_file pid left=0
  for pid_file in "$@"; do
    pid=$(cat "$pid_file")
    if is_silo "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid_file in "$@"; do
    pid=$(cat "$pid_file")
    for _ in $(seq 1 120); do
      is_silo "$pid" || break
      sleep 0.5
    done
    if is_silo "$pid"; then
      echo "$(basename "$pid_file" .pid) (pid $pid) did not stop within 60 s; its log: $state/$(basename "$pid_file" .pid).log" >&2
      left=1
    else
      rm -f "$pid_file"
    fi
  done
  return $left
}

case "$command" in
  start)
    count=${2:-3}
    timeout=${CLUSTER_START_TIMEOUT:-120}
    if [ -z "${Storage__ConnectionString:-}" ]; then
      echo "Set Storage__ConnectionString (bash scripts/postgres.sh start prints one for a local test server)." >&2
      exit 2
    fi
    command -v curl >/dev/null || { echo "curl is needed to wait for the silos' health checks: sudo apt-get install -y curl" >&2; exit 2; }
    mkdir -p "$state"
    for pid_file in "$state"/silo-*.pid; do
      if [ -e "$pid_file" ] && is_silo "$(cat "$pid_file")"; then
        echo "A cluster started here is still running ($pid_file): bash scripts/cluster.sh stop first." >&2
        exit 2
      fi
      rm -f "$pid_file"
    done
    if [ -n "${Auth__Authority:-}" ] || [ -n "${Auth__SigningKeys__0__Key:-}" ]; then
      echo "Tokens: the silos check them with your Auth__ settings."
      auth=()
    else
      load_key
      auth=("Auth__SigningKeys__0__Id=$key_id" "Auth__SigningKeys__0__Key=$key")
    fi
    build

    pid_files=()
    for i in $(seq 0 $((count - 1))); do
      # Started from a subshell that exits at once: the silo is not this script's child, so it outlives it quietly.
      (env "${auth[@]}" \
        Storage__Provider=PostgreSql \
        Silo__Clustering=AdoNet \
        Silo__SiloPort=$((11111 + i)) Silo__GatewayPort=$((30000 + i)) \
        Network__GrpcPort=$((5000 + 10 * i)) Network__HttpPort=$((5001 + 10 * i)) \
        nohup dotnet "$dll" >"$state/silo-$i.log" 2>&1 &
        echo $! >"$state/silo-$i.pid")
      pid_files+=("$state/silo-$i.pid")
    done

    # Each silo must answer /healthz on its HTTP port before the deadline, and still run.
    deadline=$((SECONDS + timeout))
    failed=""
    for i in $(seq 0 $((count - 1))); do
      pid=$(cat "$state/silo-$i.pid")
      until curl -sf "http://127.0.0.1:$((5001 + 10 * i))/healthz" >/dev/null 2>&1 && alive "$pid"; do
        if ! alive "$pid"; then
          failed="silo $i exited"
          break
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
          failed="silo $i did not answer its health check within $timeout s"
          break
        fi
        sleep 0.5
      done
      if [ -n "$failed" ]; then
        echo "$failed; from $state/silo-$i.log:" >&2
        why "$state/silo-$i.log" | sed 's/^/  /' >&2
        echo "Stopping the silos of this start." >&2
        stop_silos "${pid_files[@]}" || true
        exit 1
      fi
      echo "silo $i: gRPC 127.0.0.1:$((5000 + 10 * i)), health http://127.0.0.1:$((5001 + 10 * i))/healthz (pid $pid)"
    done
    if [ ${#auth[@]} -gt 0 ]; then
      echo "Tokens for these silos: bash scripts/cluster.sh token --role <role> [--agency <code>] [--subject <id>]"
    fi
    ;;
  token)
    shift
    if [ ! -e "$key_file" ]; then
      echo "No cluster key yet: bash scripts/cluster.sh start makes one (unless the silos run with your own Auth__ settings)." >&2
      exit 2
    fi
    load_key
    [ -e "$dll" ] || build
    # The token command issues tokens in Development only, and signs with a configured key only when it is named.
    DOTNET_ENVIRONMENT=Development Auth__SigningKeys__0__Id="$key_id" Auth__SigningKeys__0__Key="$key" \
      dotnet "$dll" token "$@" --signing-key-id "$key_id"
    ;;
  stop)
    pid_files=()
    for pid_file in "$state"/silo-*.pid; do
      [ -e "$pid_file" ] && pid_files+=("$pid_file")
    done
    [ ${#pid_files[@]} -eq 0 ] || stop_silos "${pid_files[@]}"
    ;;
  *)
    echo "usage: $0 start [count] | token --role <role> [token options] | stop" >&2
    exit 2
    ;;
esac
