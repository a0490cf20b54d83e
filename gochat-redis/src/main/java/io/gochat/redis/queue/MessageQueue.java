package io.gochat.redis.queue;

import io.gochat.core.json.Json;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;

/**
 * The one producer of the queue (logic): {@code XADD} to the stream of the message's partition. Everything
 * that puts a message on the queue goes through here. Nothing is ever trimmed here (that would lose
 * messages not yet delivered): task trims what it acknowledged, and a partition holding {@code maxLength}
 * entries refuses new messages ({@link #refusal}, {@link QueueFullException}) until task catches up.
 */
public final class MessageQueue {
    /** The field of a stream entry that holds the {@link QueuedMessage} JSON. */
    public static final String FIELD = "m";
    private static final long LENGTHS_FRESH_NANOS = 100_000_000L;

    private final UnifiedJedis redis;
    private final QueueKeys keys;
    private final long maxLength;
    private long[] lengths;
    private long lengthsAt;

    /** @param maxLength entries a partition may hold before senders are told "busy"; 0 = no bound */
    public MessageQueue(UnifiedJedis redis, QueueKeys keys, long maxLength) {
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
    }

    /** Unbounded (tools and tests). */
    public MessageQueue(UnifiedJedis redis, QueueKeys keys) {
        this(redis, keys, 0);
    }

    public QueueKeys keys() {
        return keys;
    }

    /** Queues one message (ops 4 and 5, tests); throws {@link QueueFullException} when its partition is full. */
    public void push(QueuedMessage message) {
        push(message, message.defaultConversation());
    }

    public void push(QueuedMessage message, String conversation) {
        String busy = refusal(conversation);
        if (busy != null) {
            throw new QueueFullException(busy);
        }
        redis.xadd(keys.stream(keys.partitionOf(conversation)), StreamEntryID.NEW_ENTRY,
                Map.of(FIELD, Json.write(message)));
    }

    /** One round trip for many messages (no bound check: tests and tools). */
    public void pushAll(List<QueuedMessage> messages) {
        try (AbstractPipeline p = redis.pipelined()) {
            for (QueuedMessage m : messages) {
                append(p, m, m.defaultConversation());
            }
            p.sync();
        }
    }

    /**
     * Adds {@code message} to a pipeline the caller syncs (with other writes of the same round trip); answers
     * the stream written.
     */
    public String append(AbstractPipeline pipeline, QueuedMessage message, String conversation) {
        String stream = keys.stream(keys.partitionOf(conversation));
        pipeline.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(FIELD, Json.write(message)));
        return stream;
    }

    /**
     * Null when the conversation's partition takes more messages, else the sentence for the sender. Reads
     * every partition's length at most every 100 ms (one round trip), so it costs nothing per message.
     */
    public String refusal(String conversation) {
        if (maxLength <= 0) {
            return null;
        }
        int p = keys.partitionOf(conversation);
        long length = lengths()[p];
        if (length < maxLength) {
            return null;
        }
        return "the delivery queue is full (" + length + " messages waiting in partition " + p
                + "), the message was not sent; try again in a moment";
    }

    private synchronized long[] lengths() {
        long now = System.nanoTime();
        if (lengths == null || now - lengthsAt > LENGTHS_FRESH_NANOS) {
            lengths = readLengths();
            lengthsAt = now;
        }
        return lengths;
    }

    private long[] readLengths() {
        long[] out = new long[keys.partitions()];
        @SuppressWarnings("unchecked")
        Response<Long>[] r = new Response[out.length];
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < out.length; i++) {
                r[i] = p.xlen(keys.stream(i));
            }
            p.sync();
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = r[i].get();
        }
        return out;
    }

    /** Entries in every partition (delivered ones are trimmed soon after their ack). */
    public long length() {
        long total = 0;
        for (long l : readLengths()) {
            total += l;
        }
        return total;
    }
}
