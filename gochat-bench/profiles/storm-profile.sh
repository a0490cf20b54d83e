#!/usr/bin/env bash
# Profiles the all-in-one process during a 3,000-WS connection storm.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. $ROOT/gochat-bench/bench-env.sh; . $ROOT/gochat-bench/no-limits-env.sh
export RUN_DIR=$ROOT/run-bench RUN_JAVA_OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
LIB=${LIB:-/work/tools/async-profiler/libasyncProfiler.so}
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
$ROOT/run.sh stop >/dev/null 2>&1; rm -rf $RUN_DIR/data; $ROOT/run.sh start -d >/dev/null
pid=$(cat $RUN_DIR/pids/gochat.pid)
bench() { java -Xmx1g -jar $ROOT/gochat-bench/target/bench.jar "$@" $B; }
# warm the join path once (unprofiled), then the profiled storm with other users' connections
bench connections --ws=3000 --procs=2 --rate=6000 --settle=12 --user-prefix=warm_ | grep RESULT
bench connections --ws=3000 --procs=2 --rate=6000 --settle=12 > ${OUT:-/tmp}/storm-bench.txt 2>&1 &
b=$!
until grep -q "connections: server pid" ${OUT:-/tmp}/storm-bench.txt 2>/dev/null; do sleep 0.5; done
jcmd $pid JVMTI.agent_load $LIB '"start,event=cpu,interval=1ms"' >/dev/null
until [ "$(grep -c 'worker: OPENED' ${OUT:-/tmp}/storm-bench.txt)" -ge 2 ]; do sleep 0.5; done
sleep 3
jcmd $pid JVMTI.agent_load $LIB "\"stop,file=${OUT:-/tmp}/storm-cpu.collapsed,collapsed\"" >/dev/null
wait $b; grep RESULT ${OUT:-/tmp}/storm-bench.txt
$ROOT/run.sh stop >/dev/null 2>&1
