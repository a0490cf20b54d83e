package io.gochat.logic.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Removes every connection a dead connect server left behind, from rooms and routes. Each entry goes
 * through the same atomic disconnect script, so several logic servers repairing the same server at
 * once, or a repair racing a late disconnect, never count anything twice.
 */
public final class ServerRepair {
    private static final Logger log = LoggerFactory.getLogger(ServerRepair.class);
    private static final int BATCH = 500;

    private final UnifiedJedis redis;
    private final PresenceStore presence;

    public ServerRepair(UnifiedJedis redis, PresenceStore presence) {
        this.redis = redis;
        this.presence = presence;
    }

    /** Returns how many connections were removed by this call. */
    public int repair(String serverId) {
        String key = PresenceKeys.serverConns(serverId);
        int removed = 0;
        while (true) {
            List<String> members = new ArrayList<>(redis.srandmember(key, BATCH));
            if (members.isEmpty()) {
                break;
            }
            for (String member : members) {
                removed += removeOne(serverId, member) ? 1 : 0;
            }
        }
        if (removed > 0) {
            log.info("connect server {} left: removed {} of its connections from rooms and routes", serverId, removed);
        }
        return removed;
    }

    /** Repairs every server with recorded connections that {@code alive} rejects (e.g. died while no logic ran). */
    public void repairAllExcept(Predicate<String> alive) {
        String prefix = PresenceKeys.serverConns("");
        Set<String> dead = new java.util.HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(PresenceKeys.serverConnsPattern()).count(BATCH);
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            for (String key : page.getResult()) {
                String serverId = key.substring(prefix.length());
                if (!alive.test(serverId)) {
                    dead.add(serverId);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        dead.forEach(this::repair);
    }

    private boolean removeOne(String serverId, String member) {
        PresenceKeys.Entry entry = PresenceKeys.parse(member);
        if (entry == null) {
            log.warn("dropping unreadable connection record '{}' of {}", member, serverId);
            redis.srem(PresenceKeys.serverConns(serverId), member);
            return false;
        }
        return presence.removeMember(serverId, member, entry.userId(), entry.roomId()) >= 0;
    }
}
