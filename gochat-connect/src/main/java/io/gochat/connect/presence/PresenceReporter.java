package io.gochat.connect.presence;

import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.room.Member;
import io.gochat.connect.session.LogicGateway;
import io.gochat.protocol.service.LiveConnection;
import io.gochat.protocol.service.PresenceService;
import io.gochat.protocol.service.PresenceSnapshot;
import io.gochat.protocol.service.ReconcileReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the presence recorded for this connect server (routes, rooms, counts in Redis) equal to the
 * connections it holds. Every {@code connect.presence.check} it compares its count with the recorded one
 * (one cheap call) and reconciles in full when they differ; every {@value #FULL_EVERY}th check, after a
 * connect call that failed without an answer, and when its etcd registration was made again, it reconciles
 * in full anyway. So live users are routed again soon after Redis lost its data or logic dropped this
 * server while its lease had lapsed, and leftovers (timed-out connects, lost disconnects) go.
 */
public final class PresenceReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);
    static final int FULL_EVERY = 12;

    private final String serverId;
    private final Buckets buckets;
    private final ConnectionIds ids;
    private final RpcClientPool<PresenceService> logic;
    private final LogicGateway gateway;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private long checks;

    public PresenceReporter(String serverId, Buckets buckets, ConnectionIds ids, RpcClientPool<PresenceService> logic,
                            LogicGateway gateway, Duration interval) {
        this.serverId = serverId;
        this.buckets = buckets;
        this.ids = ids;
        this.logic = logic;
        this.gateway = gateway;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presence-" + serverId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the periodic checks. */
    public void start() {
        long ms = Math.max(interval.toMillis(), 50);
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Asks for a full reconcile at the next check (e.g. this server was registered in etcd again). */
    public void requestReconcile() {
        requested.set(true);
        timer.execute(this::check);
    }

    private void check() {
        if (logic.targets().isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        boolean full = (++checks % FULL_EVERY == 0) | ids.takeDoubt() | requested.getAndSet(false);   // all three consumed
        CompletableFuture<?> done;
        if (full) {
            done = reconcile();
        } else {
            ConnectionIds.Snapshot before = ids.snapshot();
            int held = buckets.connections();
            done = logic.callAny(p -> p.recorded(serverId)).thenCompose(recorded -> {
                // connections authenticating may be recorded already: within that margin the counts agree
                boolean agree = recorded >= held && recorded <= held + before.authenticating().size();
                return agree ? CompletableFuture.completedFuture(null) : reconcile();
            });
        }
        done.whenComplete((ok, error) -> {
            running.set(false);
            if (error != null) {
                failed(error);
            }
        });
    }

    /** Sends what this server holds now; answers what logic changed. */
    public CompletableFuture<ReconcileReply> reconcile() {
        ConnectionIds.Snapshot ids = this.ids.snapshot();
        List<Member> members = buckets.members();
        List<LiveConnection> live = new ArrayList<>(members.size());
        for (Member m : members) {
            live.add(new LiveConnection(Long.toString(m.connectionId()), m.userId(), m.userName(), m.roomId()));
        }
        PresenceSnapshot snapshot = new PresenceSnapshot(serverId, live, ids.authenticating(), ids.maxId());
        return logic.callAny(p -> p.reconcile(snapshot)).thenApply(reply -> {
            if (reply.added() > 0 || reply.removed() > 0) {
                log.debug("presence of {} repaired: {} connections announced again, {} leftovers removed", serverId,
                        reply.added(), reply.removed());
            }
            if (reply.added() > 0) {
                leaveAgainIfClosed(members);
            }
            return reply;
        });
    }

    /**
     * A connection that closed while the reconcile travelled may have been recorded again after its leave:
     * its leave is sent once more (a leave of an unrecorded connection is a no-op).
     */
    private void leaveAgainIfClosed(List<Member> members) {
        for (Member m : members) {
            if (!m.channel().isActive()) {
                gateway.disconnect(m.userId(), m.roomId(), m.connectionId());
            }
        }
    }

    private void failed(Throwable error) {
        long n = failures.incrementAndGet();
        if (Long.bitCount(n) == 1 || n % 1000 == 0) {
            log.warn("presence check of {} failed: {} ({} so far)", serverId, error.toString(), n);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
