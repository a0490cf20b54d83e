#!/usr/bin/env bash
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. $ROOT/gochat-bench/bench-env.sh; . $ROOT/gochat-bench/no-limits-env.sh
export RUN_DIR=$ROOT/run-bench
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
$ROOT/run.sh stop >/dev/null 2>&1; rm -rf $RUN_DIR/data; $ROOT/run.sh start -d >/dev/null
java -Xmx1g -jar $ROOT/gochat-bench/target/bench.jar connections --ws=3000 --procs=2 --rate=2000 --settle=420 $B > ${OUT:-/tmp}/idle-late-bench.txt 2>&1 &
b=$!
until [ "$(grep -c 'worker: OPENED' ${OUT:-/tmp}/idle-late-bench.txt)" -ge 2 ]; do sleep 1; done
sleep 300
declare -A t0; for p in $RUN_DIR/pids/*.pid; do t0[$p]=$(awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$(cat $p)/stat"); done
sleep 60
for p in $RUN_DIR/pids/*.pid; do
  t1=$(awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$(cat $p)/stat")
  echo "RESULT scenario=idle3000-late process=$(basename $p .pid) cores=$(echo "scale=4; ($t1 - ${t0[$p]}) / 6000" | bc) load1=$(cut -d' ' -f1 /proc/loadavg) after=300s"
done
kill $b 2>/dev/null; wait $b 2>/dev/null
$ROOT/run.sh stop >/dev/null 2>&1
