#!/usr/bin/env python3
"""wallthreads.py FILE.collapsed (wall clock, recorded with 'threads'): per thread pool (names with their
numbers folded), how many threads, and what their samples were doing: parked/waiting, in epoll, in a
blocking socket read/write, or running. With --fold OUT, also writes the stacks with thread numbers folded to
OUT (much smaller; thread counts are then no longer visible)."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys, collections
path = sys.argv[1]
def kind(fr):
    j = ";".join(fr[-12:])
    if re.search(r"epoll_wait|EPoll\.wait|epollWait|Native\.epoll|select", j): return "epoll/select"
    if re.search(r"LockSupport\.park|Unsafe\.park|Object\.wait|Thread\.sleep|futex_wait|pthread_cond", j): return "parked/waiting"
    if re.search(r"SocketInputStream\.read|NioSocketImpl\.(read|park)|sys_(recvfrom|read|poll)_\[k\]|Net\.poll", j): return "blocking socket read"
    if re.search(r"sys_(sendto|write|writev|sendmsg)_\[k\]", j): return "socket write"
    return "running/other"
groups = collections.defaultdict(collections.Counter); threads = collections.defaultdict(set); total = 0
folded = collections.Counter()
for line in opn(path):
    s, _, n = line.rstrip("\n").rpartition(" ")
    if not s: continue
    n = int(n); total += n
    fr = s.split(";")
    m = re.match(r"\[(.*?)(?: tid=(\d+))?\]$", fr[0])
    name = re.sub(r"\d+", "N", m.group(1)) if m else "?"
    threads[name].add(m.group(2) if m and m.group(2) else "?")
    groups[name][kind(fr)] += n
    folded[";".join(["[" + name + "]"] + fr[1:])] += n
if "--fold" in sys.argv:
    with open(sys.argv[sys.argv.index("--fold") + 1], "w") as f:
        for k, v in folded.items(): f.write(f"{k} {v}\n")
kinds = ["running/other", "blocking socket read", "socket write", "parked/waiting", "epoll/select"]
print(f"{path}: {total} wall samples\n\n| thread pool | threads seen | samples | " + " | ".join(kinds) + " |\n|---|---|---|" + "---|" * len(kinds))
for name, c in sorted(groups.items(), key=lambda x: -sum(x[1].values())):
    t = sum(c.values())
    if 100 * t / total < 0.3: continue
    print(f"| {name} | {len(threads[name])} | {100*t/total:.1f} % | " + " | ".join(f"{100*c[k]/total:.1f} %" for k in kinds) + " |")
