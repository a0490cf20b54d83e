#!/usr/bin/env bash
# ab-fanout-joins.sh LABEL: fan-out into 1,000 members (200 and 400 msgs/s, 20 s steps after a 40 s warm-up),
# then two 3,000-socket connection storms (the second one warm), against the all-in-one process (RUN_JAR
# chooses the im.jar). Run it under `nice -n -15` on a shared machine so that other work yields to it.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. $ROOT/gochat-bench/bench-env.sh; . $ROOT/gochat-bench/no-limits-env.sh
label=$1; OUT=${OUT:-/tmp}
export RUN_DIR=$ROOT/run-bench GOCHAT_RPC_TIMEOUT=${GOCHAT_RPC_TIMEOUT:-30s}
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
bench() { java -Xmx1g -jar $ROOT/gochat-bench/target/bench.jar "$@" $B; }
$ROOT/run.sh stop >/dev/null 2>&1; rm -rf $RUN_DIR/data; $ROOT/run.sh start -d >/dev/null
echo "# $label started; load $(cut -d' ' -f1-3 /proc/loadavg)"
bench fanout --members=1000 --rates=200,400 --step=20 --all --warmup=40 --out=$OUT/$label-fanout.json | grep 'fanout-step'
bench connections --ws=3000 --procs=2 --rate=6000 --settle=20 --out=$OUT/$label-storm1.json | grep RESULT
bench connections --ws=3000 --procs=2 --rate=6000 --settle=20 --out=$OUT/$label-storm2.json | grep RESULT
$ROOT/run.sh stop >/dev/null 2>&1
