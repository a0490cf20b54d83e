#!/usr/bin/env bash
# report.sh LABEL [LAYOUT]: the bench report's loads, against a system this script starts and stops.
#   LAYOUT: all (default: --module=all, one process) or split (one process per module).
#   Environment: RUN_JAR (an im.jar to run instead of the build, e.g. an older one for an A/B),
#   BENCH_JAR (default gochat-bench/target/bench.jar), RUN_JAVA_OPTS, WARMUP (s, default 120),
#   LOADS (default "private room fanout1000 fanout10000 connections"), OUT (default gochat-bench/results).
# Every load runs after a JIT warm-up of the same system; each writes OUT/LABEL-<load>.json, and the
# script prints one RESULT line per step. Ports are bench-env.sh's, so another system may run beside it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
label=${1:?label}; layout=${2:-all}
# shellcheck source=bench-env.sh
. "$ROOT/gochat-bench/bench-env.sh"
# shellcheck source=no-limits-env.sh
. "$ROOT/gochat-bench/no-limits-env.sh"   # one client IP with hundreds of users: the abuse limits off
export RUN_DIR="${RUN_DIR_OVERRIDE:-$ROOT/run-bench}"
[ -n "${RUN_JAR:-}" ] && export RUN_ADMIN_PORT=0   # an older im.jar does not know admin.port
BENCH_JAR=${BENCH_JAR:-$ROOT/gochat-bench/target/bench.jar}
OUT=${OUT:-$ROOT/gochat-bench/results}
WARMUP=${WARMUP:-120}
LOADS=${LOADS:-"private room fanout1000 fanout10000 connections"}
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
mkdir -p "$OUT"
bench() { java -Xmx1g -jar "$BENCH_JAR" "$@" $B; }
start() {
  "$ROOT/run.sh" stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR/data"
  if [ "$layout" = split ]; then "$ROOT/run.sh" start -d --split >/dev/null; else "$ROOT/run.sh" start -d >/dev/null; fi
  echo "# $label ($layout) started; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
  for p in "$RUN_DIR"/pids/*.pid; do
    n=$(basename "$p" .pid); echo "# rss_kb_at_start $n $(awk '/VmRSS/ {print $2}' "/proc/$(cat "$p")/status")"
  done
  echo "# warm-up ${WARMUP}s"
  bench api --modes=private,room --concurrency=50 --duration="$WARMUP" --warmup=0 >/dev/null
}
trap '"$ROOT/run.sh" stop >/dev/null 2>&1 || true' EXIT
start
for load in $LOADS; do
  case $load in
    private) bench api --modes=private --concurrency=50 --duration=30 --warmup=5 --out="$OUT/$label-private.json" | grep RESULT ;;
    room) bench api --modes=room --receivers=100 --concurrency=50 --duration=30 --warmup=5 --out="$OUT/$label-room.json" | grep RESULT ;;
    fanout1000) bench fanout --members=1000 --rates=${RATES_1000:-100,200,300,400,500} --step=15 --all --warmup=10 --out="$OUT/$label-fanout1000.json" | grep RESULT ;;
    fanout10000) bench fanout --members=10000 --rates=${RATES_10000:-10,20,30,40} --step=15 --all --warmup=10 --out="$OUT/$label-fanout10000.json" | grep RESULT ;;
    connections)
      bench connections --ws=3000 --procs=2 --rate=${CONN_RATE:-6000} --settle=20 --out="$OUT/$label-connections.json" | grep RESULT
      # idle: a second storm held for the measurement (the connections scenario closes its sockets at the end)
      bench connections --ws=3000 --procs=2 --rate=${CONN_RATE:-6000} --settle=150 >/dev/null &
      hold=$!; sleep 60
      declare -A t0; for p in "$RUN_DIR"/pids/*.pid; do t0[$p]=$(awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$(cat "$p")/stat"); done
      sleep 60
      for p in "$RUN_DIR"/pids/*.pid; do
        t1=$(awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$(cat "$p")/stat")
        echo "RESULT scenario=idle3000 process=$(basename "$p" .pid) cores=$(echo "scale=4; ($t1 - ${t0[$p]}) / 6000" | bc) load1=$(cut -d' ' -f1 /proc/loadavg)"
      done | tee "$OUT/$label-idle.txt"
      wait $hold || true ;;
  esac
done
