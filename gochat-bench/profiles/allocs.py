#!/usr/bin/env python3
"""allocs.py RUN [N]: bytes allocated per message by each profiled process (async-profiler event=alloc, collapsed
with 'total' = estimated bytes) over the messages stored in the window (RUN-cpu.txt), and the top allocation
sites (allocated class <- nearest non-JDK caller)."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys, collections
run = sys.argv[1]; top = int(sys.argv[2]) if len(sys.argv) > 2 else 6
txt = open(f"{run}-cpu.txt").read()
msgs = int(re.search(r"messages_stored=(\d+)", txt).group(1))
for p in ["api", "logic-1", "task-1", "connect_ws-1"]:
    tot = 0; sites = collections.Counter()
    for line in opn(f"{run}-{p}.collapsed"):
        s, _, n = line.rstrip("\n").rpartition(" ")
        if not s: continue
        n = int(n); tot += n; fr = s.split(";")
        caller = next((f for f in reversed(fr[:-1]) if not f.startswith(("java/", "jdk/", "sun/", "kotlin/"))), "?")
        sites[(fr[-1].replace("_[i]", "").replace("_[k]", ""), caller.replace("/", "."))] += n
    print(f"- **{p}**: {tot/1e6:,.0f} MB in the window = **{tot/msgs/1024:.1f} KB per message** ({msgs} messages)")
    for (cls, caller), n in sites.most_common(top):
        print(f"  - {100*n/tot:4.1f} % ({n/msgs/1024:.1f} KB/msg) `{cls.replace('/', '.')}` <- `{caller[:100]}`")
