package io.gochat.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.gochat.core.json.Json;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of servers of one role, kept from an etcd prefix read plus a watch from the next
 * revision. All state changes and listener calls happen on one thread owned by this watcher, so
 * listeners see joins and leaves in order and never on a gRPC thread. If the watch breaks, the set
 * is read again and the difference reported.
 */
public final class ServiceWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceWatcher.class);

    /** Told about servers joining and leaving; called on the watcher's own thread. */
    public interface Listener {
        void joined(ServerInfo server);

        void left(ServerInfo server);
    }

    private final EtcdConnection etcd;
    private final String role;
    private final ScheduledExecutorService events;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ServerInfo> servers = new HashMap<>();   // owned by the events thread
    private volatile Map<String, ServerInfo> snapshot = Map.of();
    private volatile Watch.Watcher watch;
    private volatile boolean closed;

    private ServiceWatcher(EtcdConnection etcd, String role) {
        this.etcd = etcd;
        this.role = role;
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watch-" + role);
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the current set and starts watching; throws {@link StartupException} if etcd does not answer. */
    public static ServiceWatcher start(EtcdConnection etcd, String role) {
        return start(etcd, role, new StartupWait(etcd.timeout()));
    }

    /** As {@link #start(EtcdConnection, String)}, retrying the first read until the start-up deadline. */
    public static ServiceWatcher start(EtcdConnection etcd, String role, StartupWait startup) {
        ServiceWatcher watcher = new ServiceWatcher(etcd, role);
        try {
            startup.until("etcd", etcd.address(), budget -> watcher.events.submit(() -> {
                watcher.resync();
                return null;
            }).get(budget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StartupException e) {
            watcher.close();
            throw e;
        }
        return watcher;
    }

    public String role() {
        return role;
    }

    /** The servers alive now, by serverId. */
    public Map<String, ServerInfo> servers() {
        return snapshot;
    }

    /** Adds a listener and tells it, on the watcher thread, about every server already there. */
    public void addListener(Listener listener) {
        events.execute(() -> {
            listeners.add(listener);
            servers.values().forEach(s -> safely(() -> listener.joined(s)));
        });
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Runs {@code task} on the watcher thread (after any pending membership changes). */
    public void execute(Runnable task) {
        events.execute(task);
    }

    private void resync() throws Exception {
        ByteSequence prefix = ByteSequence.from(Roles.prefix(role), StandardCharsets.UTF_8);
        GetResponse response = etcd.client().getKVClient()
                .get(prefix, GetOption.builder().isPrefix(true).build())
                .get(etcd.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Map<String, ServerInfo> now = new HashMap<>();
        for (KeyValue kv : response.getKvs()) {
            ServerInfo info = parse(kv);
            if (info != null) {
                now.put(info.serverId(), info);
            }
        }
        for (ServerInfo old : List.copyOf(servers.values())) {
            if (!now.containsKey(old.serverId())) {
                leave(old.serverId());
            }
        }
        now.values().forEach(this::join);
        long next = response.getHeader().getRevision() + 1;
        watch = etcd.client().getWatchClient().watch(prefix,
                WatchOption.builder().isPrefix(true).withRevision(next).withPrevKV(true).build(),
                Watch.listener(r -> events.execute(() -> apply(r)), this::watchFailed));
    }

    private void apply(WatchResponse response) {
        for (WatchEvent event : response.getEvents()) {
            String key = event.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
            String serverId = key.substring(Roles.prefix(role).length());
            switch (event.getEventType()) {
                case PUT -> {
                    ServerInfo info = parse(event.getKeyValue());
                    if (info != null) {
                        join(info);
                    }
                }
                case DELETE -> leave(serverId);
                default -> { }
            }
        }
    }

    private void join(ServerInfo info) {
        ServerInfo old = servers.get(info.serverId());
        if (Objects.equals(old, info)) {
            return;
        }
        if (old != null) {
            leave(old.serverId());   // same id, new address: a restarted server
        }
        servers.put(info.serverId(), info);
        snapshot = Map.copyOf(servers);
        log.info("{} {} joined at {}", role, info.serverId(), info.rpcAddress());
        listeners.forEach(l -> safely(() -> l.joined(info)));
    }

    private void leave(String serverId) {
        ServerInfo old = servers.remove(serverId);
        if (old == null) {
            return;
        }
        snapshot = Map.copyOf(servers);
        log.info("{} {} left", role, serverId);
        listeners.forEach(l -> safely(() -> l.left(old)));
    }

    private void watchFailed(Throwable error) {
        if (closed) {
            return;
        }
        log.warn("etcd watch on {} broke ({}); reading it again", Roles.prefix(role), error.getMessage());
        events.schedule(this::retryResync, 1, TimeUnit.SECONDS);
    }

    private void retryResync() {
        if (closed) {
            return;
        }
        try {
            Watch.Watcher old = watch;
            if (old != null) {
                old.close();
            }
            resync();
        } catch (Exception e) {
            log.warn("etcd still unreachable for {}: {}", Roles.prefix(role), e.toString());
            events.schedule(this::retryResync, 2, TimeUnit.SECONDS);
        }
    }

    private ServerInfo parse(KeyValue kv) {
        try {
            return Json.MAPPER.readValue(kv.getValue().getBytes(), ServerInfo.class);
        } catch (Exception e) {
            log.warn("ignoring unreadable etcd entry {}: {}", kv.getKey().toString(StandardCharsets.UTF_8), e.getMessage());
            return null;
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("discovery listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        Watch.Watcher w = watch;
        if (w != null) {
            w.close();
        }
        events.shutdownNow();
    }
}
