package io.gochat.logic.presence;

import io.gochat.logic.exec.BlockingWork;
import io.gochat.protocol.service.LiveConnection;
import io.gochat.protocol.service.PresenceService;
import io.gochat.protocol.service.PresenceSnapshot;
import io.gochat.protocol.service.ReconcileReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link PresenceService}: a connect server's recorded connections are made equal to the ones it holds.
 * Every change goes through the same atomic scripts as joins and leaves, so a reconcile racing a join,
 * a leave, a repair or another reconcile never counts anything twice, and rooms hear of the members who
 * came back or left (op 5) as usual.
 */
public final class PresenceReconciler implements PresenceService {
    private static final Logger log = LoggerFactory.getLogger(PresenceReconciler.class);

    private final UnifiedJedis redis;
    private final PresenceStore presence;
    private final BlockingWork work;
    private final BlockingWork.Route route;

    public PresenceReconciler(UnifiedJedis redis, PresenceStore presence, BlockingWork work) {
        this.redis = redis;
        this.presence = presence;
        this.work = work;
        this.route = work.route("presence");
    }

    @Override
    public CompletableFuture<Long> recorded(String serverId) {
        if (serverId == null || serverId.isBlank()) {
            return CompletableFuture.completedFuture(0L);
        }
        return work.submit(route, () -> {
            return redis.scard(PresenceKeys.serverConns(serverId));
        });
    }

    @Override
    public CompletableFuture<ReconcileReply> reconcile(PresenceSnapshot snapshot) {
        if (snapshot == null || snapshot.serverId() == null || snapshot.serverId().isBlank()) {
            return CompletableFuture.completedFuture(new ReconcileReply(0, 0));
        }
        return work.submit(route, () -> apply(snapshot));
    }

    /** Runs on logic's work pool. */
    ReconcileReply apply(PresenceSnapshot snapshot) {
        String serverId = snapshot.serverId();
        Set<String> recorded = redis.smembers(PresenceKeys.serverConns(serverId));
        Map<String, LiveConnection> live = new HashMap<>();
        for (LiveConnection c : snapshot.live() == null ? List.<LiveConnection>of() : snapshot.live()) {
            live.put(PresenceKeys.member(c.connectionId(), c.userId(), c.roomId()), c);
        }
        List<PresenceStore.Change> additions = new ArrayList<>();
        live.forEach((member, c) -> {
            if (!recorded.contains(member)) {
                additions.add(PresenceStore.connectChange(serverId, c.connectionId(), c.userId(), c.userName(), c.roomId()));
            }
        });
        Set<String> pending = new HashSet<>(snapshot.pending() == null ? List.of() : snapshot.pending());
        List<PresenceStore.Change> removals = new ArrayList<>();
        for (String member : recorded) {
            if (live.containsKey(member)) {
                continue;
            }
            PresenceKeys.Entry entry = PresenceKeys.parse(member);
            if (entry == null || pending.contains(entry.connectionId())
                    || startedAfter(entry.connectionId(), snapshot.maxConnectionId())) {
                continue;
            }
            removals.add(PresenceStore.disconnectChange(serverId, member, entry.userId(), entry.roomId()));
        }
        int added = presence.applyAll(additions);
        int removed = presence.applyAll(removals);
        if (added > 0 || removed > 0) {
            log.info("presence of connect server {} reconciled: {} connections recorded again, {} leftovers removed",
                    serverId, added, removed);
        }
        return new ReconcileReply(added, removed);
    }

    /** A connection whose id is above the snapshot's highest began after it was taken. */
    private static boolean startedAfter(String connectionId, long maxConnectionId) {
        try {
            return Long.parseLong(connectionId) > maxConnectionId;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
