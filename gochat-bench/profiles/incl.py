#!/usr/bin/env python3
"""incl.py FILE.collapsed REGEX...: percent of samples (or of the counter, e.g. bytes) with a frame matching each REGEX."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys
path, rxs = sys.argv[1], [re.compile(r) for r in sys.argv[2:]]
total = 0; hits = [0] * len(rxs)
for line in opn(path):
    s, _, n = line.rstrip("\n").rpartition(" ")
    if not s: continue
    n = int(n); total += n
    for i, r in enumerate(rxs):
        if r.search(s): hits[i] += n
for r, h in zip(sys.argv[2:], hits):
    print(f"{100.0*h/total:5.1f} %  {r}")
print(f"total {total}")
