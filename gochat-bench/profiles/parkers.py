#!/usr/bin/env python3
"""parkers.py FILE.collapsed [N]: samples spent parking or waking threads (LockSupport/Unsafe park or
unpark, Object.wait/notify, futex), grouped by the nearest application/library caller frames."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys, collections
path = sys.argv[1]; top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
park = re.compile(r"LockSupport\.(park|unpark)|Unsafe\.(park|unpark)|Object\.wait|Object\.notify|Unsafe_Unpark|Unsafe_Park")
skip = re.compile(r"^java/util/concurrent/(locks|CompletableFuture\$Signaller|ForkJoinPool\.managedBlock|SynchronousQueue\$TransferStack\.|LinkedTransferQueue\.(awaitMatch|xfer)|ArrayBlockingQueue\.|LinkedBlockingQueue\.)|^jdk/internal/misc")
total = 0; by = collections.Counter(); kinds = collections.Counter()
for line in opn(path):
    s, _, n = line.rstrip("\n").rpartition(" ")
    if not s: continue
    n = int(n); total += n
    fr = s.split(";")
    idx = next((i for i in range(len(fr) - 1, -1, -1) if park.search(fr[i])), None)
    if idx is None: continue
    kind = "unpark" if "unpark" in fr[idx].lower() or "notify" in fr[idx] else "park"
    callers = [f for f in reversed(fr[:idx]) if not skip.match(f)][:3]
    by[(kind, " < ".join(c.replace("/", ".") for c in callers))] += n
    kinds[kind] += n
print(f"{path}: {total} samples; park {100*kinds['park']/total:.1f} %, unpark {100*kinds['unpark']/total:.1f} %")
for (k, c), n in by.most_common(top):
    print(f"{100*n/total:5.1f} % {k:6} {c[:230]}")
