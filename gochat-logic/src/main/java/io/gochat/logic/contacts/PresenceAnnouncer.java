package io.gochat.logic.contacts;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.redis.UserRoutes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
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
    private final UnifiedJedis redis;
    private final ContactNotices notices;

    PresenceAnnouncer(UserDatabase db, UnifiedJedis redis, ContactNotices notices) {
        this.db = db;
        this.redis = redis;
        this.notices = notices;
    }

    void announce(Collection<Long> userIds) {
        List<Long> ids = new ArrayList<>(userIds);
        List<Response<Long>> routes = new ArrayList<>(ids.size());
        List<Response<String>> shown = new ArrayList<>(ids.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (long id : ids) {
                routes.add(UserRoutes.serverCount(p, id));
                shown.add(p.hget(KEY, Long.toString(id)));
            }
            p.sync();
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            List<Long> friends = db.with(FriendMapper.class, m -> m.friendIds(id));
            if (friends.isEmpty()) {
                continue;   // nobody to tell (most users of a load test): one query, nothing stored
            }
            ProfileRow row = db.with(ProfileMapper.class, m -> m.find(id));
            if (row == null) {
                continue;
            }
            String status = PresenceStatus.seen(row.getStatus(), routes.get(i).get() > 0);
            String before = shown.get(i).get();
            if (status.equals(before)) {
                continue;   // already told (unknown before: told again, which is harmless)
            }
            redis.hset(KEY, Long.toString(id), status);
            for (long friend : friends) {
                notices.sendLive(friend, Ops.FRIEND_PRESENCE, Map.of("userId", id, "status", status));
            }
        }
    }
}
