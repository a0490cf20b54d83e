package io.gochat.redis.queue;

import io.gochat.redis.KeyLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code redis.replicas}: a write to the queue counts only once that many replicas hold it ({@code WAIT} in the
 * same pipeline, on the same connection as the writes). Redis replicates asynchronously, so a primary that dies
 * right after answering loses what its replicas had not received yet; a message that a replica confirmed
 * survives a fail-over (the Sentinels promote the replica that is furthest ahead). When fewer replicas are
 * connected, nothing is written at all ({@link #ready}), so the caller's retry (logic's outbox) does not pile up
 * copies on the primary. 0 = no confirmation (one server; gochat's behaviour).
 */
public final class ReplicaConfirmation {
    private static final long CHECK_FRESH_NANOS = 100_000_000L;

    private final UnifiedJedis redis;
    private final int replicas;
    private final long timeoutMillis;
    private long readyAt;

    public ReplicaConfirmation(UnifiedJedis redis, int replicas, long timeoutMillis) {
        this.redis = redis;
        this.replicas = replicas;
        this.timeoutMillis = timeoutMillis;
    }

    public static ReplicaConfirmation none() {
        return new ReplicaConfirmation(null, 0, 0);
    }

    public boolean enabled() {
        return replicas > 0;
    }

    /**
     * Throws {@link QueueNotConfirmedException} when the primary has fewer than {@code redis.replicas} replicas
     * online now (asked at most every 100 ms). A Redis Cluster is not asked (its nodes each have their own).
     */
    public synchronized void ready() {
        if (!enabled() || KeyLayout.clustered()) {
            return;
        }
        long now = System.nanoTime();
        if (readyAt != 0 && now - readyAt < CHECK_FRESH_NANOS) {
            return;
        }
        int online = onlineReplicas(redis.info("replication"));
        if (online < replicas) {
            readyAt = 0;
            throw new QueueNotConfirmedException("the Redis primary has " + online + " replicas online, redis.replicas="
                    + replicas + ": not queued until one is back");
        }
        readyAt = now;
    }

    static int onlineReplicas(String info) {
        int n = 0;
        for (String line : info.split("\r?\n")) {
            if (line.matches("slave\\d+:.*") && line.contains("state=online")) {
                n++;
            }
        }
        return n;
    }

    /**
     * Adds the {@code WAIT}s to a pipeline after its writes: one (one server, Sentinels), or one per slot written
     * on a Redis Cluster (each node replicates on its own). Read them with {@link #verify} after the sync.
     */
    public List<Response<Long>> request(AbstractPipeline pipeline, Collection<String> keysWritten) {
        if (!enabled() || keysWritten.isEmpty()) {
            return List.of();
        }
        List<Response<Long>> out = new ArrayList<>();
        if (!KeyLayout.clustered()) {
            out.add(pipeline.waitReplicas(keysWritten.iterator().next(), replicas, timeoutMillis));
            return out;
        }
        Map<Integer, String> bySlot = new LinkedHashMap<>();
        for (String key : keysWritten) {
            bySlot.putIfAbsent(JedisClusterCRC16.getSlot(key), key);
        }
        bySlot.values().forEach(k -> out.add(pipeline.waitReplicas(k, replicas, timeoutMillis)));
        return out;
    }

    /** Throws {@link QueueNotConfirmedException} unless every {@code WAIT} counted {@code redis.replicas}. */
    public void verify(List<Response<Long>> answers) {
        for (Response<Long> r : answers) {
            long got = r.get();
            if (got < replicas) {
                synchronized (this) {
                    readyAt = 0;
                }
                throw new QueueNotConfirmedException(got + " of " + replicas + " replicas confirmed the queued messages within "
                        + timeoutMillis + " ms");
            }
        }
    }
}
