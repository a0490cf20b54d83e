#!/usr/bin/env bash
# Profiles the all-in-one process during fan-out into 1,000 members at RATE msgs/s (default 200):
# CPU, allocations, then wall-clock by thread, each for one 20 s step after a warm-up; a GC log beside them.
#   OUT (default /tmp) receives fanout-{cpu,alloc,wall}.collapsed, fanout-gc.log and fanout-bench.{txt,json}.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. $ROOT/gochat-bench/bench-env.sh; . $ROOT/gochat-bench/no-limits-env.sh
OUT=${OUT:-/tmp}; RATE=${RATE:-200}
export RUN_DIR=$ROOT/run-bench RUN_JAVA_OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -Xlog:gc:file=$OUT/fanout-gc.log"
LIB=${LIB:-/work/tools/async-profiler/libasyncProfiler.so}
B="--ws-port=$RUN_WS_PORT --tcp-port=$RUN_TCP_PORT --api-port=$GOCHAT_API_PORT --run-dir=$RUN_DIR"
$ROOT/run.sh stop >/dev/null 2>&1; rm -rf $RUN_DIR/data; $ROOT/run.sh start -d >/dev/null
pid=$(cat $RUN_DIR/pids/gochat.pid)
bench() { java -Xmx1g -jar $ROOT/gochat-bench/target/bench.jar "$@" $B; }
# steps: warm-up x3 (unprofiled), cpu, alloc, wall, plain (the figure without a profiler attached)
bench fanout --members=1000 --rates=$RATE,$RATE,$RATE,$RATE,$RATE,$RATE,$RATE --step=20 --all --warmup=10 --out=$OUT/fanout-bench.json > $OUT/fanout-bench.txt 2>&1 &
b=$!
step() { until [ "$(grep -c 'RESULT' $OUT/fanout-bench.txt)" -ge "$1" ]; do sleep 0.5; done; }
step 3; jcmd $pid JVMTI.agent_load $LIB '"start,event=cpu,interval=1ms"' >/dev/null
step 4; jcmd $pid JVMTI.agent_load $LIB "\"stop,file=$OUT/fanout-cpu.collapsed,collapsed\"" >/dev/null
        jcmd $pid JVMTI.agent_load $LIB '"start,event=alloc"' >/dev/null
step 5; jcmd $pid JVMTI.agent_load $LIB "\"stop,file=$OUT/fanout-alloc.collapsed,collapsed\"" >/dev/null
        jcmd $pid JVMTI.agent_load $LIB '"start,event=wall,interval=5ms,threads"' >/dev/null
step 6; jcmd $pid JVMTI.agent_load $LIB "\"stop,file=$OUT/fanout-wall.collapsed,collapsed\"" >/dev/null
wait $b; grep RESULT $OUT/fanout-bench.txt
$ROOT/run.sh stop >/dev/null 2>&1
