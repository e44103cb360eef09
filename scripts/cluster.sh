#!/usr/bin/env bash
# Several silos on this machine, sharing one PostgreSQL database for storage and membership (ADO.NET clustering).
#   Storage__ConnectionString="Host=...;Database=...;Username=...;Password=..." bash scripts/cluster.sh start 3
#   bash scripts/cluster.sh stop
# Silo i (0, 1, 2, ...) serves gRPC on 5000+10i, the dashboard on 5001+10i, and uses Orleans silo port 11111+i
# (gateway 30000+i, closed unless Silo__OpenGateway=true). Any silo accepts any call. Logs and process ids go to .cluster/. Extra settings pass through the
# environment (e.g. Silo__Membership__ProbeTimeout=00:00:01).
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
count=${2:-3}
state=.cluster

case "$command" in
  start)
    if [ -z "${Storage__ConnectionString:-}" ]; then
      echo "Set Storage__ConnectionString (bash scripts/postgres.sh start prints one for a local test server)." >&2
      exit 2
    fi
    dotnet build src/Silo -c Release -v quiet -nologo >/dev/null
    mkdir -p "$state"
    for i in $(seq 0 $((count - 1))); do
      Storage__Provider=PostgreSql \
      Silo__Clustering=AdoNet \
      Silo__SiloPort=$((11111 + i)) Silo__GatewayPort=$((30000 + i)) \
      Network__GrpcPort=$((5000 + 10 * i)) Network__HttpPort=$((5001 + 10 * i)) \
        nohup dotnet src/Silo/bin/Release/net10.0/DossierTracking.Silo.dll >"$state/silo-$i.log" 2>&1 &
      echo $! >"$state/silo-$i.pid"
      echo "silo $i: gRPC 127.0.0.1:$((5000 + 10 * i)), dashboard http://127.0.0.1:$((5001 + 10 * i))/dashboard (pid $!)"
    done
    ;;
  stop)
    for pid in "$state"/silo-*.pid; do
      [ -e "$pid" ] || continue
      kill -TERM "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    done
    ;;
  *)
    echo "usage: $0 start [count] | stop" >&2
    exit 2
    ;;
esac
