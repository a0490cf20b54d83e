#!/usr/bin/env python3
"""analyze.py FILE.collapsed [...]: where the samples of an async-profiler collapsed profile go.

For each file: total samples; share in kernel; samples by thread kind (the pool the stack runs on);
samples by concern (each sample goes to the concern of the frame nearest the leaf that matches one:
a socket write made by Jedis counts as Jedis, a park as parking); inclusive share of each concern (any
frame); top self frames and top inclusive frames (methods counted once per stack)."""
import os, sys as _sys
_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collapsed_io import opn
import re, sys, collections

CONCERNS = [  # (name, regex on one frame); the frame nearest the leaf that matches any decides
    ("park/unpark (LockSupport, futex, Object.wait)", r"LockSupport\.(park|unpark)|Unsafe\.(park|unpark)|Object\.wait|Parker::|pthread_cond|futex"),
    ("epoll/selector wait", r"epoll_wait|EPollArrayWrapper|EPollSelectorImpl\.doSelect|Native\.epollWait|Native\.epollBusyWait|sun/nio/ch/EPoll\.wait"),
    ("GC", r"^G1|G1[A-Z]|GangWorker|ConcurrentGCThread|WorkerThread::run|ParallelCleaning|OopStorage|ClassLoaderDataGraph|Scavenge|ReferenceProcessor"),
    ("JIT compiler", r"CompileBroker|C2Compiler|Compile::|C1_|Compilation::|PhaseIdealLoop|PhaseChaitin|ciEnv"),
    ("allocation slow path (TLAB refill)", r"MemAllocator|OptoRuntime::new|InstanceKlass::allocate_instance|TypeArrayKlass::allocate|CollectedHeap::"),
    ("logging", r"ch/qos/logback|org/slf4j|org/apache/logging|java/util/logging"),
    ("Jackson", r"com/fasterxml/jackson"),
    ("hessian2 (Dubbo serialization)", r"hessian|caucho|org/apache/dubbo/common/serialize"),
    ("Dubbo codec (encode/decode)", r"org/apache/dubbo/.*([Cc]odec|DecodeableRpc|ExchangeCodec)"),
    ("Dubbo other (filters, invokers, futures, registry)", r"org/apache/dubbo"),
    ("Javalin", r"io/javalin"),
    ("Jetty", r"org/eclipse/jetty"),
    ("Jedis / Redis", r"redis/clients/jedis"),
    ("sqlite / MyBatis", r"org/sqlite|org/apache/ibatis|org/mybatis"),
    ("etcd / gRPC / vert.x", r"io/etcd|io/grpc|io/vertx"),
    ("CompletableFuture", r"java/util/concurrent/CompletableFuture"),
    ("thread-pool hand-off (queue offer/poll)", r"ThreadPoolExecutor\.(execute|getTask)|LinkedBlockingQueue|SynchronousQueue|ArrayBlockingQueue|LinkedTransferQueue|ConcurrentLinkedQueue"),
    ("gochat code", r"io/gochat"),
    ("Netty write/flush", r"io/netty/.*(write|Write|flush|Flush|ChannelOutboundBuffer)"),
    ("Netty other (read, pipeline, event loop)", r"io/netty"),
    ("JDK NIO/socket", r"sun/nio|java/nio|java/net|Java_sun_nio|Java_java_net"),
    ("JDK other (java/*, jdk/*)", r"^java/|^jdk/|^sun/"),
    ("JVM runtime (other native)", r"."),
]
CONCERNS = [(n, re.compile(r)) for n, r in CONCERNS]

INCLUSIVE = [  # any frame in the stack
    ("Jetty", r"org/eclipse/jetty"), ("Javalin", r"io/javalin"), ("Jackson", r"com/fasterxml/jackson"),
    ("Dubbo (all)", r"org/apache/dubbo"), ("hessian2", r"hessian|caucho"),
    ("Dubbo codec encode", r"org/apache/dubbo/.*[Cc]odec.*[Ee]ncode|ExchangeCodec\.encode"),
    ("Dubbo codec decode", r"org/apache/dubbo/.*([Cc]odec.*[Dd]ecode|DecodeableRpc)"),
    ("Jedis", r"redis/clients/jedis"), ("sqlite/MyBatis", r"org/sqlite|org/apache/ibatis"),
    ("Netty", r"io/netty"), ("Netty write/flush", r"io/netty/.*(\.write|\.flush|WriteTask|ChannelOutboundBuffer)"),
    ("logging", r"ch/qos/logback|org/slf4j"), ("CompletableFuture", r"java/util/concurrent/CompletableFuture"),
    ("unpark (waking a thread)", r"LockSupport\.unpark|Unsafe\.unpark|Unsafe_Unpark|futex_wake"),
    ("park (going to sleep)", r"LockSupport\.park|Unsafe\.park|Unsafe_Park|Object\.wait"),
    ("kernel scheduler (schedule/finish_task_switch)", r"__schedule|finish_task_switch|schedule_\["),
    ("socket syscalls (send/recv/write/read)", r"sys_(sendto|recvfrom|write|read|writev|readv|sendmsg|recvmsg)_\[k\]"),
    ("epoll_wait", r"epoll_wait"), ("etcd/grpc", r"io/etcd|io/grpc|io/vertx"),
    ("GC threads", r"G1|GangWorker|ConcurrentGCThread"), ("JIT", r"CompileBroker"),
    ("gochat code", r"io/gochat"),
]
INCLUSIVE = [(n, re.compile(r)) for n, r in INCLUSIVE]

