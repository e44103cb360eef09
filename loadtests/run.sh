#!/usr/bin/env bash
# The benchmark on this machine, end to end: a throwaway PostgreSQL (durable settings: fsync and synchronous
# commit on), one silo built in Release with the probe endpoints on, then the load tool against it.
#   bash loadtests/run.sh                      # the full run: 439,803 dossiers
#   bash loadtests/run.sh --dossiers 100000    # any load-tool option passes through
#   STORAGE=sqlite bash loadtests/run.sh ...   # the embedded default instead of PostgreSQL
#   bash loadtests/run.sh --dashboard off ...  # the silo without the Orleans dashboard (on by default), to see its cost
#   bash loadtests/run.sh --streams on ...     # the silo with the change stream (Streams:Enabled, off by default)
#   bash loadtests/run.sh --crash [--rounds 3] # the crash benchmark instead: it starts its own PostgreSQL and silos,
#                                              # kills, stops and cuts them off, and times the recovery
#   bash loadtests/run.sh --import [--dossiers 20000] [--repeat 5000] [--file F]
#                                              # the import benchmark instead: the same PostgreSQL and silo, the reference
#                                              # province's history (439,803 dossiers) generated and streamed through
#                                              # ImportService, timed; checks the 2020 report counts it
#   bash loadtests/run.sh --cluster 3 ...      # three silos (scripts/cluster.sh, ports 5000+10i) instead of one; calls enter
#                                              # at silo 0 and the silo CPU per call is summed over the three: the cluster tax
#   DVC_BENCH_HOLD=600 bash loadtests/run.sh ...  # keeps PostgreSQL and the silo up 600 s after the run (printing the
#                                              # connection string) to profile them: pg_stat_statements, dotnet-trace
#   bash loadtests/run.sh generate-import [--dossiers N] [--out F]
#                                              # only writes the import file (no PostgreSQL, no silo)
# Results: loadtests/results/latest.md (and .json). Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/dvc-bench-XXXXXX)
chmod 755 "$work"  # the PostgreSQL server runs as the postgres user when this runs as root
silo_pid=""
cluster_size=""
cluster_started=""
cleanup() {
  if [ -n "$silo_pid" ]; then kill -TERM "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; fi
  if [ -n "$cluster_started" ]; then bash scripts/cluster.sh stop || true; fi
  if [ -f "$work/pg/data/postmaster.pid" ]; then bash scripts/postgres.sh stop "$work/pg" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --dashboard on|off is the silo's (Dashboard:Enabled); every other argument goes to the load tool.
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dashboard)
      case "${2:-}" in
        on) export Dashboard__Enabled=true ;;
        off) export Dashboard__Enabled=false ;;
        *) echo "--dashboard takes on or off" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --streams)
      case "${2:-}" in
        on) export Streams__Enabled=true ;;
        off) export Streams__Enabled=false ;;
        *) echo "--streams takes on or off" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --cluster)
      case "${2:-}" in
        [2-9]) cluster_size=$2 ;;
        *) echo "--cluster takes the number of silos, 2 to 9" >&2; exit 2 ;;
      esac
      shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -n "$cluster_size" ]; then
  case " ${args[*]:-} " in
    *" --crash "*|*" --import "*|*" generate-import "*) echo "--cluster is for the load run, not --crash, --import or generate-import" >&2; exit 2 ;;
  esac
  if [ "${STORAGE:-postgresql}" = "sqlite" ]; then echo "--cluster needs PostgreSQL (membership and storage are shared)" >&2; exit 2; fi
  for i in $(seq 0 $((cluster_size - 1))); do
    if curl -sf "http://127.0.0.1:$((5001 + 10 * i))/healthz" >/dev/null 2>&1; then
      echo "Something already answers on 127.0.0.1:$((5001 + 10 * i)), a port of the cluster's silo $i: stop it first (bash scripts/cluster.sh stop)." >&2
      exit 2
    fi
  done
fi
set -- "${args[@]}"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "Building (Release)..."
dotnet build src/Silo -c Release -v quiet -nologo >/dev/null
dotnet build loadtests -c Release -v quiet -nologo >/dev/null

