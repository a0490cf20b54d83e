#!/usr/bin/env bash
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. $ROOT/gochat-bench/bench-env.sh; . $ROOT/gochat-bench/no-limits-env.sh
export RUN_DIR=$ROOT/run-bench RUN_JAVA_OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
LIB=${LIB:-/work/tools/async-profiler/libasyncProfiler.so}
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
$ROOT/run.sh stop >/dev/null 2>&1; rm -rf $RUN_DIR/data; $ROOT/run.sh start -d >/dev/null
pid=$(cat $RUN_DIR/pids/gochat.pid)
java -Xmx1g -jar $ROOT/gochat-bench/target/bench.jar connections --ws=3000 --procs=2 --rate=2000 --settle=130 $B > ${OUT:-/tmp}/idle-bench.txt 2>&1 &
b=$!
until [ "$(grep -c 'worker: OPENED' ${OUT:-/tmp}/idle-bench.txt)" -ge 2 ]; do sleep 1; done
sleep 30
jcmd $pid JVMTI.agent_load $LIB '"start,event=cpu,interval=1ms"' >/dev/null
t0=$(awk '{sub(/^.*\) /,""); print $12+$13}' /proc/$pid/stat)
sleep 60
t1=$(awk '{sub(/^.*\) /,""); print $12+$13}' /proc/$pid/stat)
jcmd $pid JVMTI.agent_load $LIB '"stop,file=${OUT:-/tmp}/idle-cpu.collapsed,collapsed"' >/dev/null
echo "idle cores (profiled): $(echo "scale=4; ($t1 - $t0)/6000" | bc)"
wait $b
$ROOT/run.sh stop >/dev/null 2>&1
