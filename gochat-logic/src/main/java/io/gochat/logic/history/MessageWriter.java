package io.gochat.logic.history;

import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.UserDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores messages with group commit: one thread drains a bounded queue and inserts whatever is waiting
 * (up to {@value #MAX_BATCH}) in one {@code ExecutorType.BATCH} transaction; a second thread hands each
 * committed batch on (to the Redis queue), in commit order, then completes each message's future. So a
 * message is stored before it is queued, sqlite pays one commit per batch, not per message, and the next
 * batch is written while the previous one is being queued. A full queue refuses at once.
 */
public final class MessageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
    static final int MAX_BATCH = 1000;
    /** Committed batches waiting to be handed on; when full the writer waits (back-pressure, not loss). */
    static final int HAND_OFF_BATCHES = 4;
    private static final List<Pending> STOP = List.of();

    /** What happens to a batch once it is committed; a failure fails the batch's futures. */
    @FunctionalInterface
    public interface AfterCommit {
        void accept(List<StoredMessage> committed) throws Exception;
    }

    private record Pending(StoredMessage message, CompletableFuture<Void> done) {
    }

    private final UserDatabase db;
    private final AfterCommit afterCommit;
    private final BlockingQueue<Pending> queue;
    private final int capacity;
    private final Thread thread;
    private final Thread handOffThread;
    private final BlockingQueue<List<Pending>> committed = new ArrayBlockingQueue<>(HAND_OFF_BATCHES);
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closing;

    public MessageWriter(UserDatabase db, int capacity, AfterCommit afterCommit) {
        if (capacity < 1) {
            throw new IllegalArgumentException("store.queue must be at least 1, got " + capacity);
        }
        this.db = db;
        this.afterCommit = afterCommit;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "message-writer");
        thread.setDaemon(true);
        this.handOffThread = new Thread(this::handOffCommitted, "message-queuer");
        handOffThread.setDaemon(true);
        thread.start();
        handOffThread.start();
    }

    /**
     * Queues {@code message} for the next batch; the future completes once it is committed and handed on,
     * or fails with a reason a user may read (store busy, shutting down, store failed).
     */
    public CompletableFuture<Void> write(StoredMessage message) {
        if (closing) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("logic server is shutting down"));
        }
        Pending pending = new Pending(message, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            long n = refused.incrementAndGet();
            if (Long.bitCount(n) == 1 || n % 1000 == 0) {   // 1, 2, 4, ... and every 1000th: no log flood
                log.warn("message store busy: {} messages waiting, refused message {} ({} refused so far)",
                        capacity, message.id(), n);
            }
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "message store is busy (" + capacity + " messages waiting), try again later"));
        }
        return pending.done();
    }

    /** Messages waiting for the writer. */
    public int waiting() {
        return queue.size();
    }

    /** Messages committed since start. */
    public long stored() {
        return stored.get();
    }

    /** Transactions committed since start. */
    public long batches() {
        return batches.get();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closing) {
                    break;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            writeBatch(batch);
            batch.clear();
        }
    }

    private void writeBatch(List<Pending> batch) {
        try (SqlSession session = db.openBatch()) {
            MessageMapper mapper = session.getMapper(MessageMapper.class);
            for (Pending p : batch) {
                StoredMessage m = p.message();
                mapper.insert(m.id(), m.conversation(), m.fromUserId(), m.toUserId(), m.roomId(), m.op(), m.body(),
                        m.createdAt());
            }
            session.flushStatements();
            session.commit();
        } catch (RuntimeException e) {
            log.warn("storing a batch of {} messages failed: {}", batch.size(), firstLine(e));
            failAll(batch, "message store failed, the message was not sent; try again");
            return;
        }
        stored.addAndGet(batch.size());
        batches.incrementAndGet();
        try {
            committed.put(new ArrayList<>(batch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll(batch, "logic server is shutting down");
        }
    }

    /** The second thread: committed batches go on (Redis), one at a time, in commit order. */
    private void handOffCommitted() {
        while (true) {
            List<Pending> batch;
            try {
                batch = committed.take();
            } catch (InterruptedException e) {
                break;
            }
            if (batch == STOP) {
                break;
            }
            handOn(batch);
        }
    }

    private void handOn(List<Pending> batch) {
        List<StoredMessage> messages = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            messages.add(p.message());
        }
        try {
            afterCommit.accept(messages);
        } catch (Exception e) {
            log.warn("{} stored messages could not be queued: {}", batch.size(), firstLine(e));
            failAll(batch, "message stored, but the delivery queue is unavailable; it was not delivered now");
            return;
        }
        for (Pending p : batch) {
            p.done().complete(null);
        }
    }

    private static void failAll(List<Pending> batch, String reason) {
        for (Pending p : batch) {
            p.done().completeExceptionally(new IllegalStateException(reason));
        }
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    /** Writes what is already queued (bounded wait), then stops; anything left is refused. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        try {
            if (!committed.offer(STOP, 10, TimeUnit.SECONDS)) {
                handOffThread.interrupt();
            }
            handOffThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handOffThread.isAlive()) {
            handOffThread.interrupt();
        }
        List<List<Pending>> notHandedOn = new ArrayList<>();
        committed.drainTo(notHandedOn);
        notHandedOn.forEach(b -> failAll(b, "logic server is shutting down"));
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            log.warn("{} messages not stored at shutdown", left.size());
            failAll(left, "logic server is shutting down");
        }
        log.info("message writer stopped: {} messages stored in {} batches", stored.get(), batches.get());
    }
}