THREADS = [  # thread kind from the frames near the root
    ("Jetty QTP (HTTP)", r"QueuedThreadPool"),
    ("Dubbo server handler pool", r"dubbo.*(InternalRunnable|ThreadPoolExecutor)|ChannelEventRunnable"),
    ("Netty event loop", r"io/netty/util/concurrent/SingleThreadEventExecutor|NioEventLoop\.run|EpollEventLoop\.run|FastThreadLocalRunnable"),
    ("ForkJoinPool / CompletableFuture async", r"ForkJoinWorkerThread"),
    ("other Java thread pool", r"ThreadPoolExecutor\$Worker\.run"),
    ("GC", r"G1|GangWorker|ConcurrentGCThread|WorkerThread::run"),
    ("JIT compiler", r"CompileBroker"),
    ("VM thread / other JVM", r"VMThread|WatcherThread|ServiceThread|MonitorDeflation"),
    ("other Java thread", r"java/lang/Thread\.run"),
    ("other native", r"."),
]
THREADS = [(n, re.compile(r)) for n, r in THREADS]

def short(f):
    return f.replace("/", ".") if not f.endswith("_[k]") else f

def analyze(path, top=25, out=sys.stdout):
    stacks = []
    for line in opn(path):
        line = line.rstrip("\n")
        if not line:
            continue
        s, _, n = line.rpartition(" ")
        stacks.append((s.split(";"), int(n)))
    total = sum(n for _, n in stacks) or 1
    pct = lambda c: f"{100.0 * c / total:5.1f} %"
    concern, incl, thr, self_f, incl_f = (collections.Counter() for _ in range(5))
    kernel = 0
    for frames, n in stacks:
        if frames[-1].endswith("_[k]"):
            kernel += n
        for f in reversed(frames):
            name = next((c for c, r in CONCERNS[:-1] if r.search(f)), None)
            if name:
                concern[name] += n
                break
        else:
            concern[CONCERNS[-1][0]] += n
        joined = ";".join(frames)
        for c, r in INCLUSIVE:
            if r.search(joined):
                incl[c] += n
        head = ";".join(frames[:8])
        thr[next(c for c, r in THREADS if r.search(head))] += n
        self_f[frames[-1]] += n
        for f in set(frames):
            incl_f[f] += n
    print(f"## {path.split('/')[-1]}\n\n{total} samples; {pct(kernel)} with a kernel leaf frame\n", file=out)
    print("| thread kind | samples |\n|---|---|", file=out)
    for c, n in thr.most_common():
        print(f"| {c} | {pct(n)} |", file=out)
    print("\n| concern (frame nearest the leaf) | samples |\n|---|---|", file=out)
    for c, n in concern.most_common():
        print(f"| {c} | {pct(n)} |", file=out)
    print("\n| inclusive (any frame) | samples |\n|---|---|", file=out)
    for c, n in sorted(incl.items(), key=lambda x: -x[1]):
        print(f"| {c} | {pct(n)} |", file=out)
    print(f"\ntop self frames:\n```", file=out)
    for f, n in self_f.most_common(top):
        print(f"{pct(n)}  {short(f)}", file=out)
    print("```\ntop inclusive frames (application and library methods):\n```", file=out)
    boring = re.compile(r"^(java/lang/Thread\.run|java/util/concurrent/ThreadPoolExecutor|.*_\[k\]$|start_thread|thread_native_entry|Thread::call_run|JavaThread::|clone3?|thread_start|_start|start_thread)")
    k = 0
    for f, n in incl_f.most_common():
        if boring.match(f):
            continue
        print(f"{pct(n)}  {short(f)}", file=out)
        k += 1
        if k >= top + 15:
            break
    print("```\n", file=out)

if __name__ == "__main__":
    for p in sys.argv[1:]:
        analyze(p)
