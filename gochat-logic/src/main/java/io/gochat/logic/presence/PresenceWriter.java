package io.gochat.logic.presence;

import io.gochat.logic.session.SessionStore;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.SessionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Connections joining and leaving, in batches on one thread: the sessions of every join waiting are read
 * in one Redis round trip, then every presence change is applied in a second one. A join storm (a
 * connect server restarting, thousands of clients reconnecting) costs two round trips per batch instead
 * of a pool hop and two round trips per connection. Joins and leaves keep their order. The queue is
 * bounded: when it is full a join or leave is refused at once (the connect server tells the client,
 * which may retry, or logs the failed leave).
 */
public final class PresenceWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceWriter.class);
    static final int MAX_BATCH = 500;

    private sealed interface Op permits Join, Leave, Last {
    }

    /** Put behind what is queued at close: the writer stops when it reaches it (no polling while idle). */
    private enum Last implements Op { INSTANCE }

    private record Join(ConnectRequest request, CompletableFuture<SessionInfo> done) implements Op {
    }

    private record Leave(DisconnectRequest request, CompletableFuture<Void> done) implements Op {
    }

    private final UnifiedJedis redis;
    private final PresenceStore presence;
    private final BlockingQueue<Op> queue;
    private final int capacity;
    private final Thread thread;
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closing;
    private String connectSha;
    private String disconnectSha;

    public PresenceWriter(UnifiedJedis redis, PresenceStore presence, int capacity) {
        this.redis = redis;
        this.presence = presence;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "presence-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The session of the joining connection (null: not a live session), once its presence is recorded. */
    public CompletableFuture<SessionInfo> connect(ConnectRequest request) {
        CompletableFuture<SessionInfo> done = new CompletableFuture<>();
        return offer(new Join(request, done)) ? done : CompletableFuture.failedFuture(busy());
    }

    /** Completes once exactly this connection is gone from rooms and routes. */
    public CompletableFuture<Void> disconnect(DisconnectRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        return offer(new Leave(request, done)) ? done : CompletableFuture.failedFuture(busy());
    }

    private boolean offer(Op op) {
        if (!closing && queue.offer(op)) {
            return true;
        }
        long n = refused.incrementAndGet();
        if (Long.bitCount(n) == 1 || n % 1000 == 0) {
            log.warn("presence busy: {} joins and leaves waiting, refused one ({} so far)", capacity, n);
        }
        return false;
    }

    private RejectedExecutionException busy() {
        return new RejectedExecutionException(closing ? "logic server is shutting down"
                : "logic server is busy (" + capacity + " joins waiting), try again later");
    }

    private void run() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        boolean last = false;
        while (!last) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            last = batch.remove(Last.INSTANCE);
            try {
                if (!batch.isEmpty()) {
                    apply(batch);
                }
            } catch (RuntimeException e) {
                log.warn("a batch of {} joins and leaves failed: {}", batch.size(), e.toString());
                batch.forEach(op -> fail(op, e));
            }
            batch.clear();
        }
        List<Op> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(op -> fail(op, busy()));
    }

    @SuppressWarnings("unchecked")
    private void apply(List<Op> batch) {
        int n = batch.size();
        SessionInfo[] sessions = new SessionInfo[n];
        Response<Object>[] results = new Response[n];
        PresenceStore.Change[] changes = new PresenceStore.Change[n];
        readSessions(redis, batch, sessions);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int i = 0; i < n; i++) {
                changes[i] = change(batch.get(i), sessions[i]);
                if (changes[i] != null) {
                    results[i] = pipeline.evalsha(sha(redis, changes[i]), changes[i].keys(), changes[i].args());
                }
            }
            pipeline.sync();
        }
        for (int i = 0; i < n; i++) {
            if (changes[i] != null) {
                presence.applied(result(redis, changes[i], results[i]), changes[i].roomId());
            }
            complete(batch.get(i), sessions[i]);
        }
    }

    /** One round trip for the sessions of every join in the batch. */
    @SuppressWarnings("unchecked")
    private static void readSessions(UnifiedJedis jedis, List<Op> batch, SessionInfo[] sessions) {
        Response<Map<String, String>>[] answers = new Response[batch.size()];
        if (batch.stream().noneMatch(op -> op instanceof Join)) {
            return;
        }
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof Join join) {
                    answers[i] = SessionStore.find(pipeline, join.request().authToken());
                }
            }
            pipeline.sync();
        }
        for (int i = 0; i < batch.size(); i++) {
            sessions[i] = SessionStore.session(answers[i]);
        }
    }

    private static PresenceStore.Change change(Op op, SessionInfo session) {
        if (op instanceof Join join) {
            ConnectRequest r = join.request();
            return session == null ? null : PresenceStore.connectChange(r.serverId(), r.connectionId(),
                    session.userId(), session.userName(), r.roomId());
        }
        DisconnectRequest r = ((Leave) op).request();
        return PresenceStore.disconnectChange(r.serverId(), PresenceKeys.member(r.connectionId(), r.userId(), r.roomId()),
                r.userId(), r.roomId());
    }

    private String sha(UnifiedJedis jedis, PresenceStore.Change change) {
        if (change.script().equals(PresenceScripts.CONNECT)) {
            if (connectSha == null) {
                connectSha = jedis.scriptLoad(PresenceScripts.CONNECT, change.keys().get(0));   // on the keys' node
            }
            return connectSha;
        }
        if (disconnectSha == null) {
            disconnectSha = jedis.scriptLoad(PresenceScripts.DISCONNECT, change.keys().get(0));
        }
        return disconnectSha;
    }

    /** The script's answer; a Redis that lost its scripts (restarted, flushed) gets the script itself. */
    private Object result(UnifiedJedis jedis, PresenceStore.Change change, Response<Object> answer) {
        try {
            return answer.get();
        } catch (JedisNoScriptException e) {
            connectSha = null;
            disconnectSha = null;
            return jedis.eval(change.script(), change.keys(), change.args());
        }
    }

    private static void complete(Op op, SessionInfo session) {
        if (op instanceof Join join) {
            join.done().complete(session);
        } else if (op instanceof Leave leave) {
            leave.done().complete(null);
        }
    }

    private static void fail(Op op, Exception e) {
        if (op instanceof Join join) {
            join.done().completeExceptionally(e);
        } else if (op instanceof Leave leave) {
            leave.done().completeExceptionally(e);
        }
    }

    /** Applies what is queued (bounded wait), then stops; anything left is refused. */
    @Override
    public void close() {
        closing = true;
        if (!queue.offer(Last.INSTANCE)) {
            thread.interrupt();   // full: what is queued is refused
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
