package io.gochat.cluster.ids;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a snowflake worker id unique among live processes: the first free key
 * {@code /gochat/workers/<n>} is created (only if absent, in one etcd transaction) under a lease
 * kept alive while the process runs. A crashed process frees its id after the lease TTL.
 *
 * <p>Ids stay unique only while the lease is held, so {@link #ids()} issues ids only then: when etcd
 * says the lease is gone (revoked, expired) or no keep-alive has been answered for nearly a TTL (so
 * etcd may free the id any moment), {@code next()} throws {@link IdsUnavailableException} and a
 * background thread claims a worker id again (any free one), retrying with backoff; ids resume once
 * it holds one. The loss and the recovery are logged once each.
 */
public final class WorkerIdLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerIdLease.class);
    static final String PREFIX = Roles.ROOT + "workers/";
    /** What a refused send is told while no worker id is held. */
    public static final String BUSY = "the server is busy (it is renewing its message-id lease), try again in a moment";
    private static final long MAX_RECLAIM_BACKOFF_MS = 5_000;

    private final EtcdConnection etcd;
    private final String owner;
    private final long ttlSeconds;
    /** How long before etcd could expire the lease we stop trusting it: covers the keep-alive's trip. */
    private final long marginNanos;
    private final ScheduledExecutorService reclaimer;
    /** One generator per worker id, so a re-claimed id continues after its last millisecond. */
    private final Snowflake[] generators = new Snowflake[Snowflake.MAX_WORKERS];
    private final MessageIds ids = this::next;
    private volatile Claim current;
    private volatile boolean closed;

    /** One held worker id: its lease, its keep-alive and until when it is surely still valid. */
    private final class Claim implements StreamObserver<LeaseKeepAliveResponse> {
        final long leaseId;
        final int workerId;
        final Snowflake generator;
        volatile long validUntilNanos;
        volatile CloseableClient keepAlive;

        Claim(long leaseId, int workerId, long grantedAtNanos) {
            this.leaseId = leaseId;
            this.workerId = workerId;
            this.generator = generator(workerId);
            this.validUntilNanos = grantedAtNanos + TimeUnit.SECONDS.toNanos(ttlSeconds) - marginNanos;
        }

        boolean valid() {
            return System.nanoTime() - validUntilNanos < 0;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse r) {
            if (r.getTTL() > 0) {
                validUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(r.getTTL()) - marginNanos;
            } else {
                lost(this, "etcd no longer knows its lease");
            }
        }

        /** jetcd reports "lease not found" here, and stream errors after which it keeps trying by itself. */
        @Override
        public void onError(Throwable t) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("not found")) {
                lost(this, "etcd no longer knows its lease");
            } else {
                log.debug("keep-alive of message-id worker {} interrupted: {}", workerId, m);
            }
        }

        /** jetcd gives up on a lease whose keep-alive went unanswered for a whole TTL. */
        @Override
        public void onCompleted() {
            lost(this, "its keep-alive went unanswered for " + ttlSeconds + " s");
        }
    }

    private WorkerIdLease(EtcdConnection etcd, String owner, Duration ttl) {
        this.etcd = etcd;
        this.owner = owner;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.marginNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.SECONDS.toNanos(ttlSeconds) / 10);
        this.reclaimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-id-" + owner);
            t.setDaemon(true);
            return t;
        });
    }

    public static WorkerIdLease claim(EtcdConnection etcd, String owner, Duration ttl) {
        return claim(etcd, owner, ttl, new StartupWait(etcd.timeout()));
    }

    /** Claims a free worker id, retrying an etcd that does not answer until the start-up deadline. */
    public static WorkerIdLease claim(EtcdConnection etcd, String owner, Duration ttl, StartupWait startup) {
        WorkerIdLease lease = new WorkerIdLease(etcd, owner, ttl);
        try {
            Claim first = startup.until("etcd", etcd.address(), budget -> lease.tryClaim());
            lease.current = first;
            log.info("{} uses message-id worker {}", owner, first.workerId);
        } catch (RuntimeException e) {
            lease.reclaimer.shutdownNow();
            throw e;
        }
        return lease;
    }

    /** Ids of the worker id held now; {@code next()} refuses (busy) while none is held. */
    public MessageIds ids() {
        return ids;
    }

    /** The worker id held now, or -1 while none is. */
    public int workerId() {
        Claim c = current;
        return c != null && c.valid() ? c.workerId : -1;
    }

    /** Whether ids may be issued now. */
    public boolean held() {
        return workerId() >= 0;
    }

    private long next() {
        Claim c = current;
        if (c == null || !c.valid()) {
            throw new IdsUnavailableException(BUSY);
        }
        return c.generator.next();
    }

    private synchronized Snowflake generator(int workerId) {
        if (generators[workerId] == null) {
            generators[workerId] = new Snowflake(workerId);
        }
        return generators[workerId];
    }

    private Claim tryClaim() throws Exception {
        Client client = etcd.client();
        long timeout = etcd.timeout().toMillis();
        long grantedAt = System.nanoTime();
        long lease = client.getLeaseClient().grant(ttlSeconds).get(timeout, TimeUnit.MILLISECONDS).getID();
        int start = ThreadLocalRandom.current().nextInt(Snowflake.MAX_WORKERS);
        for (int i = 0; i < Snowflake.MAX_WORKERS; i++) {
            int candidate = (start + i) % Snowflake.MAX_WORKERS;
            ByteSequence key = ByteSequence.from(PREFIX + candidate, StandardCharsets.UTF_8);
            TxnResponse r = client.getKVClient().txn()
                    .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                    .Then(Op.put(key, ByteSequence.from(owner, StandardCharsets.UTF_8),
                            PutOption.builder().withLeaseId(lease).build()))
                    .commit().get(timeout, TimeUnit.MILLISECONDS);
            if (r.isSucceeded()) {
                Claim claim = new Claim(lease, candidate, grantedAt);
                claim.keepAlive = client.getLeaseClient().keepAlive(lease, claim);
                return claim;
            }
        }
        revokeQuietly(lease);
        throw new StartupException("all " + Snowflake.MAX_WORKERS + " message-id worker ids are taken");
    }

    /** Called from jetcd's threads: stop issuing ids at once, claim again in the background. */
    private void lost(Claim claim, String why) {
        synchronized (this) {
            if (closed || current != claim) {
                return;   // already handled, or an old claim's late news
            }
            current = null;
        }
        log.warn("{} lost message-id worker {} ({}); refusing sends until it holds a worker id again",
                owner, claim.workerId, why);
        CloseableClient k = claim.keepAlive;
        if (k != null) {
            k.close();
        }
        reclaimer.execute(() -> {
            revokeQuietly(claim.leaseId);   // frees the old id now if etcd still has it
            reclaim(100, null);
        });
    }

    private void reclaim(long backoffMs, String lastProblem) {
        if (closed) {
            return;
        }
        try {
            Claim claim = tryClaim();
            synchronized (this) {
                if (closed) {
                    claim.keepAlive.close();
                    revokeQuietly(claim.leaseId);
                    return;
                }
                current = claim;
            }
            log.info("{} holds message-id worker {} again; sends resume", owner, claim.workerId);
        } catch (Exception e) {
            String problem = e instanceof java.util.concurrent.TimeoutException ? "etcd did not answer" : e.getMessage();
            if (lastProblem == null) {
                log.warn("{} cannot claim a message-id worker yet ({}); retrying", owner, problem);
            }
            long next = Math.min(backoffMs * 2, MAX_RECLAIM_BACKOFF_MS);
            try {
                reclaimer.schedule(() -> reclaim(next, problem), backoffMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed meanwhile
            }
        }
    }

    private void revokeQuietly(long leaseId) {
        try {
            etcd.client().getLeaseClient().revoke(leaseId).get(etcd.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("lease {} is freed when it expires: {}", leaseId, e.toString());
        }
    }

    @Override
    public void close() {
        Claim c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            c = current;
            current = null;
        }
        reclaimer.shutdownNow();
        if (c != null) {
            c.keepAlive.close();
            try {
                etcd.client().getLeaseClient().revoke(c.leaseId).get(etcd.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.info("worker id {} is freed when its lease expires: {}", c.workerId, e.toString());
            }
        }
    }
}
