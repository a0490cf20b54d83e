#!/usr/bin/env python3
"""matrix.py PREFIX [PROCS]: CPU samples of PREFIX-<proc>.collapsed split by concern, one column per process;
each column sums to 100 %. A sample goes to the first of the LEAF concerns (GC, JIT, park/unpark, sqlite, Jedis,
Jackson, hessian2) that any of its frames matches: these include the JDK code, syscalls and kernel time they cause
(a blocking Jedis read with its context switch counts as Jedis; a thread parking or being woken counts as
park/unpark). Otherwise the framework frame nearest the leaf decides (JDK and kernel frames are skipped, so
they count for the framework that called them): Jetty under Javalin under Dubbo counts as Jetty."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys, collections
C = [
    ("GC (G1 threads)", r"^(G1|GangWorker|ConcurrentGCThread|WorkerThread::run)|;(G1[A-Z]|GangWorker::)"),
    ("JIT compiler", r"CompileBroker"),
    ("thread park/unpark (pool hand-offs, idle pools)", r"LockSupport\.(park|unpark)|Unsafe\.(park|unpark)|Unsafe_(Park|Unpark)|Object\.wait|Thread\.sleep|JVM_Sleep"),
    ("sqlite / MyBatis", r"org/sqlite|org/apache/ibatis"),
    ("Jedis (Redis round trips incl. socket I/O)", r"redis/clients/jedis"),
    ("Jackson (JSON)", r"com/fasterxml/jackson"),
    ("hessian2 serialization", r"hessian|caucho"),
    ("Dubbo codec (frame encode/decode)", r"org/apache/dubbo/.*([Cc]odec|DecodeableRpc)"),
    ("Netty WebSocket encode", r"websocketx/WebSocket08FrameEncoder|WebSocketProtocolHandler\.write|MessageToMessageEncoder"),
    ("Netty write/flush/writev", r"io/netty/.*(\.write|\.flush|WriteTask|ChannelOutboundBuffer|writev|doWrite)"),
    ("Jetty HTTP parse/generate", r"org/eclipse/jetty/http/(HttpParser|HttpGenerator|HttpFields|HttpURI)"),
    ("Javalin", r"io/javalin"),
    ("Jetty other (connection, servlet, I/O)", r"org/eclipse/jetty"),
    ("Dubbo other (filters, invokers, futures, dispatch)", r"org/apache/dubbo"),
    ("etcd / gRPC / vert.x", r"io/etcd|io/grpc|io/vertx"),
    ("logging", r"ch/qos/logback|org/slf4j"),
    ("Netty other (epoll loop, reads, pipeline)", r"io/netty"),
    ("gochat code (own frames)", r"io/gochat"),
    ("other JDK / JVM / kernel", r"."),
]
C = [(n, re.compile(r)) for n, r in C]
LEAF = 7   # the first 7 concerns match anywhere in the stack; the others by the framework frame nearest the leaf
FRAME = [(n, r) for n, r in C[LEAF:-1]]
def concern(s):
    for name, r in C[:LEAF]:
        if r.search(s):
            return name
    for f in reversed(s.split(";")):
        for name, r in FRAME:
            if r.search(";" + f if name.startswith("GC") else f):
                return name
    return C[-1][0]
procs = sys.argv[2].split(",") if len(sys.argv) > 2 else ["api", "logic-1", "task-1", "connect_ws-1"]
res = {}
for p in procs:
    c = collections.Counter(); tot = 0
    for line in opn(f"{sys.argv[1]}-{p}.collapsed"):
        s, _, n = line.rstrip("\n").rpartition(" ")
        if not s: continue
        n = int(n); tot += n
        c[concern(s)] += n
    res[p] = (c, tot)
print("| concern (% of the process's CPU samples) | " + " | ".join(procs) + " |\n|---|" + "---|" * len(procs))
print("| samples | " + " | ".join(str(res[p][1]) for p in procs) + " |")
for name, _ in C:
    if all(res[p][0][name] == 0 for p in procs): continue
    print(f"| {name} | " + " | ".join(f"{100*res[p][0][name]/res[p][1]:.1f}" for p in procs) + " |")
