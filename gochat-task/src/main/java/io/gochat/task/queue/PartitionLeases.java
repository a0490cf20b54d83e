package io.gochat.task.queue;

import io.gochat.redis.queue.QueueKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * Which partitions of the queue this task consumes. Each partition has a lease in Redis ({@code
 * {<queue>:<p>}:owner}, an expiring key the owner renews), so exactly one task reads a partition at a time
 * and its conversations keep their order. Live tasks share the partitions: each takes free ones up to its
 * fair share ({@code ceil(partitions / tasks)}) and hands on what is beyond it when more tasks join. A
 * task that dies stops renewing; its partitions are free after the lease time.
 */
final class PartitionLeases {
    /** Renews our lease; one that expired while nobody else took it (we were slow) is simply taken again. */
    private static final String RENEW = "local owner = redis.call('GET', KEYS[1]) "
            + "if owner == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end "
            + "if not owner then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            + "return 0";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) else return 0 end";

    private final QueueKeys keys;
    private final String taskId;
    private final long ttlMillis;
    private final int offset;
    private final TreeSet<Integer> owned = new TreeSet<>();

    PartitionLeases(QueueKeys keys, String taskId, long ttlMillis) {
        this.keys = keys;
        this.taskId = taskId;
        this.ttlMillis = ttlMillis;
        this.offset = Math.floorMod(taskId.hashCode(), keys.partitions());   // tasks start looking at different places
    }

    /** Renews every lease held; returns the partitions lost (another task took them: we were paused too long). */
    @SuppressWarnings("unchecked")
    List<Integer> renew(UnifiedJedis jedis) {
        if (owned.isEmpty()) {
            return List.of();
        }
        List<Integer> held = new ArrayList<>(owned);
        Response<Object>[] r = new Response[held.size()];
        try (AbstractPipeline p = jedis.pipelined()) {
            for (int i = 0; i < held.size(); i++) {
                r[i] = p.eval(RENEW, List.of(keys.owner(held.get(i))), List.of(taskId, String.valueOf(ttlMillis)));
            }
            p.sync();
        }
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            if (!Long.valueOf(1).equals(r[i].get())) {
                lost.add(held.get(i));
                owned.remove(held.get(i));
            }
        }
        return lost;
    }

    /** Takes free partitions until this task holds {@code share}; returns the ones taken now. */
    List<Integer> acquire(UnifiedJedis jedis, int share) {
        List<Integer> taken = new ArrayList<>();
        int n = keys.partitions();
        for (int i = 0; i < n && owned.size() < share; i++) {
            int partition = (offset + i) % n;
            if (!owned.contains(partition)
                    && "OK".equals(jedis.set(keys.owner(partition), taskId, SetParams.setParams().nx().px(ttlMillis)))) {
                owned.add(partition);
                taken.add(partition);
            }
        }
        return taken;
    }

    /** Partitions held beyond {@code share}, to hand on to the other tasks. */
    List<Integer> surplus(int share) {
        List<Integer> out = new ArrayList<>();
        List<Integer> held = new ArrayList<>(owned.descendingSet());
        for (int i = 0; i < held.size() - share; i++) {
            out.add(held.get(i));
        }
        return out;
    }

    void release(UnifiedJedis jedis, int partition) {
        owned.remove(partition);
        jedis.eval(RELEASE, List.of(keys.owner(partition)), List.of(taskId));
    }

    List<Integer> owned() {
        return List.copyOf(owned);
    }

    long ttlMillis() {
        return ttlMillis;
    }
}
