#!/usr/bin/env bash
# bench-profiled.sh NAME EVENT SECS TRIGGER DELAY [PROFILER_EXTRA] -- BENCH ARGS...
# Runs java -jar $BENCH_JAR BENCH ARGS (output OUT/NAME-bench.txt, results OUT/NAME.json); once a line matching
# TRIGGER appears (the bench has logged in its users and connected its clients), waits DELAY s and profiles
# the servers for SECS s with profile.sh. EVENT "none" measures CPU/messages/Redis without a profiler.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=$1 event=$2 secs=$3 trigger=$4 delay=$5; shift 5
extra=""
if [ "${1:-}" != "--" ]; then extra=$1; shift; fi
shift   # --
OUT=${OUT:-$here/baseline}; export OUT
BENCH_JAR=${BENCH_JAR:-/work/baseline/bench.jar}
log="$OUT/$name-bench.txt"
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): java -jar $BENCH_JAR $* --out=$OUT/$name.json" > "$log"
java -jar "$BENCH_JAR" "$@" --out="$OUT/$name.json" >> "$log" 2>&1 &
bpid=$!
until grep -qE "$trigger" "$log"; do
  kill -0 $bpid 2>/dev/null || { echo "bench exited before '$trigger'"; cat "$log"; exit 1; }
  sleep 0.2
done
sleep "$delay"
if [ "$event" = none ]; then PROCS="" "$here/profile.sh" "$name" none "$secs" >/dev/null
else "$here/profile.sh" "$name" "$event" "$secs" "$extra" >/dev/null; fi
wait $bpid
echo "# end load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"
cat "$OUT/$name-cpu.txt"; grep -v "^  worker" "$log" | tail -5
