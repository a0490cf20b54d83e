#!/usr/bin/env python3
"""tree.py FILE.collapsed REGEX [MIN_PCT=0.5] [DEPTH=12]: the callee tree below the first frame matching REGEX
(percent of all samples in the file), skipping kernel frames' detail below MIN_PCT."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys, collections
path, rx = sys.argv[1], re.compile(sys.argv[2])
minpct = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
depth = int(sys.argv[4]) if len(sys.argv) > 4 else 12
total = 0
root = {}
def add(node, frames, n):
    for f in frames:
        c = node.setdefault(f, [0, {}])
        c[0] += n
        node = c[1]
for line in opn(path):
    s, _, n = line.rstrip("\n").rpartition(" ")
    if not s: continue
    n = int(n); total += n
    fr = s.split(";")
    for i, f in enumerate(fr):
        if rx.search(f):
            add(root, [fr[i]] + fr[i+1:i+1+depth], n)
            break
def show(node, ind):
    for f, (n, ch) in sorted(node.items(), key=lambda x: -x[1][0]):
        if 100.0 * n / total < minpct: continue
        print(f"{100.0*n/total:5.1f}% {'  '*ind}{f.replace('/', '.')}")
        show(ch, ind + 1)
show(root, 0)
