package io.gochat.connect.session;

import io.gochat.protocol.service.AckRequest;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.room.Member;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous calls from this connect server to logic (any live logic server, with failover).
 * Failures are logged and counted, never fatal; disconnects in flight can be awaited at shutdown.
 */
public final class LogicGateway {
    private static final Logger log = LoggerFactory.getLogger(LogicGateway.class);
    /** Bounds the burst a mass disconnect (server shutdown, network blip) sends to logic. */
    static final int MAX_DISCONNECTS_IN_FLIGHT = 64;
    /** A failed disconnect notice is sent again, up to this many tries in all, 200 ms, 400 ms, ... apart. */
    static final int DISCONNECT_TRIES = 5;
    /** Failed notices waiting to be tried again; beyond it they are left to the presence check. */
    static final int MAX_RETRYING = 10_000;

    private final LogicCaller logic;
    private final GroupCaller groups;
    private final String serverId;
    private final ConnectMetrics metrics;
    private final Queue<Leave> pendingDisconnects = new ConcurrentLinkedQueue<>();
    private final AtomicInteger disconnectsInFlight = new AtomicInteger();
    private final AtomicInteger retrying = new AtomicInteger();

    /** A disconnect notice and how many times it was sent already. */
    private record Leave(DisconnectRequest request, int tries) {
    }

    public LogicGateway(LogicCaller logic, String serverId, ConnectMetrics metrics) {
        this(logic, null, serverId, metrics);
    }

    /** @param groups logic's group service; null = this server does not serve groups (tests of other things) */
    public LogicGateway(LogicCaller logic, GroupCaller groups, String serverId, ConnectMetrics metrics) {
        this.logic = logic;
        this.groups = groups;
        this.serverId = serverId;
        this.metrics = metrics;
    }

    public String serverId() {
        return serverId;
    }

    public CompletableFuture<SessionInfo> connect(String token, long roomId, long connectionId) {
        ConnectRequest request = new ConnectRequest(token, roomId, serverId, Long.toString(connectionId));
        return logic.callAny(l -> l.connect(request));
    }

    /**
     * Queues a disconnect notice; at most {@value #MAX_DISCONNECTS_IN_FLIGHT} are sent at once. One that fails
     * is sent again with backoff (it is idempotent), up to {@value #DISCONNECT_TRIES} tries.
     */
    public void disconnect(long userId, long roomId, long connectionId) {
        pendingDisconnects.add(new Leave(new DisconnectRequest(userId, roomId, serverId, Long.toString(connectionId)), 0));
        drainDisconnects();
    }

    private void drainDisconnects() {
        while (disconnectsInFlight.incrementAndGet() <= MAX_DISCONNECTS_IN_FLIGHT) {
            Leave request = pendingDisconnects.poll();
            if (request == null) {
                disconnectsInFlight.decrementAndGet();
                if (pendingDisconnects.isEmpty()) {
                    return;
                }
                continue;
            }
            CompletableFuture<Void> call = logic.callAny(l -> l.disconnect(request.request()));
            if (call.isDone()) {   // e.g. no logic server: handle here, not by recursion
                call.whenComplete((ok, error) -> report(request, error));
                disconnectsInFlight.decrementAndGet();
                continue;
            }
            call.whenComplete((ok, error) -> {
                report(request, error);
                disconnectsInFlight.decrementAndGet();
                drainDisconnects();
            });
        }
        disconnectsInFlight.decrementAndGet();
    }

    public CompletableFuture<PushReply> push(Member from, int op, long toUserId, String msg, String clientMsgId) {
        PushRequest request = new PushRequest(from.userId(), from.userName(), op, toUserId, from.roomId(), msg,
                clientMsgId);
        metrics.pushedToLogic.increment();
        return logic.callAny(l -> l.push(request));
    }

    /** A message to a group (op 30) from the connection's user; refused (code 1) for non-members and muted members. */
    public CompletableFuture<PushReply> sendToGroup(Member from, long groupId, String msg) {
        return sendToGroup(from, groupId, msg, null);
    }

    /** As {@link #sendToGroup(Member, long, String)}, with the sender's own id of the message (a retry is stored once). */
    public CompletableFuture<PushReply> sendToGroup(Member from, long groupId, String msg, String clientMsgId) {
        if (groups == null) {
            return CompletableFuture.completedFuture(PushReply.refused("groups are not served here"));
        }
        metrics.pushedToLogic.increment();
        return clientMsgId == null ? groups.callAny(g -> g.send(from.userId(), from.userName(), groupId, msg))
                : groups.callAny(g -> g.send(from.userId(), from.userName(), groupId, msg, clientMsgId));
    }

    /** The ids of the user's groups, for this server's group index (empty when groups are not served). */
    public CompletableFuture<java.util.List<Long>> groupsOf(long userId) {
        if (groups == null) {
            return CompletableFuture.completedFuture(java.util.List.of());
        }
        return groups.callAny(g -> g.groupsOf(userId));
    }

    /** The user's unacknowledged private messages (bodies, oldest first), to send again on connect. */
    public CompletableFuture<HistoryReply> unacked(long userId) {
        return logic.callAny(l -> l.unacked(userId));
    }

    /** Records an acknowledgement; failures are logged and counted (the message is then resent once more). */
    public void ack(long userId, long msgId, boolean upTo) {
        AckRequest request = new AckRequest(userId, msgId, upTo);
        logic.callAny(l -> l.ack(request)).whenComplete((n, error) -> {
            if (error != null) {
                logicFailed("ack", error);
            }
        });
    }

    private void report(Leave leave, Throwable error) {
        if (error == null) {
            return;
        }
        DisconnectRequest request = leave.request();
        metrics.logicFailures.increment();
        long n = ConnectMetrics.count(metrics.logicFailures);
        int tries = leave.tries() + 1;
        boolean again = tries < DISCONNECT_TRIES && retrying.incrementAndGet() <= MAX_RETRYING;
        if (worthLogging(n)) {
            log.warn("logic disconnect user={} conn={} failed (try {}): {}; {} ({} logic failures so far)",
                    request.userId(), request.connectionId(), tries, firstLine(error),
                    again ? "trying again" : "left to the presence check", n);
        }
        if (!again) {
            if (tries < DISCONNECT_TRIES) {
                retrying.decrementAndGet();
            }
            return;
        }
        CompletableFuture.delayedExecutor(200L << (tries - 1), TimeUnit.MILLISECONDS).execute(() -> {
            pendingDisconnects.add(new Leave(request, tries));
            retrying.decrementAndGet();
            drainDisconnects();
        });
    }

    /** Waits (bounded) for disconnect notices still queued or on their way to logic. */
    public void awaitDisconnects(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((!pendingDisconnects.isEmpty() || disconnectsInFlight.get() > 0 || retrying.get() > 0)
                && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int left = pendingDisconnects.size() + Math.max(disconnectsInFlight.get(), 0) + retrying.get();
        if (left > 0) {
            log.info("{} disconnect notices to logic still pending at shutdown", left);
        }
    }

    public void logicFailed(String what, Throwable error) {
        metrics.logicFailures.increment();
            long n = ConnectMetrics.count(metrics.logicFailures);
        if (worthLogging(n)) {
            log.warn("logic {} failed: {} ({} logic failures so far)", what, firstLine(error), n);
        }
    }

    /** Logs failures 1, 2, 4, 8, ... and every 1000th, so an outage cannot flood the log; all are counted. */
    private static boolean worthLogging(long n) {
        return Long.bitCount(n) == 1 || n % 1000 == 0;
    }

    static String firstLine(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
