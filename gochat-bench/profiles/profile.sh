#!/usr/bin/env bash
# profile.sh NAME EVENT SECONDS [extra async-profiler options]
# Attaches async-profiler (libasyncProfiler.so from Maven Central tools.profiler:async-profiler:4.6, linux-x64)
# to the run.sh servers api, logic-1, task-1, connect_ws-1 with jcmd JVMTI.agent_load, profiles for SECONDS,
# then writes OUT/NAME-<proc>.collapsed and OUT/NAME-<proc>.html, and OUT/NAME-cpu.txt with the CPU seconds
# (utime+stime from /proc/<pid>/stat) every server process used during the window.
# Environment: RUN_DIR (run.sh's run dir), OUT (output dir), LIB (libasyncProfiler.so), PROCS (process names).
set -euo pipefail
name=$1 event=$2 secs=$3 extra=${4:-}
RUN_DIR=${RUN_DIR:?set RUN_DIR}
OUT=${OUT:-$(dirname "$0")/baseline}
LIB=${LIB:-/work/tools/async-profiler/libasyncProfiler.so}
PROCS=${PROCS-"api logic-1 task-1 connect_ws-1"}
ALL="api logic-1 task-1 connect_ws-1 connect_tcp-1 redis etcd site"
mkdir -p "$OUT"
ticks() { awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$1/stat"; }   # utime+stime, 1/100 s
interval=""
case $event in cpu|itimer) interval=",interval=${INTERVAL:-1ms}" ;; wall) interval=",interval=5ms" ;; esac
for p in $PROCS; do
  jcmd "$(cat "$RUN_DIR/pids/$p.pid")" JVMTI.agent_load "$LIB" "\"start,event=$event$interval${extra:+,$extra}\"" >/dev/null
done
REDIS_PORT=${RUN_REDIS_PORT:-6380}
msgs() { sqlite3 "$RUN_DIR/data/gochat.db" "select count(*) from message" 2>/dev/null || echo 0; }
rstats() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | grep '^cmdstat_' | sed 's/^cmdstat_\([^:]*\):calls=\([0-9]*\),.*/\1 \2/'; }
declare -A t0
for p in $ALL; do pid=$(cat "$RUN_DIR/pids/$p.pid"); t0[$p]=$(ticks "$pid"); done
m0=$(msgs); rstats > "/tmp/rstats0.$$"
start=$(date +%s.%N); load0=$(cut -d' ' -f1-3 /proc/loadavg)
sleep "$secs"
end=$(date +%s.%N); m1=$(msgs); rstats > "/tmp/rstats1.$$"
declare -A t1
for p in $ALL; do pid=$(cat "$RUN_DIR/pids/$p.pid"); t1[$p]=$(ticks "$pid"); done
for p in $PROCS; do
  pid=$(cat "$RUN_DIR/pids/$p.pid")
  jcmd "$pid" JVMTI.agent_load "$LIB" "\"stop,file=$OUT/$name-$p.collapsed,collapsed${extra:+,$extra}\"" >/dev/null
  jcmd "$pid" JVMTI.agent_load "$LIB" "\"dump,file=$OUT/$name-$p.html${extra:+,$extra}\"" >/dev/null
done
{
  echo "# $name event=$event window=$(echo "$end - $start" | bc) s loadavg start: $load0 end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "messages_stored=$((m1 - m0))"
  for p in $ALL; do echo "$p cpu_seconds=$(echo "scale=2; (${t1[$p]} - ${t0[$p]}) / 100" | bc)"; done
  echo "# redis commands in the window (calls)"
  join -a2 -e0 -o 0,1.2,2.2 <(sort "/tmp/rstats0.$$") <(sort "/tmp/rstats1.$$") | awk '$3-$2>0 {print "redis", $1, $3-$2}'
} | tee "$OUT/$name-cpu.txt"
rm -f "/tmp/rstats0.$$" "/tmp/rstats1.$$"
