#!/usr/bin/env bash
# ctxsw.sh SECONDS: context switches (voluntary + involuntary, summed over all threads) and threads of each
# server process over SECONDS, with the messages stored meanwhile. RUN_DIR as for run.sh.
set -euo pipefail
secs=$1
ALL="api logic-1 task-1 connect_ws-1 connect_tcp-1 redis"
cs() { cat /proc/$1/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/{v+=$2} /^nonvoluntary_ctxt_switches/{n+=$2} END {print v, n}'; }
msgs() { sqlite3 "$RUN_DIR/data/gochat.db" "select count(*) from message"; }
declare -A v0 n0
for p in $ALL; do read -r v n < <(cs "$(cat "$RUN_DIR/pids/$p.pid")"); v0[$p]=$v; n0[$p]=$n; done
m0=$(msgs); sleep "$secs"; m1=$(msgs)
echo "messages_stored=$((m1 - m0)) in $secs s"
for p in $ALL; do
  pid=$(cat "$RUN_DIR/pids/$p.pid"); read -r v n < <(cs "$pid")
  echo "$p voluntary=$((v - v0[$p])) involuntary=$((n - n0[$p])) per_message=$(echo "scale=2; ($v - ${v0[$p]} + $n - ${n0[$p]}) / ($m1 - $m0 + 0.0001)" | bc) threads=$(ls /proc/$pid/task | wc -l)"
done
