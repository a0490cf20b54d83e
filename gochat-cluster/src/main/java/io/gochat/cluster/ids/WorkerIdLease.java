package io.gochat.cluster.ids;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a snowflake worker id unique among live processes: the first free key
 * {@code /gochat/workers/<n>} is created (only if absent, in one etcd transaction) under a lease
 * kept alive while the process runs. A crashed process frees its id after the lease TTL.
 */
public final class WorkerIdLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerIdLease.class);
    static final String PREFIX = Roles.ROOT + "workers/";

    private final EtcdConnection etcd;
    private final long leaseId;
    private final int workerId;
    private final CloseableClient keepAlive;

    private WorkerIdLease(EtcdConnection etcd, long leaseId, int workerId, CloseableClient keepAlive) {
        this.etcd = etcd;
        this.leaseId = leaseId;
        this.workerId = workerId;
        this.keepAlive = keepAlive;
    }

    public static WorkerIdLease claim(EtcdConnection etcd, String owner, Duration ttl) {
        return claim(etcd, owner, ttl, new StartupWait(etcd.timeout()));
    }

    /** Claims a free worker id, retrying an etcd that does not answer until the start-up deadline. */
    public static WorkerIdLease claim(EtcdConnection etcd, String owner, Duration ttl, StartupWait startup) {
        return startup.until("etcd", etcd.address(), budget -> tryClaim(etcd, owner, ttl));
    }

    private static WorkerIdLease tryClaim(EtcdConnection etcd, String owner, Duration ttl) throws Exception {
        Client client = etcd.client();
        long timeout = etcd.timeout().toMillis();
        long lease = client.getLeaseClient().grant(Math.max(1, ttl.toSeconds())).get(timeout, TimeUnit.MILLISECONDS).getID();
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
                CloseableClient keepAlive = client.getLeaseClient().keepAlive(lease, new Quiet(candidate));
                log.info("{} uses message-id worker {}", owner, candidate);
                return new WorkerIdLease(etcd, lease, candidate, keepAlive);
            }
        }
        throw new StartupException("all " + Snowflake.MAX_WORKERS + " message-id worker ids are taken");
    }

    public int workerId() {
        return workerId;
    }

    @Override
    public void close() {
        keepAlive.close();
        try {
            etcd.client().getLeaseClient().revoke(leaseId).get(etcd.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("worker id {} is freed when its lease expires: {}", workerId, e.toString());
        }
    }

    /**
     * A lost lease means another process may get this id later; ids stay unique only while this
     * process keeps running with it, so say so loudly.
     */
    private record Quiet(int workerId) implements StreamObserver<LeaseKeepAliveResponse> {
        @Override
        public void onNext(LeaseKeepAliveResponse r) {
            if (r.getTTL() <= 0) {
                log.error("lease of message-id worker {} expired; ids may collide with a new process", workerId);
            }
        }

        @Override
        public void onError(Throwable t) {
            log.warn("keep-alive of message-id worker {} failed: {}", workerId, t.getMessage());
        }

        @Override
        public void onCompleted() {
        }
    }
}
