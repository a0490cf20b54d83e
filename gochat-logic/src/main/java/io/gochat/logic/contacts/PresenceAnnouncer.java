package io.gochat.logic.contacts;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.redis.UserRoutes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Tells a user's friends when the user comes online or goes offline (op 25, not stored), at most about a
 * second late: the users whose connections opened or closed are checked once a second against what was
 * last announced (the hash {@value #KEY}, which contacts owns, shared by the logic servers). Users who chose
 * invisible are never announced online.
 */
final class PresenceAnnouncer {
    static final String KEY = "contacts_presence_shown";

    private final UserDatabase db;
    private final JedisPool redis;
    private final ContactNotices notices;

    PresenceAnnouncer(UserDatabase db, JedisPool redis, ContactNotices notices) {
        this.db = db;
        this.redis = redis;
        this.notices = notices;
    }

    void announce(Collection<Long> userIds) {
        List<Long> ids = new ArrayList<>(userIds);
        List<Response<Long>> routes = new ArrayList<>(ids.size());
        List<Response<String>> shown = new ArrayList<>(ids.size());
        try (Jedis jedis = redis.getResource()) {
            Pipeline p = jedis.pipelined();
            for (long id : ids) {
                routes.add(UserRoutes.serverCount(p, id));
                shown.add(p.hget(KEY, Long.toString(id)));
            }
            p.sync();
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            boolean connected = routes.get(i).get() > 0;
            ProfileRow row = connected || shown.get(i).get() != null ? db.with(ProfileMapper.class, m -> m.find(id)) : null;
            if (row == null) {
                continue;
            }
            String status = PresenceStatus.seen(row.getStatus(), connected);
            if (status.equals(shown.get(i).get() == null ? PresenceStatus.OFFLINE : shown.get(i).get())) {
                continue;
            }
            try (Jedis jedis = redis.getResource()) {
                jedis.hset(KEY, Long.toString(id), status);
            }
            for (long friend : db.with(FriendMapper.class, m -> m.friendIds(id))) {
                notices.sendLive(friend, Ops.FRIEND_PRESENCE, Map.of("userId", id, "status", status));
            }
        }
    }
}
