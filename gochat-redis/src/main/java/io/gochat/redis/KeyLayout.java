package io.gochat.redis;

/**
 * Where keys that are used together live. On one server or behind Sentinels every key keeps its name
 * (gochat's names where gochat has them). On a Redis Cluster a command, script or pipeline of dependent
 * writes may only touch keys of one slot, so the keys that are used together get one hash tag:
 * <ul>
 * <li>{@link #PRESENCE}: a presence script changes the server's connection set, the room's member hash,
 * connection counts and count, the user's route and the room's route at once;</li>
 * <li>{@link #SESSIONS}: a session, its refresh token and the user's session index are written by one
 * script;</li>
 * <li>a queue partition's stream, lease and dead letters are tagged by the partition in every layout
 * ({@code {gochat_queue:3}}, {@link io.gochat.redis.queue.QueueKeys}), so the partitions spread over the
 * cluster's nodes.</li>
 * </ul>
 * Presence and sessions thus each live on one slot of a cluster (one node serves them); the queue, which
 * carries the load, is spread. Keys read alone (a user's unacknowledged messages, last-seen times) keep
 * their names. The layout is the process's: {@link RedisConnector} sets it from {@code redis.url} (one
 * process talks to one Redis deployment).
 */
public final class KeyLayout {
    public static final String PRESENCE = "gochat_presence";
    public static final String SESSIONS = "gochat_sess";
    private static volatile boolean cluster;

    private KeyLayout() {
    }

    /** Set when a client is opened: true for a Redis Cluster. */
    public static void use(boolean clustered) {
        cluster = clustered;
    }

    public static boolean clustered() {
        return cluster;
    }

    /** {@code name} as is, or on a cluster {@code {group}name}. */
    public static String in(String group, String name) {
        return cluster ? "{" + group + "}" + name : name;
    }
}
