#!/usr/bin/env python3
"""compact.py FILE.collapsed...: rewrites collapsed stacks smaller, in place, without changing what the analysis
scripts read: lambda and hidden-class addresses are dropped ($$Lambda$123.0x00007f.. -> $$Lambda), the
temporary names of extracted native libraries are normalised, a run of kernel frames keeps only its syscall
entry (__x64_sys_*) and its leaf frame, and identical stacks are merged."""
import re, sys, collections
lam = re.compile(r"\$\$Lambda\$\d+[./]0x[0-9a-f]+|\$\$Lambda[./]0x[0-9a-f]+|\.0x[0-9a-f]{8,}")
tmp = re.compile(r"^\.tmp\.(sqlite)[^ ;]*libsqlitejdbc\.so|^\.tmp\.libnetty_transport_native_epoll[^;]*")
for path in sys.argv[1:]:
    out = collections.Counter()
    for line in open(path, errors="replace"):
        s, _, n = line.rstrip("\n").rpartition(" ")
        if not s: continue
        fr = [tmp.sub(lambda m: "libsqlitejdbc.so" if m.group(1) else "libnetty_transport_native_epoll.so", lam.sub("$$Lambda", f)) for f in s.split(";")]
        k = next((i for i, f in enumerate(fr) if f.endswith("_[k]")), None)
        if k is not None and len(fr) - k > 2:
            kern = fr[k:]
            sysf = next((f for f in kern if f.startswith("__x64_sys_") or f.startswith("__do_sys_")), None)
            keep = ([kern[0]] if not sysf else [sysf]) + ([kern[-1]] if kern[-1] != sysf else [])
            fr = fr[:k] + keep
        out[";".join(fr)] += int(n)
    with open(path, "w") as f:
        for k, v in out.items(): f.write(f"{k} {v}\n")
