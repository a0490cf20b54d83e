package io.gochat.redis.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis keys of the message queue, derived from {@code queue.name} and {@code queue.partitions}. The queue
 * is {@code partitions} Redis streams; a conversation always goes to the same one, so its order holds.
 * Each partition's keys share one hash tag ({@code {gochat_queue:3}}), so on Redis Cluster they live on
 * one slot. Owners: logic adds to the streams ({@link MessageQueue}); task owns the consumer group, the
 * partition leases and the dead letters.
 */
public record QueueKeys(String queue, int partitions) {
    /** The consumer group every task reads with. */
    public static final String GROUP = "tasks";

    public QueueKeys {
        if (partitions < 1) {
            throw new IllegalArgumentException("queue.partitions must be at least 1, got " + partitions);
        }
    }

    /** One partition's stream: {@code {<queue>:<p>}}. */
    public String stream(int partition) {
        return "{" + queue + ":" + partition + "}";
    }

    public List<String> streams() {
        List<String> out = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            out.add(stream(p));
        }
        return out;
    }

    /** The partition's lease: the one task consuming it now (so its conversations keep their order). */
    public String owner(int partition) {
        return stream(partition) + ":owner";
    }

    /** Entries whose delivery retries ran out, kept (with the reason) for {@code queue.retention}. */
    public String dead(int partition) {
        return stream(partition) + ":dead";
    }

    /** The partition of a conversation key ({@code r:<roomId>}, {@code p:<a>:<b>}): the same on every server. */
    public int partitionOf(String conversation) {
        int h = 0x811c9dc5;   // FNV-1a over the UTF-8 bytes: stable across JVMs and languages
        for (byte b : conversation.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return Math.floorMod(h, partitions);
    }

    /** The partition of a stream key made by {@link #stream}, or -1. */
    public int partitionOfStream(String key) {
        String prefix = "{" + queue + ":";
        if (!key.startsWith(prefix) || !key.endsWith("}")) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(prefix.length(), key.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
