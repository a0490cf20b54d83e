package io.gochat.task.queue;

import io.gochat.redis.KeyLayout;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Task's side of the partition streams, through the consumer group {@value QueueKeys#GROUP}: read new
 * entries ({@code XREADGROUP}), take over pending ones ({@code XAUTOCLAIM}), acknowledge ({@code XACK}),
 * keep undeliverable ones in the dead-letter stream, and trim what every task has acknowledged.
 */
final class PartitionStreams {
    /** Removes the entries below the oldest one still pending (or up to the last read when none is). */
    private static final String TRIM_ACKED = """
            local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1])
            if not ok then return 0 end
            local last = nil
            for _, g in ipairs(groups) do
              local name, id = nil, nil
              for i = 1, #g, 2 do
                if g[i] == 'name' then name = g[i + 1] end
                if g[i] == 'last-delivered-id' then id = g[i + 1] end
              end
              if name == ARGV[1] then last = id end
            end
            if not last then return 0 end
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1])
            local minid
            if pending[1] > 0 then
              minid = pending[2]
            else
              local dash = string.find(last, '-')
              minid = string.sub(last, 1, dash - 1) .. '-' .. (tonumber(string.sub(last, dash + 1)) + 1)
            end
            return redis.call('XTRIM', KEYS[1], 'MINID', minid)
            """;

    /** An entry read from a partition. */
    record Entry(int partition, StreamEntryID id, String json) {
    }

    private final QueueKeys keys;
    private final String consumer;
    private final long retentionMillis;
    private long waits;

    PartitionStreams(QueueKeys keys, String consumer, long retentionMillis) {
        this.keys = keys;
        this.consumer = consumer;
        this.retentionMillis = retentionMillis;
    }

