package io.gochat.task.queue;

import io.gochat.core.json.Json;
import io.gochat.protocol.service.Delivery;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueuedMessage;
import io.gochat.task.delivery.DeliveryLanes;
import io.gochat.task.delivery.Outcome;
import io.gochat.task.delivery.Part;
import io.gochat.task.delivery.RecipientRouter;
import io.gochat.task.delivery.TaskMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.StreamEntryID;

/**
 * The consuming loop, on its own thread: hold the leases of this task's share of the partitions, take over
 * the pending entries of a partition when it is taken, read new entries of all owned partitions in one
 * {@code XREADGROUP}, route them, hand them to the server lanes in order, and acknowledge each batch once
 * every part of it is delivered or its recipient is provably gone. Entries whose retries ran out are kept in
 * the dead-letter stream, then acknowledged. Reading goes on while slow servers are retried (bounded).
 */
public final class QueueConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);
    /** Entries read and not yet acknowledged, at most (memory bound while servers are retried). */
    static final int MAX_UNACKED = 50_000;

    private final UnifiedJedis redis;
    private final QueueKeys keys;
    private final String taskId;
    private final PartitionLeases leases;
    private final PartitionStreams streams;
    private final RecipientRouter router;
    private final DeliveryLanes lanes;
    private final TaskMetrics metrics;
    private final Supplier<Set<String>> liveTasks;
    private final int batchSize;
    private final int maxInflightBatches;
    private final long staleMillis;
    private final Semaphore inflightBatches;
    private final AtomicInteger unacked = new AtomicInteger();
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> new Thread(r, "queue-ack"));
    private final Thread loop;
    private volatile boolean running = true;
    private boolean recoverPending;
    private volatile List<Integer> reading = List.of();
    private long lastLeaseWork;
    private long lastStaleClaim = System.currentTimeMillis();

    /**
     * @param retryWindowMillis how long lanes retry; entries of our own pending longer than twice that (an
     *                          acknowledgement that failed) are taken over again
     */
    public QueueConsumer(UnifiedJedis redis, QueueKeys keys, String taskId, long leaseMillis, int batchSize,
                         int maxInflightBatches, long retryWindowMillis, long retentionMillis, RecipientRouter router,
                         DeliveryLanes lanes, TaskMetrics metrics, Supplier<Set<String>> liveTasks) {
        this.redis = redis;
        this.keys = keys;
        this.taskId = taskId;
        this.leases = new PartitionLeases(keys, taskId, leaseMillis);
        this.streams = new PartitionStreams(keys, taskId, retentionMillis);
        this.router = router;
        this.lanes = lanes;
        this.metrics = metrics;
        this.liveTasks = liveTasks;
        this.batchSize = batchSize;
        this.maxInflightBatches = maxInflightBatches;
        this.staleMillis = 2 * retryWindowMillis + leaseMillis;
        this.inflightBatches = new Semaphore(maxInflightBatches);
        metrics.inflight(inflightBatches, s -> maxInflightBatches - s.availablePermits());
        metrics.ownedPartitions(() -> reading.size());
        this.loop = new Thread(this::run, "queue-consumer");
    }

    public void start() {
        loop.start();
    }

    /** True while this task consumes at least one partition. */
    public boolean isOwner() {
        return !reading.isEmpty();
    }

    /** The partitions this task consumes now. */
    public List<Integer> partitions() {
        return reading;
    }

    private void run() {
        while (running) {
            try {
                while (running) {
                    step(redis);
                }
            } catch (RuntimeException e) {
                recoverPending = true;
                if (running) {
                    log.warn("queue consumer: {}; retrying", e.toString());
                    pause(500);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void step(UnifiedJedis jedis) throws InterruptedException {
        long now = System.currentTimeMillis();
        if (now - lastLeaseWork >= leases.ttlMillis() / 3) {
            lastLeaseWork = now;
            leaseWork(jedis);
        }
        if (recoverPending) {
            recoverPending();
        }
        List<Integer> owned = reading;
        if (owned.isEmpty()) {
            pause(leases.ttlMillis() / 5);
            return;
        }
        if (unacked.get() >= MAX_UNACKED) {
            pause(50);   // servers are being retried: read on once some of it is settled
            return;
        }
        if (!inflightBatches.tryAcquire(leases.ttlMillis() / 3, TimeUnit.MILLISECONDS)) {
            return;   // every permit is held by slow servers; renew the leases and wait again
        }
        List<PartitionStreams.Entry> entries;
        try {
            entries = streams.read(jedis, owned, batchSize, Math.max(50, Math.min(1000, leases.ttlMillis() / 5)));
        } catch (RuntimeException e) {
            inflightBatches.release();
            throw e;
        }
        if (entries.isEmpty()) {
            inflightBatches.release();
            return;
        }
        process(jedis, entries);
    }

    /** Renew, hand on what is beyond our share, take free partitions (and their pending entries). */
    private void leaseWork(UnifiedJedis jedis) throws InterruptedException {
        Set<String> live = liveTasks.get();
        int tasks = Math.max(1, live.size());
        int share = (keys.partitions() + tasks - 1) / tasks;
        List<Integer> lost = leases.renew(jedis);
        if (!lost.isEmpty()) {
            log.warn("task {} lost partitions {} to another task (paused past its lease?)", taskId, lost);
        }
        List<Integer> surplus = leases.surplus(share);
        if (!surplus.isEmpty()) {
            reading = without(leases.owned(), surplus);
            settleInflight();   // what we read from them reaches its servers before the next owner reads on
            surplus.forEach(p -> leases.release(jedis, p));
            log.info("task {} hands on partitions {} (now consumes {})", taskId, surplus, reading);
        }
        List<Integer> taken = leases.acquire(jedis, share);
        for (int p : taken) {
            streams.ensureGroup(jedis, p);
            claimPending(jedis, p, 0);
            streams.dropGoneConsumers(jedis, p, live);
        }
        if (!lost.isEmpty() || !taken.isEmpty()) {
            reading = leases.owned();
            log.info("task {} now consumes the queue: partitions {} of {}", taskId, reading, keys.partitions());
        }
        if (System.currentTimeMillis() - lastStaleClaim > staleMillis) {
            lastStaleClaim = System.currentTimeMillis();
            for (int p : reading) {
                claimPending(jedis, p, staleMillis);   // entries whose acknowledgement failed
            }
        }
    }

    /**
     * After a Redis error: a read whose answer was lost (the connection broke, the primary failed over) left
     * entries pending for this task that it never got, and acknowledgements may have failed. Once Redis answers
     * again, every pending entry of the partitions this task holds is delivered again now rather than after
     * the stale take-over; entries still in flight are delivered twice (clients drop repeats by msgId).
     */
    private void recoverPending() throws InterruptedException {
        for (int p : reading) {
            claimPending(redis, p, 0);
        }
        recoverPending = false;
    }

    /** Takes over the partition's pending entries (a dead task's, or the previous owner's) and delivers them first. */
    private void claimPending(UnifiedJedis jedis, int partition, long minIdleMillis) throws InterruptedException {
        StreamEntryID from = new StreamEntryID();
        do {
            Map.Entry<StreamEntryID, List<PartitionStreams.Entry>> page =
                    streams.claim(jedis, partition, minIdleMillis, from, batchSize);
            List<PartitionStreams.Entry> entries = page.getValue();
            if (!entries.isEmpty()) {
                log.info("task {} took over {} pending entries of partition {}", taskId, entries.size(), partition);
                metrics.claimed.increment(entries.size());
                inflightBatches.acquire();
                process(jedis, entries);
            }
            from = page.getKey();
        } while (running && !from.equals(new StreamEntryID()));
    }

    /** Routes and hands on one batch; the caller holds one in-flight permit, released once the batch is settled. */
    private void process(UnifiedJedis jedis, List<PartitionStreams.Entry> entries) {
        metrics.taken.increment(entries.size());
        metrics.batches.record(entries.size());
        unacked.addAndGet(entries.size());
        List<PartitionStreams.Entry> good = new ArrayList<>(entries.size());
        List<QueuedMessage> batch = new ArrayList<>(entries.size());
        for (PartitionStreams.Entry e : entries) {
            try {
                batch.add(Json.read(e.json(), QueuedMessage.class));
                good.add(e);
            } catch (RuntimeException ex) {
                metrics.malformed.increment();
                log.warn("dropping a malformed queue entry {} ({} chars): {}", e.id(), e.json().length(), ex.getMessage());
            }
        }
        List<List<String>> targets;
        try {
            targets = batch.isEmpty() ? List.of() : router.route(jedis, batch);
        } catch (RuntimeException ex) {
            unacked.addAndGet(-entries.size());
            inflightBatches.release();
            throw ex;   // not acknowledged: read again by a take-over (stale claim) of this partition
        }
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        Map<PartitionStreams.Entry, List<CompletableFuture<String>>> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            QueuedMessage m = batch.get(i);
            Delivery d = delivery(m);
            if (targets.get(i).isEmpty()) {
                metrics.undeliverable.increment();
            }
            List<CompletableFuture<String>> parts = new ArrayList<>();
            for (String serverId : targets.get(i)) {
                Part part = lanes.submit(serverId, d);
                settled.add(part.settled());
                parts.add(part.done().thenApply(o -> o == Outcome.EXHAUSTED ? serverId : null));
            }
            outcomes.put(good.get(i), parts);
        }
        CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> inflightBatches.release());
        List<CompletableFuture<String>> all = new ArrayList<>();
        outcomes.values().forEach(all::addAll);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .whenCompleteAsync((v, e) -> acknowledge(entries, outcomes), acks);
    }

    /** What the connect servers write: to a user (perhaps changing the user's groups), a group, or a room. */
    static Delivery delivery(QueuedMessage m) {
        if (m.isForUser()) {
            return m.groupId() > 0 ? Delivery.membership(m.toUserId(), m.groupId(), m.membership(), m.body())
                    : Delivery.toUser(m.toUserId(), m.body());
        }
        if (m.isForGroup()) {
            return Delivery.toGroup(m.groupId(), m.body(), m.membership());
        }
        return Delivery.toRoom(m.roomId(), m.body());
    }

    private void acknowledge(List<PartitionStreams.Entry> entries,
                             Map<PartitionStreams.Entry, List<CompletableFuture<String>>> outcomes) {
        Map<PartitionStreams.Entry, String> kept = new HashMap<>();
        outcomes.forEach((entry, parts) -> {
            List<String> servers = parts.stream().map(CompletableFuture::join).filter(s -> s != null).toList();
            if (!servers.isEmpty()) {
                kept.put(entry, "retries exhausted for connect " + String.join(",", servers));
            }
        });
        try {
            streams.ack(redis, entries, kept);
            if (!kept.isEmpty()) {
                metrics.kept.increment(kept.size());
                log.warn("{} messages could not be delivered within the retry window; kept in the dead-letter streams",
                        kept.size());
            }
        } catch (RuntimeException ex) {
            log.warn("could not acknowledge {} entries (they will be delivered again): {}", entries.size(), ex.toString());
        } finally {
            unacked.addAndGet(-entries.size());
        }
    }

    /** Waits (bounded) until every batch in flight is settled. */
    private void settleInflight() throws InterruptedException {
        // bounded by half the lease time, so the leases we keep are renewed in time
        if (inflightBatches.tryAcquire(maxInflightBatches, Math.max(100, leases.ttlMillis() / 2), TimeUnit.MILLISECONDS)) {
            inflightBatches.release(maxInflightBatches);
        }
    }

    private static List<Integer> without(List<Integer> all, List<Integer> minus) {
        List<Integer> out = new ArrayList<>(all);
        out.removeAll(minus);
        return List.copyOf(out);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // let batches in flight reach their servers, so a clean stop does not cause duplicates
            if (!inflightBatches.tryAcquire(maxInflightBatches, 5, TimeUnit.SECONDS)) {
                log.info("stopping with batches in flight; another task will deliver them again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acks.shutdown();
        try {
            acks.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (int p : leases.owned()) {
                leases.release(redis, p);
            }
        } catch (RuntimeException e) {
            log.info("could not release the partition leases (they expire by themselves): {}", e.toString());
        }
        reading = List.of();
    }
}
