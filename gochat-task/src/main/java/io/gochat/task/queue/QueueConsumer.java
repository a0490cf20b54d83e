package io.gochat.task.queue;

import io.gochat.core.json.Json;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueuedMessage;
import io.gochat.protocol.service.Delivery;
import io.gochat.task.delivery.DeliveryLanes;
import io.gochat.task.delivery.RecipientRouter;
import io.gochat.task.delivery.TaskMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The consuming loop, on its own thread: hold the queue lease, take a batch into an in-flight list,
 * route it, hand it to the server lanes, and delete the in-flight list once every server took its
 * part. Several batches may be in flight (bounded), so one slow server does not stop the others.
 */
public final class QueueConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

    private final JedisPool redis;
    private final QueueKeys keys;
    private final String taskId;
    private final QueueLease lease;
    private final BatchTaker taker;
    private final InflightRecovery recovery;
    private final RecipientRouter router;
    private final DeliveryLanes lanes;
    private final TaskMetrics metrics;
    private final Supplier<Set<String>> liveTasks;
    private final int maxInflightBatches;
    private final Semaphore inflightBatches;
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> new Thread(r, "queue-ack"));
    private final Thread loop;
    private volatile boolean running = true;
    private long batchSeq;
    private boolean owner;
    private long lastRecovery;

    public QueueConsumer(JedisPool redis, QueueKeys keys, String taskId, long leaseMillis, int batchSize,
                         int maxInflightBatches, RecipientRouter router, DeliveryLanes lanes, TaskMetrics metrics,
                         Supplier<Set<String>> liveTasks) {
        this.redis = redis;
        this.keys = keys;
        this.taskId = taskId;
        this.lease = new QueueLease(keys, taskId, leaseMillis);
        this.taker = new BatchTaker(keys, batchSize, Math.max(0.1, leaseMillis / 5000.0));
        this.recovery = new InflightRecovery(keys);
        this.router = router;
        this.lanes = lanes;
        this.metrics = metrics;
        this.liveTasks = liveTasks;
        this.maxInflightBatches = maxInflightBatches;
        this.inflightBatches = new Semaphore(maxInflightBatches);
        metrics.inflight(inflightBatches, s -> maxInflightBatches - s.availablePermits());
        this.loop = new Thread(this::run, "queue-consumer");
    }

    public void start() {
        loop.start();
    }

    public boolean isOwner() {
        return owner;
    }

    private void run() {
        while (running) {
            try (Jedis jedis = redis.getResource()) {
                while (running) {
                    step(jedis);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("queue consumer: {}; retrying", e.toString());
                    pause(500);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void step(Jedis jedis) throws InterruptedException {
        boolean ownerNow = lease.acquireOrRenew(jedis);
        if (ownerNow != owner) {
            owner = ownerNow;
            log.info(owner ? "task {} now consumes the queue" : "task {} stands by (another task consumes)", taskId);
        }
        if (!owner) {
            pause(lease.ttlMillis() / 5);
            return;
        }
        recoverOrphansEvery(5_000, jedis);
        if (!inflightBatches.tryAcquire(lease.ttlMillis() / 3, TimeUnit.MILLISECONDS)) {
            return;   // every permit is held by slow servers; renew the lease and wait again
        }
        String inflight = keys.inflight(taskId, batchSeq++);
        List<String> raw;
        try {
            raw = taker.take(jedis, inflight);
        } catch (RuntimeException e) {
            inflightBatches.release();
            throw e;
        }
        if (raw.isEmpty()) {
            inflightBatches.release();
            return;
        }
        metrics.taken.increment(raw.size());
        metrics.batches.record(raw.size());
        List<QueuedMessage> batch = parse(raw);
        List<List<String>> targets = router.route(jedis, batch);
        List<CompletableFuture<Boolean>> parts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            QueuedMessage m = batch.get(i);
            Delivery d = delivery(m);
            if (targets.get(i).isEmpty()) {
                metrics.undeliverable.increment();
            }
            for (String serverId : targets.get(i)) {
                parts.add(lanes.submit(serverId, d));
            }
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenCompleteAsync((v, e) -> {
            try (Jedis j = redis.getResource()) {
                taker.ack(j, inflight);
            } catch (RuntimeException ex) {
                log.warn("could not ack batch {} (it will be delivered again): {}", inflight, ex.toString());
            } finally {
                inflightBatches.release();
            }
        }, acks);
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

    /** Right after taking the lease, and now and then: batches of dead tasks go back in the queue. */
    private void recoverOrphansEvery(long periodMillis, Jedis jedis) {
        long now = System.currentTimeMillis();
        if (now - lastRecovery < periodMillis) {
            return;
        }
        lastRecovery = now;
        Set<String> live = new java.util.HashSet<>(liveTasks.get());
        live.add(taskId);
        metrics.requeued.increment(recovery.requeueOrphans(jedis, live));
    }

    /** A task left the cluster: its in-flight batches are requeued on the next step. */
    public void taskLeft() {
        lastRecovery = 0;
    }

    private List<QueuedMessage> parse(List<String> raw) {
        List<QueuedMessage> out = new ArrayList<>(raw.size());
        for (String text : raw) {
            try {
                out.add(Json.read(text, QueuedMessage.class));
            } catch (RuntimeException e) {
                metrics.malformed.increment();
                log.warn("dropping a malformed queue entry ({} chars): {}", text.length(), e.getMessage());
            }
        }
        return out;
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
        try (Jedis jedis = redis.getResource()) {
            lease.release(jedis);
        } catch (RuntimeException e) {
            log.info("could not release the queue lease (it expires by itself): {}", e.toString());
        }
        acks.shutdown();
    }
}
