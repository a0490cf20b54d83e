package io.gochat.logic.presence;

import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Room membership, member counts and user routes, derived from individual live connections.
 * A user stays in a room while any of their connections there is open, on any connect server.
 */
public final class PresenceStore {
    static final int PIPELINE_BATCH = 500;
    /** Told when a user joins a room for the first time or leaves it entirely (not on a second tab). */
    public interface MembershipListener {
        void changed(long roomId);
    }

    private final UnifiedJedis redis;
    private final MembershipListener listener;

    public PresenceStore(UnifiedJedis redis) {
        this(redis, roomId -> { });
    }

    public PresenceStore(UnifiedJedis redis, MembershipListener listener) {
        this.redis = redis;
        this.listener = listener;
    }

    /** One presence change as a script call, so a batch of them can share one round trip. */
    public record Change(String script, List<String> keys, List<String> args, long roomId) {
    }

    /** Records one connection; idempotent for the same connectionId. Returns the room's member count. */
    public long connect(String serverId, String connectionId, long userId, String userName, long roomId) {
        return apply(connectChange(serverId, connectionId, userId, userName, roomId));
    }

    static Change connectChange(String serverId, String connectionId, long userId, String userName, long roomId) {
        return new Change(PresenceScripts.CONNECT, keys(serverId, userId, roomId),
                List.of(PresenceKeys.member(connectionId, userId, roomId), Long.toString(userId), userName, serverId),
                roomId);
    }

    static Change disconnectChange(String serverId, String member, long userId, long roomId) {
        return new Change(PresenceScripts.DISCONNECT, keys(serverId, userId, roomId),
                List.of(member, Long.toString(userId), serverId), roomId);
    }

    private long apply(Change change) {
        return applied(redis.eval(change.script(), change.keys(), change.args()), change.roomId());
    }

    /**
     * Removes exactly one connection; a connection that is not recorded (already gone, retried) is a
     * no-op. Returns the room's member count, or -1 for an unknown connection.
     */
    public long disconnect(String serverId, String connectionId, long userId, long roomId) {
        return removeMember(serverId, PresenceKeys.member(connectionId, userId, roomId), userId, roomId);
    }

    /** Removes a recorded {@code connectionId|userId|roomId} entry (repair reads them back from the set). */
    long removeMember(String serverId, String member, long userId, long roomId) {
        return apply(disconnectChange(serverId, member, userId, roomId));
    }

    /**
     * Applies many changes in pipelined batches of {@value #PIPELINE_BATCH} (a whole server's connections
     * recorded again costs a round trip per batch, not per connection); answers how many of them changed
     * something (a disconnect of an unknown connection does not).
     */
    public int applyAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        int changed = 0;
        String node = changes.get(0).keys().get(0);   // every presence key is on this one's node (KeyLayout)
        String connectSha = redis.scriptLoad(PresenceScripts.CONNECT, node);
        String disconnectSha = redis.scriptLoad(PresenceScripts.DISCONNECT, node);
        for (int from = 0; from < changes.size(); from += PIPELINE_BATCH) {
            List<Change> batch = changes.subList(from, Math.min(changes.size(), from + PIPELINE_BATCH));
            List<Response<Object>> answers = new ArrayList<>(batch.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Change c : batch) {
                    String sha = c.script().equals(PresenceScripts.CONNECT) ? connectSha : disconnectSha;
                    answers.add(pipeline.evalsha(sha, c.keys(), c.args()));
                }
                pipeline.sync();
            }
            for (int i = 0; i < batch.size(); i++) {
                changed += applied(answers.get(i).get(), batch.get(i).roomId()) >= 0 ? 1 : 0;
            }
        }
        return changed;
    }

    /** The scripts answer {count, membership changed}: tells the listener, answers the count. */
    long applied(Object result, long roomId) {
        List<?> pair = (List<?>) result;
        if (((Long) pair.get(1)) == 1L) {
            listener.changed(roomId);
        }
        return (Long) pair.get(0);
    }

    private static List<String> keys(String serverId, long userId, long roomId) {
        return List.of(PresenceKeys.serverConns(serverId), PresenceKeys.room(roomId), PresenceKeys.roomConns(roomId),
                PresenceKeys.roomCount(roomId), UserRoutes.key(userId), RoomRoutes.key(roomId));
    }
}
