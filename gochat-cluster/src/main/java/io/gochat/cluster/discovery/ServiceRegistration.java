package io.gochat.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.gochat.core.json.Json;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one server under {@code /gochat/<role>/<serverId>} with a lease kept alive in the
 * background. If the lease is lost (etcd restarted, a long pause), the entry is published again under
 * a new lease. {@link #close()} revokes the lease so watchers see the server leave at once; a crashed
 * process simply stops renewing and disappears after the TTL.
 */
public final class ServiceRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRegistration.class);

    private final EtcdConnection etcd;
    private final ServerInfo info;
    private final long ttlSeconds;
    private final ScheduledExecutorService retry;
    private volatile long leaseId;
    private volatile CloseableClient keepAlive;
    private volatile boolean closed;
    /** When etcd last confirmed the lease (published or renewed), System.nanoTime. */
    private volatile long confirmedAt;
    private volatile Runnable republished = () -> { };

    private ServiceRegistration(EtcdConnection etcd, ServerInfo info, Duration ttl) {
        this.etcd = etcd;
        this.info = info;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etcd-register-" + info.serverId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers now; throws {@link StartupException} if etcd does not accept it within its timeout. */
    public static ServiceRegistration register(EtcdConnection etcd, ServerInfo info, Duration ttl) {
        return register(etcd, info, ttl, new StartupWait(etcd.timeout()));
    }

    /** Registers now, retrying until the start-up deadline; throws {@link StartupException} after it. */
    public static ServiceRegistration register(EtcdConnection etcd, ServerInfo info, Duration ttl,
                                               StartupWait startup) {
        ServiceRegistration registration = new ServiceRegistration(etcd, info, ttl);
        try {
            startup.until("etcd", etcd.address(), budget -> {
                registration.publish();
                return null;
            });
        } catch (StartupException e) {
            registration.retry.shutdownNow();
            throw e;
        }
        log.info("registered {} in etcd ({} s lease)", Roles.key(info.role(), info.serverId()), registration.ttlSeconds);
        return registration;
    }

    public ServerInfo info() {
        return info;
    }

    private synchronized void publish() throws Exception {
        if (closed) {
            return;
        }
        Client client = etcd.client();
        long timeoutMs = etcd.timeout().toMillis();
        long lease = client.getLeaseClient().grant(ttlSeconds).get(timeoutMs, TimeUnit.MILLISECONDS).getID();
        client.getKVClient().put(key(), ByteSequence.from(Json.writeBytes(info)),
                PutOption.builder().withLeaseId(lease).build()).get(timeoutMs, TimeUnit.MILLISECONDS);
        leaseId = lease;
        confirmedAt = System.nanoTime();
        keepAlive = client.getLeaseClient().keepAlive(lease, new KeepAliveObserver(lease));
    }

    private ByteSequence key() {
        return ByteSequence.from(Roles.key(info.role(), info.serverId()), StandardCharsets.UTF_8);
    }

    private void republishLater(long lostLease, String why) {
        if (closed || lostLease != leaseId) {
            return;
        }
        log.warn("etcd lease of {} lost ({}); registering again", info.serverId(), why);
        retry.schedule(() -> {
            try {
                CloseableClient old = keepAlive;
                if (old != null) {
                    old.close();
                }
                publish();
                log.info("registered {} in etcd again", info.serverId());
                republished.run();
            } catch (Exception e) {
                republishLater(lostLease, e.toString());
            }
        }, 1, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code action} (on the registration's thread) each time the entry is published again after its
     * lease was lost: watchers saw this server leave meanwhile and may have dropped what they knew of it.
     */
    public void onRepublished(Runnable action) {
        republished = action;
    }

    /** True while the entry is published and etcd renewed its lease within the TTL (readiness). */
    public boolean alive() {
        return !closed && leaseId != 0 && System.nanoTime() - confirmedAt < TimeUnit.SECONDS.toNanos(ttlSeconds);
    }

    /**
     * Stops renewing without revoking: the entry stays until its TTL runs out, as after a crash.
     * Tests use this to show that a dead server disappears by itself.
     */
    public synchronized void abandon() {
        closed = true;
        retry.shutdownNow();
        CloseableClient k = keepAlive;
        if (k != null) {
            k.close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        abandon();
        try {
            etcd.client().getLeaseClient().revoke(leaseId).get(etcd.timeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("deregistered {}", Roles.key(info.role(), info.serverId()));
        } catch (Exception e) {
            log.warn("could not revoke lease of {} (it expires in {} s): {}", info.serverId(), ttlSeconds, e.toString());
        }
    }

    private final class KeepAliveObserver implements StreamObserver<LeaseKeepAliveResponse> {
        private final long lease;

        KeepAliveObserver(long lease) {
            this.lease = lease;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            if (response.getTTL() <= 0) {
                republishLater(lease, "lease expired");
            } else if (lease == leaseId) {
                confirmedAt = System.nanoTime();
            }
        }

        @Override
        public void onError(Throwable t) {
            republishLater(lease, t.getMessage());
        }

        @Override
        public void onCompleted() {
            republishLater(lease, "keep-alive stream ended");
        }
    }
}