if [ "${1:-}" = "generate-import" ]; then
  dotnet loadtests/bin/Release/net10.0/DossierTracking.LoadTests.dll "$@"
  exit
fi

mode=load
if [ "${1:-}" = "--import" ]; then
  mode=import
  shift
fi

if [ "${1:-}" = "--crash" ]; then
  shift
  # PostgreSQL goes to $work/pg (stopped by cleanup if the benchmark could not), the silos' logs to $work.
  dotnet loadtests/bin/Release/net10.0/DossierTracking.LoadTests.dll crash --work "$work" "$@"
  exit
fi

grpc_port=$(free_port)
http_port=$(free_port)
export Network__GrpcPort=$grpc_port Network__HttpPort=$http_port Silo__SiloPort=$(free_port) Silo__GatewayPort=$(free_port)
export Diagnostics__EnableProbe=true Logging__LogLevel__Default=Warning
# A signing key for this run: the silo validates with it, the load tool signs each caller's token with it. Lookups
# are not throttled here: the benchmark measures the service, not the guessing limit.
DVC_SIGNING_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
DVC_SIGNING_KEY_ID=bench
export DVC_SIGNING_KEY DVC_SIGNING_KEY_ID Auth__SigningKeys__0__Id=$DVC_SIGNING_KEY_ID Auth__SigningKeys__0__Key=$DVC_SIGNING_KEY
export Limits__AnonymousLookupsPerSecond=0 Limits__CallerLookupsPerSecond=0
# --webhooks: the tool's receiver is on loopback.
export Webhooks__AllowPrivateNetworks=true
# On PostgreSQL the load tool also connects to it (--pg-connection) for its CPU, WAL and statements per call.
pg_args=()
if [ "${STORAGE:-postgresql}" = "sqlite" ]; then
  export Storage__Provider=Sqlite Storage__DataDirectory="$work/data"
else
  export Storage__Provider=PostgreSql
  Storage__ConnectionString=$(bash scripts/postgres.sh start "$work/pg" "$(free_port)")
  export Storage__ConnectionString
  pg_args=(--pg-connection "$Storage__ConnectionString")
fi

echo "Dashboard: $([ "${Dashboard__Enabled:-true}" = false ] && echo off || echo on); streams: $([ "${Streams__Enabled:-false}" = true ] && echo on || echo off)"
other_silos=()
if [ -n "$cluster_size" ]; then
  # The cluster script's fixed ports; it gives each silo its own and this run's signing key to all. A start that fails
  # stops its own silos; only a started cluster is this run's to stop.
  bash scripts/cluster.sh start "$cluster_size"
  cluster_started=1
  grpc_port=5000 http_port=5001
  silo_pid=""
  others=""
  for i in $(seq 1 $((cluster_size - 1))); do others="${others:+$others,}$(cat .cluster/silo-$i.pid)"; done
  other_silos=(--other-silos "$others")
else
  dotnet src/Silo/bin/Release/net10.0/DossierTracking.Silo.dll >"$work/silo.log" 2>&1 &
  silo_pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$silo_pid" 2>/dev/null; then cat "$work/silo.log"; exit 1; fi
    sleep 0.5
  done
fi

if [ "$mode" = import ]; then
  # The generated file goes to the work folder, removed with it.
  dotnet loadtests/bin/Release/net10.0/DossierTracking.LoadTests.dll import-benchmark --target "http://127.0.0.1:$grpc_port" --work "$work" "$@"
  exit
fi

dotnet loadtests/bin/Release/net10.0/DossierTracking.LoadTests.dll --target "http://127.0.0.1:$grpc_port" --metrics "http://127.0.0.1:$http_port/metrics" "${pg_args[@]}" "${other_silos[@]}" "$@"
if [ -n "${DVC_BENCH_HOLD:-}" ]; then
  pids=${silo_pid:-$(cat .cluster/silo-*.pid 2>/dev/null | paste -sd, -)}
  echo "Holding for $DVC_BENCH_HOLD s: silo pid(s) $pids, PostgreSQL ${Storage__ConnectionString:-(none)}"
  sleep "$DVC_BENCH_HOLD"
fi
