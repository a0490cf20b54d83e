package io.gochat.connect.session;

import io.gochat.common.service.ConnectRequest;
import io.gochat.common.service.DisconnectRequest;
import io.gochat.common.service.PushReply;
import io.gochat.common.service.PushRequest;
import io.gochat.common.service.SessionInfo;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.room.Member;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous calls from this connect server to logic (any live logic server, with failover).
 * Failures are logged and counted, never fatal; disconnects in flight can be awaited at shutdown.
 */
public final class LogicGateway {
    private static final Logger log = LoggerFactory.getLogger(LogicGateway.class);

    private final LogicCaller logic;
    private final String serverId;
    private final ConnectMetrics metrics;
    private final Set<CompletableFuture<?>> disconnectsInFlight = ConcurrentHashMap.newKeySet();

    public LogicGateway(LogicCaller logic, String serverId, ConnectMetrics metrics) {
        this.logic = logic;
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

    public void disconnect(long userId, long roomId, long connectionId) {
        DisconnectRequest request = new DisconnectRequest(userId, roomId, serverId, Long.toString(connectionId));
        CompletableFuture<Void> call = logic.callAny(l -> l.disconnect(request));
        disconnectsInFlight.add(call);
        call.whenComplete((ok, error) -> {
            disconnectsInFlight.remove(call);
            if (error != null) {
                metrics.logicFailures.incrementAndGet();
                log.warn("logic disconnect user={} conn={} failed: {}", userId, connectionId, firstLine(error));
            }
        });
    }

    public CompletableFuture<PushReply> push(Member from, int op, long toUserId, String msg) {
        PushRequest request = new PushRequest(from.userId(), from.userName(), op, toUserId, from.roomId(), msg);
        metrics.pushedToLogic.incrementAndGet();
        return logic.callAny(l -> l.push(request));
    }

    /** Waits (bounded) for disconnect notices still on their way to logic. */
    public void awaitDisconnects(Duration timeout) {
        CompletableFuture<?>[] pending = disconnectsInFlight.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("{} disconnect notices to logic still pending at shutdown", disconnectsInFlight.size());
        }
    }

    public void logicFailed(String what, Throwable error) {
        metrics.logicFailures.incrementAndGet();
        log.warn("logic {} failed: {}", what, firstLine(error));
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
