package io.gochat.cluster.rpc;

import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceWatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reference per live server of a role, created and destroyed as the etcd watch reports joins and
 * leaves: a direct Dubbo reference to a server in another process, the service itself for one in this
 * process. Callers pick "any one of them" (round-robin, failing over to the next
 * server when one cannot be reached) or "this serverId".
 */
public final class RpcClientPool<T> implements ServiceWatcher.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcClientPool.class);
    private static final long SUSPEND_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** One live server and the proxy that reaches it. */
    public static final class Target<T> {
        private final ServerInfo info;
        private final RpcReference<T> reference;
        private volatile long suspendedUntil;

        Target(ServerInfo info, RpcReference<T> reference) {
            this.info = info;
            this.reference = reference;
        }

        public ServerInfo info() {
            return info;
        }

        public T proxy() {
            return reference.proxy();
        }

        /** True when this server runs in this process and is called directly. */
        public boolean inProcess() {
            return reference.inProcess();
        }

        boolean suspended(long now) {
            return now - suspendedUntil < 0;
        }
    }

    private final RpcRuntime rpc;
    private final LocalServices local;
    private final ServiceWatcher watcher;
    private final Class<T> iface;
    private final Predicate<ServerInfo> filter;
    private final Map<String, Target<T>> targets = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    public RpcClientPool(RpcRuntime rpc, ServiceWatcher watcher, Class<T> iface) {
        this(rpc, new LocalServices(), watcher, iface, s -> true);
    }

    /**
     * @param local services of this process: a server found there is called directly, not over Dubbo
     */
    public RpcClientPool(RpcRuntime rpc, LocalServices local, ServiceWatcher watcher, Class<T> iface,
                         Predicate<ServerInfo> filter) {
        this.rpc = rpc;
        this.local = local;
        this.watcher = watcher;
        this.iface = iface;
        this.filter = filter;
        watcher.addListener(this);
    }

    /**
     * Waits until references exist for every server the watcher knew when this pool was made, so a
     * module can start serving with its peers reachable.
     */
    public void awaitReady(java.time.Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        watcher.execute(() -> done.complete(null));
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("references to {} servers not ready after {} ms", watcher.role(), timeout.toMillis());
        }
    }

    @Override
    public void joined(ServerInfo server) {
        if (!filter.test(server)) {
            return;
        }
        try {
            T inProcess = local.find(iface, server.serverId()).orElse(null);
            RpcReference<T> reference = inProcess != null
                    ? RpcReference.inProcess(InProcessCalls.wrap(iface, inProcess, rpc.callTimeout()))
                    : rpc.refer(iface, server.serverId(), server.host(), server.rpcPort());
            Target<T> target = new Target<>(server, reference);
            Target<T> old = targets.put(server.serverId(), target);
            if (old != null) {
                old.reference.close();
            }
        } catch (RuntimeException e) {
            log.warn("cannot reach {} {} at {}: {}", server.role(), server.serverId(), server.rpcAddress(), e.toString());
        }
    }

    @Override
    public void left(ServerInfo server) {
        Target<T> old = targets.remove(server.serverId());
        if (old != null) {
            old.reference.close();
        }
    }

    /** The servers this pool can call now. */
    public List<Target<T>> targets() {
        return List.copyOf(targets.values());
    }

    public Optional<T> byServerId(String serverId) {
        Target<T> target = serverId == null ? null : targets.get(serverId);
        return target == null ? Optional.empty() : Optional.of(target.proxy());
    }

    /**
     * Calls one server, round-robin; when it cannot be reached (connection refused, closed, gone),
     * suspends it briefly and tries the next. Timeouts are not retried: the call may have run.
     */
    public <R> CompletableFuture<R> callAny(Function<T, CompletableFuture<R>> call) {
        List<Target<T>> order = order();
        if (order.isEmpty()) {
            return CompletableFuture.failedFuture(new NoServerException("no live " + watcher.role() + " server"));
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        attempt(order, 0, call, result);
        return result;
    }

    /** {@link #callAny} for a blocking caller; unwraps the cause of a failure. */
    public <R> R callAnyBlocking(Function<T, CompletableFuture<R>> call) {
        try {
            return callAny(call).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private <R> void attempt(List<Target<T>> order, int index, Function<T, CompletableFuture<R>> call,
                             CompletableFuture<R> result) {
        Target<T> target = order.get(index);
        CompletableFuture<R> future;
        try {
            future = call.apply(target.proxy());
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(error);
            if (unreachable(cause) && index + 1 < order.size()) {
                target.suspendedUntil = System.nanoTime() + SUSPEND_NANOS;
                log.info("{} {} unreachable ({}); trying another", watcher.role(), target.info.serverId(),
                        firstLine(cause));
                attempt(order, index + 1, call, result);
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /** Live targets, round-robin from a moving start, suspended ones last. */
    private List<Target<T>> order() {
        List<Target<T>> all = new ArrayList<>(targets.values());
        if (all.isEmpty()) {
            return all;
        }
        int start = Math.floorMod(next.getAndIncrement(), all.size());
        long now = System.nanoTime();
        List<Target<T>> healthy = new ArrayList<>();
        List<Target<T>> suspended = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Target<T> t = all.get((start + i) % all.size());
            (t.suspended(now) ? suspended : healthy).add(t);
        }
        healthy.addAll(suspended);
        return healthy;
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The call did not reach the server (refused, closed, gone), so trying another one cannot run it twice.
     * A timeout is not among these: the call may have run.
     */
    static boolean unreachable(Throwable error) {
        if (error instanceof RpcException e) {
            return e.isNetwork() || e.isForbidden() || e.isNoInvokerAvailableAfterFilter();
        }
        // a connection found closed while sending (the server was just killed)
        return error instanceof RemotingException && !(error instanceof org.apache.dubbo.remoting.TimeoutException);
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        watcher.removeListener(this);
        targets.values().forEach(t -> t.reference.close());
        targets.clear();
    }
}
