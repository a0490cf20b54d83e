#!/usr/bin/env python3
"""numbers.py RUN [RUN...]: server CPU per message (and per delivery) from RUN-cpu.txt (profile.sh's window:
CPU seconds per process from /proc, messages stored in sqlite meanwhile) and RUN.json (the bench's result)."""
import json, re, sys
SERVERS = ["api", "logic-1", "task-1", "connect_ws-1", "connect_tcp-1", "redis"]
for run in sys.argv[1:]:
    txt = open(f"{run}-cpu.txt").read()
    window = float(re.search(r"window=([\d.]+)", txt).group(1))
    msgs = int(re.search(r"messages_stored=(\d+)", txt).group(1))
    cpu = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+) cpu_seconds=([\d.]+)", txt, re.M)}
    res = json.load(open(f"{run}.json"))[0]
    per_msg_deliveries = res.get("receivers", 1) if res["scenario"] == "api-room" else (res.get("members", 1) if "fanout" in res["scenario"] else 1)
    deliveries = res["deliveriesPerSec"] * window if res["scenario"] == "api-room" else msgs * per_msg_deliveries
    total = sum(cpu.get(s, 0) for s in SERVERS)
    pct = " / ".join(f"{100*cpu.get(s,0)/window:.0f}" for s in SERVERS)
    print(f"{run}: window {window:.1f} s, {msgs} msgs ({msgs/window:.0f}/s), ~{deliveries/window:,.0f} deliveries/s; "
          f"CPU % api/logic/task/ws/tcp/redis = {pct}; server CPU {total:.2f} s = {1000*total/msgs:.3f} ms/msg"
          + (f", {1e6*total/deliveries:.2f} us/delivery" if deliveries > msgs else "")
          + "; per msg (ms) " + " ".join(f"{s}={1000*cpu.get(s,0)/msgs:.3f}" for s in SERVERS))
