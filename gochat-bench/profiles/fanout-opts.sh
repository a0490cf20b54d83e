#!/usr/bin/env bash
# fanout-opts.sh LABEL "JVM flags": fan-out into 1,000 members at RATE (200) msgs/s, three 20 s steps after a
# warm-up, against the all-in-one process started with those flags; prints the steps and the GC pauses.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. $ROOT/gochat-bench/bench-env.sh; . $ROOT/gochat-bench/no-limits-env.sh
label=$1; OUT=${OUT:-/tmp}; RATE=${RATE:-200}
export RUN_DIR=$ROOT/run-bench RUN_JAVA_OPTS="$2 -Xlog:gc:file=$OUT/$label-gc.log"
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
$ROOT/run.sh stop >/dev/null 2>&1; rm -rf $RUN_DIR/data; $ROOT/run.sh start -d >/dev/null
pid=$(cat $RUN_DIR/pids/gochat.pid)
java -Xmx1g -jar $ROOT/gochat-bench/target/bench.jar fanout --members=1000 --rates=$RATE,$RATE,$RATE --step=20 --all \
  --warmup=40 --out=$OUT/$label-fanout.json $B > $OUT/$label-fanout.txt 2>&1
echo "# $label rss_kb $(awk '/VmRSS/ {print $2}' /proc/$pid/status)"
$ROOT/run.sh stop >/dev/null 2>&1
grep 'fanout-step' $OUT/$label-fanout.txt | sed -E 's/.*(load1=[^ ]+).*(cpuPct=[^ ]+).*(e2eP50ms=[^ ]+).*(e2eP99ms=[^ ]+).*(afterLogicP99ms=[^ ]+).*(apiReplyP99ms=[^ ]+).*/\1 \2 \3 \4 \5 \6/'
grep -E "Pause (Young|Full)" $OUT/$label-gc.log | awk -v l=$label '{v=$NF; sub("ms","",v); v+=0; n++; s+=v; if (v>m) m=v; if (v>=20) big++} END {printf "# %s gc pauses %d, mean %.1f ms, max %.1f ms, >=20ms %d\n", l, n, s/n, m, big}'
