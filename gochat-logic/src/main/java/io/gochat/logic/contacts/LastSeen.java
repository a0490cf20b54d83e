package io.gochat.logic.contacts;

import io.gochat.redis.UserRoutes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Whether users are connected (their route in Redis) and when they were last seen: each connect and
 * disconnect is noted in memory (no Redis call on the presence path) and written once a second, in one
 * round trip, to the hash {@value #KEY} (userId → epoch ms), which contacts owns.
 */
public final class LastSeen implements AutoCloseable {
    public static final String KEY = "contacts_last_seen";
    static final long FLUSH_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(LastSeen.class);

    /** A user's presence as others may see it before their choice (invisible) and blocks apply. */
    public record Seen(boolean connected, long lastSeen) {
    }

    private final UnifiedJedis redis;
    private volatile java.util.function.Consumer<java.util.Set<Long>> afterFlush = ids -> { };
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "contacts-last-seen");
        t.setDaemon(true);
        return t;
    });

    public LastSeen(UnifiedJedis redis) {
        this.redis = redis;
        timer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Told, on the flushing thread, which users connected or disconnected since the last flush. */
    public void afterFlush(java.util.function.Consumer<java.util.Set<Long>> listener) {
        this.afterFlush = listener;
    }

    /** The user connected or disconnected now; never blocks. */
    public void touch(long userId) {
        if (userId > 0) {
            pending.put(userId, System.currentTimeMillis());
        }
    }

    /** Whether each user is connected and when they were last seen (0 = never noted); one round trip. */
    public Map<Long, Seen> of(List<Long> userIds) {
        Map<Long, Seen> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        List<Response<Long>> routes = new ArrayList<>(userIds.size());
        List<Response<String>> times = new ArrayList<>(userIds.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (long id : userIds) {
                routes.add(UserRoutes.serverCount(p, id));
                times.add(p.hget(KEY, Long.toString(id)));
            }
            p.sync();
        }
        for (int i = 0; i < userIds.size(); i++) {
            long id = userIds.get(i);
            Long local = pending.get(id);
            String stored = times.get(i).get();
            long at = Math.max(local == null ? 0 : local, stored == null ? 0 : Long.parseLong(stored));
            out.put(id, new Seen(routes.get(i).get() > 0, at));
        }
        return out;
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, String> batch = new HashMap<>();
        for (Long id : List.copyOf(pending.keySet())) {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(Long.toString(id), Long.toString(at));
            }
        }
        try {
            redis.hset(KEY, batch);
        } catch (RuntimeException e) {
            log.warn("could not record when {} users were last seen: {}", batch.size(), e.toString());
            return;
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        batch.keySet().forEach(id -> ids.add(Long.parseLong(id)));
        try {
            afterFlush.accept(ids);
        } catch (RuntimeException e) {
            log.warn("could not tell the friends of {} users that they came or went: {}", ids.size(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
