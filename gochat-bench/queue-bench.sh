#!/usr/bin/env bash
# queue-bench.sh [TASKS...] (default "1 2 3"): messages/s through the partitioned queue with 1, 2 and 3
# separate task processes (the split layout: logic, one connect_ws, api, N tasks, on the bench ports).
# For each N: start the system with queue.partitions=6 (each task gets an equal share: 6, 3+3, 2+2+2) and
# registry.ttl=30s, wait until the N tasks hold all 6 partitions, freeze the tasks (SIGSTOP: their leases
# outlive it), XADD MESSAGES private messages (round-robin over the partitions, to 1,000 users whose route
# names ws-1) in one redis-cli --pipe, resume the tasks (SIGCONT) and sample the total stream length every
# 100 ms. Round 1 of each N warms the JIT and is reported but not counted. Entries leave the streams when task has delivered them to ws-1 (one RPC per batch),
# acknowledged and trimmed them, so the drain rate is the queue's throughput: read (XREADGROUP), routed (one
# pipelined HGET round per batch), handed to the connect server, acknowledged (XACK + XTRIM MINID).
# Rate = the messages drained between 90 % and 10 % of the fill, over that time (start and tail excluded).
# ws-1 has no socket for these users: it drops them after the lookup, so socket writes are not in the figure.
# ROUNDS (default 3) fills per N; OUT (default gochat-bench/results) gets queue-tasks-<label>.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/gochat-bench/no-limits-env.sh"
# its own ports and run dir (not bench-env.sh's), so report.sh may run beside it
export RUN_ETCD_PORT=24790 RUN_REDIS_PORT=6490 GOCHAT_API_PORT=7270 GOCHAT_SITE_PORT=8280 \
  RUN_WS_PORT=7200 RUN_TCP_PORT=7201 RUN_ADMIN_PORT=9300
export RUN_DIR="${RUN_DIR_OVERRIDE:-$ROOT/run-queue-bench}" GOCHAT_QUEUE_PARTITIONS=6 GOCHAT_REGISTRY_TTL=30s
MESSAGES=${MESSAGES:-100000}; ROUNDS=${ROUNDS:-4}; OUT=${OUT:-$ROOT/gochat-bench/results}
LABEL=${LABEL:-$(date -u +%Y%m%d-%H%M)}
TASKS=("${@:-1 2 3}"); read -r -a TASKS <<< "${TASKS[*]}"
R="redis-cli -p $RUN_REDIS_PORT"
mkdir -p "$OUT"; RESULTS="$OUT/queue-tasks-$LABEL.txt"
trap 'for p in "$RUN_DIR"/pids/task-*.pid; do kill -CONT "$(cat "$p")" 2>/dev/null; done
      "$ROOT/run.sh" stop >/dev/null 2>&1 || true' EXIT
ticks() { for p in "$RUN_DIR"/pids/$1*.pid; do awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$(cat "$p")/stat"; done | awk '{s+=$1} END {print s+0}'; }
total_len() { for p in 0 1 2 3 4 5; do echo "XLEN {gochat_queue:$p}"; done | $R | awk '{s+=$1} END {print s+0}'; }
fill() {  # RESP for redis-cli --pipe: MESSAGES XADDs, op 2 (private) to users 1..1000
  python3 - "$MESSAGES" <<'PY'
import sys
n = int(sys.argv[1]); out = sys.stdout.buffer
def cmd(*a):
    b = [("*%d\r\n" % len(a)).encode()]
    for x in a:
        x = x.encode(); b.append(b"$%d\r\n%s\r\n" % (len(x), x))
    out.write(b"".join(b))
for i in range(1, n + 1):
    u = 1 + i % 1000
    body = '{"code":0,"op":2,"msgId":"%d","fromUserId":1,"toUserId":%d,"msg":"queue bench %d"}' % (i, u, i)
    m = '{"op":2,"msgId":%d,"toUserId":%d,"roomId":0,"body":%s,"groupId":0,"membership":0}' % (
        i, u, '"' + body.replace('\\', '\\\\').replace('"', '\\"') + '"')
    cmd("XADD", "{gochat_queue:%d}" % (i % 6), "*", "m", m)
PY
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $MESSAGES messages per fill, 6 partitions" | tee -a "$RESULTS"
for n in "${TASKS[@]}"; do
  "$ROOT/run.sh" stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR/data"
  "$ROOT/run.sh" start -d --task="$n" --connect-tcp=0 >/dev/null
  for u in $(seq 1 1000); do echo "HSET gochat_route_$u ws-1 1"; done | $R >/dev/null
  for _ in $(seq 1 600); do   # every partition held, by n distinct tasks
    owners=$(for p in 0 1 2 3 4 5; do echo "GET {gochat_queue:$p}:owner"; done | $R | sort)
    [ "$(echo "$owners" | grep -vc '^$')" -eq 6 ] && [ "$(echo "$owners" | sort -u | grep -vc '^$')" -eq "$n" ] && break
    sleep 0.1
  done
  for round in $(seq 1 "$ROUNDS"); do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    for p in "$RUN_DIR"/pids/task-*.pid; do kill -STOP "$(cat "$p")"; done
    fill | $R --pipe >/dev/null
    peak=$(total_len)
    t0=$(date +%s%N); task0=$(ticks task-); all0=$(ticks "")
    for p in "$RUN_DIR"/pids/task-*.pid; do kill -CONT "$(cat "$p")"; done
    t90=""; t10=""
    while :; do
      len=$(total_len); now=$(date +%s%N)
      [ -z "$t90" ] && [ "$len" -le $((peak * 9 / 10)) ] && { t90=$now; l90=$len; }
      [ -n "$t90" ] && [ "$len" -le $((peak / 10)) ] && { t10=$now; l10=$len; break; }
      [ $(( (now - t0) / 1000000000 )) -gt 300 ] && break
      sleep 0.1
    done
    if [ -n "$t10" ] && [ "$t10" -gt "$t90" ]; then
      rate=$(( (l90 - l10) * 1000000000 / (t10 - t90) ))
    else rate=0; fi
    secs=$(( ( $(date +%s%N) - t0 ) / 10000000 ))   # hundredths of a second, as the ticks
    taskPct=$(( ( $(ticks task-) - task0 ) * 100 / (secs > 0 ? secs : 1) ))
    allPct=$(( ( $(ticks "") - all0 ) * 100 / (secs > 0 ? secs : 1) ))
    echo "RESULT scenario=queue tasks=$n round=$round messages=$MESSAGES peak=$peak drainedPerSecond=$rate taskCpuPct=$taskPct serverCpuPct=$allPct load1=\"$load\"" | tee -a "$RESULTS"
    for _ in $(seq 1 300); do [ "$(total_len)" -eq 0 ] && break; sleep 0.1; done
  done
done
