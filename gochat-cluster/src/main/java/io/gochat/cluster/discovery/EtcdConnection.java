package io.gochat.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.gochat.core.lifecycle.StartupException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.gochat.core.lifecycle.StartupWait;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;

/**
 * A jetcd client that has been shown to reach etcd. jetcd retries an unreachable endpoint forever,
 * so every call here has a deadline: the start-up deadline for the first read, the call timeout after.
 */
public final class EtcdConnection implements AutoCloseable {
    private final Client client;
    private final Vertx vertx;
    private final Duration timeout;
    private final String address;

    private EtcdConnection(Client client, Vertx vertx, Duration timeout, String address) {
        this.client = client;
        this.vertx = vertx;
        this.timeout = timeout;
        this.address = address;
    }

    /**
     * jetcd's own Vert.x, sized for one client: one event loop, and no blocked-thread checker (it woke every
     * second to watch threads that never run user code: most of an idle server's etcd CPU).
     */
    private static Vertx quietVertx() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2).setBlockedThreadCheckInterval(1).setBlockedThreadCheckIntervalUnit(
                        java.util.concurrent.TimeUnit.DAYS));
    }

    /** Connects with a start-up deadline of {@code timeout} (tests and tools). */
    public static EtcdConnection connect(List<String> endpoints, Duration timeout) {
        return connect(endpoints, timeout, new StartupWait(timeout));
    }

    /**
     * Connects, waiting for etcd to answer a first read until the start-up deadline (a loaded machine can
     * take longer than one call's timeout for that); {@code callTimeout} bounds every later call.
     */
    public static EtcdConnection connect(List<String> endpoints, Duration callTimeout, StartupWait startup) {
        return connect(endpoints, "", "", callTimeout, startup);
    }

    /**
     * {@link #connect(List, Duration, StartupWait)} as {@code user} (etcd with authentication enabled);
     * an empty user connects without credentials. The password is never logged.
     */
    public static EtcdConnection connect(List<String> endpoints, String user, String password, Duration callTimeout,
                                         StartupWait startup) {
        if (endpoints.isEmpty()) {
            throw new StartupException("etcd.endpoints is empty");
        }
        String[] urls = endpoints.stream().map(EtcdConnection::withScheme).toArray(String[]::new);
        Client client;
        Vertx vertx = quietVertx();
        try {
            var builder = Client.builder().endpoints(urls).connectTimeout(callTimeout).vertx(vertx);
            if (user != null && !user.isEmpty()) {
                builder.user(ByteSequence.from(user, StandardCharsets.UTF_8))
                        .password(ByteSequence.from(password == null ? "" : password, StandardCharsets.UTF_8));
            }
            client = builder.build();
        } catch (RuntimeException e) {
            vertx.close();
            throw new StartupException("bad etcd.endpoints " + endpoints + ": " + e.getMessage());
        }
        ByteSequence probe = ByteSequence.from(Roles.ROOT, StandardCharsets.UTF_8);
        CompletableFuture<?>[] pending = {null};
        try {
            startup.until("etcd", String.join(",", urls), budget -> {
                // jetcd retries an unreachable endpoint by itself: keep waiting on the same read until it fails
                if (pending[0] == null || pending[0].isCompletedExceptionally()) {
                    pending[0] = client.getKVClient().get(probe);
                }
                return pending[0].get(budget.toMillis(), TimeUnit.MILLISECONDS);
            });
        } catch (StartupException e) {
            client.close();
            vertx.close();
            throw e;
        }
        return new EtcdConnection(client, vertx, callTimeout, String.join(",", urls));
    }

    static String withScheme(String endpoint) {
        return endpoint.contains("://") ? endpoint : "http://" + endpoint;
    }

    public Client client() {
        return client;
    }

    /** The endpoints, for messages. */
    public String address() {
        return address;
    }

    /** The deadline for one etcd call. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
