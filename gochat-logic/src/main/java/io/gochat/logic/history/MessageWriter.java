package io.gochat.logic.history;

import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.OutboxMapper;
import io.gochat.logic.storage.ClientIdMapper;
import io.gochat.logic.sync.ConversationSeqs;
import io.gochat.logic.sync.SeqMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.gochat.logic.storage.UserDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import io.gochat.protocol.service.PushReply;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores messages with group commit: one thread drains a bounded queue, resolves whatever is waiting
 * (up to {@value #MAX_BATCH}; the {@link Resolver} checks senders and recipients for the whole batch in
 * one Redis round trip and builds the messages), and inserts them in one {@code ExecutorType.BATCH}
 * transaction; a second thread hands each committed batch on (to the Redis queue), in commit order, then
 * answers each sender. So a message is stored before it is queued, the database pays one commit and Redis
 * two round trips per batch, not per message, senders' threads only enqueue, and the next batch is written
 * while the previous one is being queued. A full queue refuses at once. Each message gets an outbox row in its
 * transaction, deleted once it is queued; the {@link OutboxRelay} queues what is left (logic died, or Redis
 * failed, between commit and queue), so a stored message is never left undelivered.
 */
public final class MessageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
    static final int MAX_BATCH = 1000;
    /** Committed batches waiting to be handed on; when full the writer waits (back-pressure, not loss). */
    static final int HAND_OFF_BATCHES = 4;
    private static final List<Submission> STOP = List.of();
    /** Put behind what is queued at close: the writer stops when it reaches it (no polling while idle). */
    private static final Submission LAST = new Submission(null);

    /** What happens to a batch once it is committed; a failure fails the batch's futures. */
    @FunctionalInterface
    public interface AfterCommit {
        void accept(List<StoredMessage> committed) throws Exception;
    }

    /**
     * Decides, on the writer thread and for a whole batch at once, what each submission stores: it calls
     * {@link Submission#accept} or {@link Submission#refuse} on every one. A failure refuses the batch.
     */
    @FunctionalInterface
    public interface Resolver {
        void resolve(List<Submission> batch) throws Exception;
    }

    /** Submissions whose draft already is the {@link StoredMessage} to store. */
    public static final Resolver STORE_AS_IS = batch -> batch.forEach(s -> s.accept((StoredMessage) s.draft(), "ok"));

    /**
     * Drafts that already are a {@link StoredMessage} (checked and stamped by their sender, e.g. a group
     * message) are stored as they are; the rest of the batch goes to {@code other}, in order.
     */
    public static Resolver storedAsIsOr(Resolver other) {
        return batch -> {
            List<Submission> rest = new ArrayList<>(batch.size());
            for (Submission s : batch) {
                if (s.draft() instanceof StoredMessage m) {
                    s.accept(m, "ok");
                } else if (s.draft() instanceof StampedDraft d) {
                    s.accept(d.message(), "ok", d.clientMsgId());   // a group message with the sender's client id
                } else {
                    rest.add(s);
                }
            }
            if (!rest.isEmpty()) {
                other.resolve(rest);
            }
        };
    }

    private final UserDatabase db;
    private final Resolver resolver;
    private final AfterCommit afterCommit;
    private final BlockingQueue<Submission> queue;
    private final int capacity;
    private final Thread thread;
    private final Thread handOffThread;
    /** Tries of one batch's transaction when the database breaks a deadlock by rolling it back. */
    private static final int DEADLOCK_ATTEMPTS = 3;
    private final BlockingQueue<List<Submission>> committed = new ArrayBlockingQueue<>(HAND_OFF_BATCHES);
    private final Counter stored;
    private final DistributionSummary batches;
    private final Counter refused;
    private final Timer commits;
    private final MeterRegistry registry;
    private final Gauge depth;
    private volatile boolean closing;

    public MessageWriter(UserDatabase db, int capacity, AfterCommit afterCommit) {
        this(db, capacity, STORE_AS_IS, afterCommit);
    }

    public MessageWriter(UserDatabase db, int capacity, Resolver resolver, AfterCommit afterCommit) {
        this(db, capacity, resolver, afterCommit, new SimpleMeterRegistry());
    }

    /**
     * @param metrics the process's registry: {@code gochat_logic_store_queue_depth}, {@code _batch_size_messages},
     *                {@code _commit_seconds}, {@code gochat_logic_store_messages_total{outcome}}
     */
    public MessageWriter(UserDatabase db, int capacity, Resolver resolver, AfterCommit afterCommit,
                         MeterRegistry metrics) {
        this.registry = metrics;
        this.stored = metrics.counter("gochat.logic.store.messages", "outcome", "stored");
        this.refused = metrics.counter("gochat.logic.store.messages", "outcome", "refused");
        this.batches = DistributionSummary.builder("gochat.logic.store.batch.size").baseUnit("messages")
                .description("messages per database transaction (group commit)").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue((double) MAX_BATCH).register(metrics);
        this.commits = Timer.builder("gochat.logic.store.commit").description("time to insert and commit one batch")
                .publishPercentileHistogram().register(metrics);
        if (capacity < 1) {
            throw new IllegalArgumentException("store.queue must be at least 1, got " + capacity);
        }
        this.db = db;
        db.addMapper(SeqMapper.class);
        this.resolver = resolver;
        this.afterCommit = afterCommit;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.depth = Gauge.builder("gochat.logic.store.queue.depth", queue, BlockingQueue::size)
                .description("messages waiting for the store's writer").register(metrics);
        this.thread = new Thread(this::run, "message-writer");
        thread.setDaemon(true);
        this.handOffThread = new Thread(this::handOffCommitted, "message-queuer");
        handOffThread.setDaemon(true);
        thread.start();
        handOffThread.start();
    }

    /**
     * Queues {@code draft} for the next batch; the answer comes once it is committed and handed on, or is a
     * refusal with a reason a user may read (refused by the resolver, store busy, shutting down, store failed).
     */
    public CompletableFuture<PushReply> submit(Object draft) {
        if (closing) {
            return CompletableFuture.completedFuture(PushReply.refused("logic server is shutting down"));
        }
        Submission submission = new Submission(draft);
        if (!queue.offer(submission)) {
            refused.increment();
            long n = (long) refused.count();
            if (Long.bitCount(n) == 1 || n % 1000 == 0) {   // 1, 2, 4, ... and every 1000th: no log flood
                log.warn("message store busy: {} messages waiting, refused one ({} refused so far)", capacity, n);
            }
            return CompletableFuture.completedFuture(PushReply.refused(busy()));
        }
        return submission.answer();
    }

    /**
     * Stores {@code message} as it is (with the {@link #STORE_AS_IS} resolver); the future fails with a
     * {@link RejectedExecutionException} when the store is busy, and with the reason otherwise.
     */
    public CompletableFuture<Void> write(StoredMessage message) {
        return submit(message).thenApply(reply -> {
            if (reply.ok()) {
                return null;
            }
            throw reply.message().equals(busy()) ? new RejectedExecutionException(reply.message())
                    : new IllegalStateException(reply.message());
        });
    }

    private String busy() {
        return "message store is busy (" + capacity + " messages waiting), try again later";
    }

    /** Messages waiting for the writer. */
    public int waiting() {
        return queue.size();
    }

    /** Messages committed since start. */
    public long stored() {
        return (long) stored.count();
    }

    /** Transactions committed since start. */
    public long batches() {
        return batches.count();
    }

    private void run() {
        List<Submission> batch = new ArrayList<>(MAX_BATCH);
        boolean last = false;
        while (!last) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            last = batch.remove(LAST);
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
        }
    }

    private void writeBatch(List<Submission> all) {
        try {
            resolver.resolve(all);
        } catch (Exception e) {
            log.warn("checking a batch of {} messages failed: {}", all.size(), firstLine(e));
            failAll(all, "logic could not check the message now, it was not sent; try again");
            return;
        }
        List<Submission> batch = new ArrayList<>(all.size());
        for (Submission s : all) {
            if (s.accepted()) {
                batch.add(s);
            } else if (!s.answer().isDone()) {
                s.failed("logic could not check the message, it was not sent");   // a resolver bug: answer anyway
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                insert(batch);
                break;
            } catch (RuntimeException e) {
                if (attempt < DEADLOCK_ATTEMPTS && deadlocked(e)) {
                    // e.g. MariaDB: the outbox rows' delete after queueing met this insert; nothing was stored
                    log.info("storing a batch of {} messages met a deadlock, trying again ({})", batch.size(), attempt);
                    continue;
                }
                log.warn("storing a batch of {} messages failed: {}", batch.size(), firstLine(e));
                failAll(batch, "message store failed, the message was not sent; try again");
                return;
            }
        }
        commits.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        stored.increment(batch.size());
        batches.record(batch.size());
        try {
            committed.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll(batch, "logic server is shutting down");
        }
    }

    /**
     * The batch's messages, with their conversations' sequence numbers ({@link ConversationSeqs}), outbox rows
     * and client ids in one transaction; once it is committed each submission carries its numbered message.
     */
    private void insert(List<Submission> batch) {
        try (SqlSession session = db.openBatch()) {
            MessageMapper mapper = session.getMapper(MessageMapper.class);
            OutboxMapper outbox = session.getMapper(OutboxMapper.class);
            ClientIdMapper clientIds = session.getMapper(ClientIdMapper.class);
            long now = System.currentTimeMillis();
            List<StoredMessage> plain = new ArrayList<>(batch.size());
            for (Submission p : batch) {
                plain.add(p.message());
            }
            long[] seqs = ConversationSeqs.assign(session, db.dialect(), plain);   // first: the counters' rows
            List<StoredMessage> numbered = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Submission p = batch.get(i);
                StoredMessage m = ConversationSeqs.numbered(plain.get(i), seqs[i]);
                numbered.add(m);
                mapper.insert(m.id(), m.conversation(), m.fromUserId(), m.toUserId(), m.roomId(), m.op(), m.body(),
                        m.createdAt(), seqs[i]);
                outbox.insert(m.id(), now);   // same transaction: stored means queued, now or by the relay
                if (p.clientMsgId() != null) {
                    clientIds.insert(m.fromUserId(), p.clientMsgId(), m.id(), now);   // a retried send is stored once
                }
            }
            session.flushStatements();
            session.commit();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).numbered(numbered.get(i));   // a retried transaction numbers the plain message again
            }
        }
    }

    /** A transaction the database rolled back to break a deadlock (or a serialization conflict): safe to run again. */
    private static boolean deadlocked(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    /** The second thread: committed batches go on (Redis), one at a time, in commit order. */
    private void handOffCommitted() {
        while (true) {
            List<Submission> batch;
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

    private void handOn(List<Submission> batch) {
        List<StoredMessage> messages = new ArrayList<>(batch.size());
        for (Submission p : batch) {
            messages.add(p.message());
        }
        try {
            afterCommit.accept(messages);
        } catch (Exception e) {
            // stored with its outbox row: the relay queues it once the queue answers again
            log.warn("{} stored messages could not be queued now, the outbox relay will: {}", batch.size(), firstLine(e));
            for (Submission p : batch) {
                p.storedDelayed();
            }
            return;
        }
        for (Submission p : batch) {
            p.stored();
        }
        OutboxRelay.clear(db, messages);
    }

    private static void failAll(List<Submission> batch, String reason) {
        for (Submission p : batch) {
            p.failed(reason);
        }
    }

    private static String firstLine(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();   // MyBatis wraps the driver's words in lines of its own
        }
        String m = String.valueOf(t.getMessage()).strip();
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    /** Writes what is already queued (bounded wait), then stops; anything left is refused. */
    @Override
    public void close() {
        closing = true;
        if (!queue.offer(LAST)) {
            thread.interrupt();   // full: what is queued is refused below
        }
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
        List<List<Submission>> notHandedOn = new ArrayList<>();
        committed.drainTo(notHandedOn);
        notHandedOn.forEach(b -> failAll(b, "logic server is shutting down"));
        List<Submission> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            log.warn("{} messages not stored at shutdown", left.size());
            failAll(left, "logic server is shutting down");
        }
        registry.remove(depth);
        log.info("message writer stopped: {} messages stored in {} batches", stored(), batches());
    }
}