    /** Creates the group (from the stream's start, so nothing queued before any task ran is skipped). */
    void ensureGroup(UnifiedJedis jedis, int partition) {
        try {
            jedis.xgroupCreate(keys.stream(partition), QueueKeys.GROUP, new StreamEntryID(), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** New entries of {@code partitions}, oldest first per partition, waiting up to {@code blockMillis}. */
    List<Entry> read(UnifiedJedis jedis, List<Integer> partitions, int count, long blockMillis) {
        if (KeyLayout.clustered() && partitions.size() > 1) {
            return readEach(jedis, partitions, count, blockMillis);
        }
        Map<String, StreamEntryID> from = new LinkedHashMap<>();
        for (int p : partitions) {
            from.put(keys.stream(p), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
        }
        List<Map.Entry<String, List<StreamEntry>>> got;
        try {
            got = jedis.xreadGroup(QueueKeys.GROUP, consumer,
                    XReadGroupParams.xReadGroupParams().count(count).block((int) blockMillis), from);
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                partitions.forEach(p -> ensureGroup(jedis, p));   // Redis lost its data: start again
                return List.of();
            }
            throw e;
        }
        List<Entry> out = new ArrayList<>();
        if (got == null) {
            return out;
        }
        for (Map.Entry<String, List<StreamEntry>> stream : got) {
            int p = keys.partitionOfStream(stream.getKey());
            for (StreamEntry e : stream.getValue()) {
                out.add(new Entry(p, e.getID(), field(e)));
            }
        }
        return out;
    }

    /**
     * On a Redis Cluster one command may not name streams of several slots: every owned partition is read
     * without waiting in one pipelined round trip (one command per partition, the nodes in parallel); when
     * all are empty, one partition (in turn) is read with a short wait, so an idle task neither spins nor
     * leaves a partition waiting longer than that.
     */
    private List<Entry> readEach(UnifiedJedis jedis, List<Integer> partitions, int count, long blockMillis) {
        List<Entry> out = new ArrayList<>();
        List<Response<List<Map.Entry<String, List<StreamEntry>>>>> got = new ArrayList<>();
        try (AbstractPipeline p = jedis.pipelined()) {
            for (int partition : partitions) {
                got.add(p.xreadGroup(QueueKeys.GROUP, consumer, XReadGroupParams.xReadGroupParams().count(count),
                        Map.of(keys.stream(partition), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
            }
            p.sync();
        }
        for (int i = 0; i < partitions.size(); i++) {
            try {
                collect(got.get(i).get(), out);
            } catch (JedisDataException e) {
                if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    throw e;
                }
                ensureGroup(jedis, partitions.get(i));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        int turn = partitions.get((int) (waits++ % partitions.size()));
        return read(jedis, List.of(turn), count, Math.min(blockMillis, 50));
    }

    private void collect(List<Map.Entry<String, List<StreamEntry>>> got, List<Entry> out) {
        if (got == null) {
            return;
        }
        for (Map.Entry<String, List<StreamEntry>> stream : got) {
            int p = keys.partitionOfStream(stream.getKey());
            for (StreamEntry e : stream.getValue()) {
                out.add(new Entry(p, e.getID(), field(e)));
            }
        }
    }

    /**
     * Takes over up to {@code count} entries of {@code partition} pending for at least {@code minIdleMillis}
     * with any consumer (a dead task's, or one that handed the partition on), oldest first, starting at
     * {@code start}; returns them and the id to continue from ({@code 0-0} when done).
     */
    Map.Entry<StreamEntryID, List<Entry>> claim(UnifiedJedis jedis, int partition, long minIdleMillis, StreamEntryID start,
                                               int count) {
        Map.Entry<StreamEntryID, List<StreamEntry>> r;
        try {
            r = jedis.xautoclaim(keys.stream(partition), QueueKeys.GROUP,
                    consumer, minIdleMillis, start, XAutoClaimParams.xAutoClaimParams().count(count));
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                throw e;
            }
            ensureGroup(jedis, partition);   // Redis lost its data: nothing is pending, start again
            return Map.entry(new StreamEntryID(), List.of());
        }
        List<Entry> out = new ArrayList<>();
        for (StreamEntry e : r.getValue()) {
            if (e != null && e.getFields() != null) {
                out.add(new Entry(partition, e.getID(), field(e)));
            }
        }
        return Map.entry(r.getKey(), out);
    }

    /**
     * One round trip: {@code kept} entries go to their partition's dead-letter stream (with {@code why}),
     * then every entry is acknowledged, then each partition touched is trimmed of what is acknowledged.
     */
    void ack(UnifiedJedis jedis, List<Entry> entries, Map<Entry, String> kept) {
        try (AbstractPipeline p = jedis.pipelined()) {
            String minId = (System.currentTimeMillis() - retentionMillis) + "-0";
            kept.forEach((e, why) -> p.xadd(keys.dead(e.partition()),
                    XAddParams.xAddParams().minId(minId).approximateTrimming(),
                    Map.of(MessageQueue.FIELD, e.json(), "id", e.id().toString(), "why", why)));
            Map<Integer, List<StreamEntryID>> byPartition = new LinkedHashMap<>();
            for (Entry e : entries) {
                byPartition.computeIfAbsent(e.partition(), k -> new ArrayList<>()).add(e.id());
            }
            byPartition.forEach((partition, ids) -> {
                p.xack(keys.stream(partition), QueueKeys.GROUP, ids.toArray(StreamEntryID[]::new));
                p.eval(TRIM_ACKED, List.of(keys.stream(partition)), List.of(QueueKeys.GROUP));
            });
            p.sync();
        }
    }

    /** Removes the group's consumers that are not live tasks and hold no pending entry (after a take-over). */
    void dropGoneConsumers(UnifiedJedis jedis, int partition, java.util.Set<String> live) {
        for (redis.clients.jedis.resps.StreamConsumerInfo c : jedis.xinfoConsumers2(keys.stream(partition), QueueKeys.GROUP)) {
            if (c.getPending() == 0 && !live.contains(c.getName()) && !c.getName().equals(consumer)) {
                jedis.xgroupDelConsumer(keys.stream(partition), QueueKeys.GROUP, c.getName());
            }
        }
    }

    /** Length, lag (entries not read yet) and pending entries of every partition, in one round trip. */
    @SuppressWarnings("unchecked")
    long[][] stats(UnifiedJedis jedis) {
        int n = keys.partitions();
        Response<Long>[] lengths = new Response[n];
        Response<List<StreamGroupInfo>>[] groups = new Response[n];
        try (AbstractPipeline p = jedis.pipelined()) {
            for (int i = 0; i < n; i++) {
                lengths[i] = p.xlen(keys.stream(i));
                groups[i] = p.xinfoGroups(keys.stream(i));
            }
            p.sync();
        } catch (JedisDataException ignored) {
            // a partition without a stream yet: its responses say so below
        }
        long[][] out = new long[n][3];
        for (int i = 0; i < n; i++) {
            long length = value(lengths[i]);
            long pending = 0;
            long lag = length;
            try {
                for (StreamGroupInfo g : groups[i].get()) {
                    if (QueueKeys.GROUP.equals(g.getName())) {
                        pending = g.getPending();
                        Object l = g.getGroupInfo().get("lag");
                        lag = l instanceof Number num ? num.longValue() : Math.max(0, length - pending);
                    }
                }
            } catch (JedisDataException noStream) {
                lag = length;
            }
            out[i] = new long[] {length, lag, pending};
        }
        return out;
    }

    private static long value(Response<Long> r) {
        try {
            Long v = r.get();
            return v == null ? 0 : v;
        } catch (JedisDataException e) {
            return 0;
        }
    }

    private static String field(StreamEntry e) {
        String json = e.getFields().get(MessageQueue.FIELD);
        return json == null ? "" : json;
    }
}
