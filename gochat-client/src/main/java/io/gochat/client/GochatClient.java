package io.gochat.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.client.internal.Backoff;
import io.gochat.client.internal.Frames;
import io.gochat.client.internal.RecentIds;
import io.gochat.client.internal.SeqGaps;
import io.gochat.client.internal.SocketConnector;
import io.gochat.protocol.Ops;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gochat client: one user, one socket (WebSocket or TCP) in one room, kept up by itself.
 *
 * <ul>
 *   <li><b>Reconnect</b>: when the socket drops, the next endpoint is tried after a jittered exponential
 *   delay ({@link Builder#reconnectDelay}), round the list, until {@link #close()} or the session ends.</li>
 *   <li><b>At least once, without duplicates</b>: the auth frame says {@code "acks":true}; every private
 *   message is acked (op 7) after the listener took it, so the server sends the unacked ones again on the
 *   next connect; messages whose {@code msgId} was already seen are dropped.</li>
 *   <li><b>Catch-up</b>: after a reconnect, private messages newer than the last one seen are read from
 *   {@code /history/since} (the server keeps only the latest 500 unacked ones), and every conversation seen
 *   (the room, 1:1 chats, groups) is synced after the last sequence number held in full
 *   ({@code /message/sync}); duplicates are dropped as above.</li>
 *   <li><b>Gaps</b>: each message carries its conversation's {@code seq}; a jump while connected is fetched at
 *   once with {@code /message/sync} (the missing messages arrive after the one that revealed the gap).</li>
 *   <li><b>Sends</b> go over the socket while it is up, else over the HTTP API.</li>
 * </ul>
 *
 * Listener callbacks run on one event thread of the client's own. The client is thread-safe.
 */
public final class GochatClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GochatClient.class);
    /** Frames waiting for the listener before the socket stops reading (back-pressure to the server). */
    private static final int PAUSE_READS_AT = 10_000;
    private static final int RESUME_READS_AT = 1_000;
    private static final int CATCH_UP_PAGE = 200;
    private static final int CATCH_UP_MAX_PAGES = 25;
    /** A sync the server refused (e.g. the room join not yet recorded right after a reconnect) is tried again. */
    private static final int SYNC_TRIES = 8;
    /** The first retry's delay; each doubles it, up to {@link #SYNC_RETRY_MAX_MS} (about 20 s in all). */
    private static final long SYNC_RETRY_MS = 400;
    private static final long SYNC_RETRY_MAX_MS = 5_000;

    private final GochatApi api;
    private final List<Endpoint> endpoints;
    private final long roomId;
    private final boolean acks;
    private final boolean sendOverSocket;
    private final ChatListener listener;
    private final Backoff backoff;
    private final SocketConnector connector;
    private final ThreadPoolExecutor events;
    private final AtomicInteger pending = new AtomicInteger();

    private final Object lock = new Object();
    private volatile Session session;
    private volatile Channel channel;        // the current connection (connecting or up); guarded by lock for writes
    private volatile boolean ready;          // the current connection is authenticated
    private volatile boolean swallowProbeAnswer;   // op 8 confirmed the join; the probe's answer is still to come
    private Endpoint current;
    private int nextEndpoint;
    private int attempt;
    private boolean started;
    private boolean closed;
    private boolean sessionEnded;
    private CompletableFuture<Void> firstConnect = new CompletableFuture<>();

    // touched on the event thread only
    private final RecentIds seen;
    private long lastPrivateId;
    private long lastRoomId;
    private final SeqGaps gaps = new SeqGaps();
    /** Conversations with a sync on its way; a gap seen meanwhile makes it go on once more. */
    private final java.util.Map<String, Boolean> syncing = new java.util.HashMap<>();

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong sentSocket = new AtomicLong();
    private final AtomicLong sentHttp = new AtomicLong();
    private final AtomicLong caughtUp = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();

    private GochatClient(Builder b) {
        api = new GochatApi(b.api, b.timeout);
        endpoints = List.copyOf(b.endpoints);
        roomId = b.roomId;
        acks = b.acks;
        sendOverSocket = b.sendOverSocket;
        listener = b.listener;
        backoff = new Backoff(b.minDelay, b.maxDelay);
        seen = new RecentIds(b.dedupWindow);
        connector = new SocketConnector(b.heartbeat, b.timeout);
        events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "gochat-client-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a builder; {@link Builder#api} and at least one {@link Builder#endpoint} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the HTTP API this client uses (history, logout, ...) */
    public GochatApi api() {
        return api;
    }

    /** @return the logged-in user, or null before login */
    public Session session() {
        return session;
    }

    /** @return the room this client joins (0 = none) */
    public long roomId() {
        return roomId;
    }

    /**
     * Logs in over the HTTP API.
     *
     * @param userName name
     * @param password password
     * @return the session, also kept by the client
     */
    public CompletableFuture<Session> login(String userName, String password) {
        return api.login(userName, password).thenApply(this::use);
    }

    /**
     * Registers (and logs in) over the HTTP API.
     *
     * @param userName name (at most 20 characters)
     * @param password password
     * @return the session, also kept by the client
     */
    public CompletableFuture<Session> register(String userName, String password) {
        return api.register(userName, password).thenApply(this::use);
    }

    /**
     * Uses a session obtained elsewhere (e.g. a saved token checked with {@link GochatApi#session}).
     *
     * @param s the session
     * @return it
     */
    public Session use(Session s) {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("the client is already connected as " + session);
            }
            session = Objects.requireNonNull(s, "session");
        }
        return s;
    }

    /**
     * Opens the socket (and keeps it open, reconnecting, until {@link #close()}).
     *
     * @return completes when the first connection is authenticated; fails if the server refuses the token
     */
    public CompletableFuture<Void> connect() {
        synchronized (lock) {
            if (session == null) {
                throw new IllegalStateException("log in first (login, register or use)");
            }
            if (closed) {
                throw new IllegalStateException("the client is closed");
            }
            if (!started) {
                started = true;
                open();
            }
            return firstConnect.copy();
        }
    }

    /** @return true while an authenticated socket is up */
    public boolean isConnected() {
        return ready;
    }

    /** @return where the socket is (or is being) connected, or null */
    public Endpoint endpoint() {
        synchronized (lock) {
            return current;
        }
    }

    /**
     * A private message: over the socket while it is up, else {@code /push/push}.
     *
     * @param toUserId recipient
     * @param text     the message (at most 4096 characters)
     * @return how it was sent; fails when the HTTP fallback was refused
     */
    public CompletableFuture<SendResult> sendPrivate(long toUserId, String text) {
        Session s = requireSession();
        return send(Frames.send(Ops.SINGLE, toUserId, text), () -> api.push(s.token(), toUserId, text));
    }

    /**
     * A message to a group this user is a member of: over the socket while it is up (a refusal, e.g. muted,
     * comes to {@link ChatListener#onError}), else {@code /group/send} (a refusal fails the future).
     *
     * @param groupId the group
     * @param text    the message (at most 4096 characters)
     * @return how it was sent
     */
    public CompletableFuture<SendResult> sendGroup(long groupId, String text) {
        Session s = requireSession();
        return send(Frames.sendGroup(groupId, text), () -> api.sendGroup(s.token(), groupId, text));
    }

    /**
     * A message to this client's room: over the socket while it is up, else {@code /push/pushRoom}.
     *
     * @param text the message
     * @return how it was sent
     */
    public CompletableFuture<SendResult> sendRoom(String text) {
        Session s = requireSession();
        if (roomId <= 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("this client joined no room"));
        }
        return send(Frames.send(Ops.ROOM, 0, text), () -> api.pushRoom(s.token(), roomId, text));
    }

    /** @return done when asked; the count comes to {@link ChatListener#onRoomCount} */
    public CompletableFuture<Void> requestRoomCount() {
        return api.requestCount(requireSession().token(), roomId);
    }

    /** @return done when asked; the members come to {@link ChatListener#onRoomInfo} */
    public CompletableFuture<Void> requestRoomInfo() {
        return api.requestRoomInfo(requireSession().token(), roomId);
    }

    /** @return counters since the client was built */
    public ClientStats stats() {
        return new ClientStats(delivered.get(), duplicates.get(), connects.get(), sentSocket.get(), sentHttp.get(),
                caughtUp.get(), syncs.get());
    }

    /** Closes the socket and the client's threads; no reconnect, no more callbacks. */
    @Override
    public void close() {
        Channel ch;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ready = false;
            ch = channel;
            channel = null;
        }
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        firstConnect.completeExceptionally(new IllegalStateException("closed"));
        connector.close();
        events.shutdown();
    }

    // ---- connection life ------------------------------------------------------------------------------

    private Session requireSession() {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("log in first (login, register or use)");
        }
        return s;
    }

    /** Starts one connection attempt to the next endpoint. Called with the lock held. */
    private void open() {
        Endpoint endpoint = endpoints.get(nextEndpoint % endpoints.size());
        current = endpoint;
        ChannelFuture future = connector.connect(endpoint, new Callbacks(endpoint));
        channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                String reason = f.cause() == null ? "connect failed" : f.cause().getMessage();
                dropped(future.channel(), endpoint, "cannot connect: " + reason);
            }
        });
    }

    private final class Callbacks implements SocketConnector.Callbacks {
        private final Endpoint endpoint;

        Callbacks(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void opened(Channel ch) {
            Session s = session;
            synchronized (lock) {
                if (closed || ch != channel) {
                    ch.close();
                    return;
                }
            }
            swallowProbeAnswer = false;
            ch.write(Frames.auth(endpoint.isTcp(), s.token(), roomId, acks));
            ch.writeAndFlush(Frames.probe());
        }

        @Override
        public void text(Channel ch, String text) {
            if (ch != channel) {
                return;
            }
            JsonNode node;
            try {
                node = Frames.JSON.readTree(text);
            } catch (IOException e) {
                log.debug("{} sent a frame that is not JSON: {}", endpoint, text);
                return;
            }
            if (node.path("op").asInt() == Ops.JOINED) {
                if (!ready) {
                    swallowProbeAnswer = true;   // the probe sent for older servers is answered after this
                    authenticated(ch, endpoint);
                }
                return;
            }
            if (!node.has("op") && swallowProbeAnswer
                    && node.path("msg").asText("").equals(Frames.PROBE_ANSWER_AUTHENTICATED)) {
                swallowProbeAnswer = false;
                return;
            }
            if (!ready && !node.has("op")) {
                String msg = node.path("msg").asText("");
                if (msg.equals(Frames.PROBE_ANSWER_AUTHENTICATED)) {
                    authenticated(ch, endpoint);
                    return;
                }
                if (msg.equals(Frames.PROBE_ANSWER_PENDING)) {
                    ch.eventLoop().schedule(() -> {
                        if (ch.isActive()) {
                            ch.writeAndFlush(Frames.probe());
                        }
                    }, 20, TimeUnit.MILLISECONDS);
                    return;
                }
            }
            if (!node.has("op") && isSessionEnd(node)) {
                sessionEnded(new ServerError(node.path("code").asInt(), node.path("msg").asText()));
                return;
            }
            dispatch(ch, () -> handle(node, text));
        }

        @Override
        public void closed(Channel ch, String reason) {
            dropped(ch, endpoint, reason);
        }
    }

    /** A refused token (never good, expired, or logged out): reconnecting cannot help. */
    private static boolean isSessionEnd(JsonNode error) {
        int code = error.path("code").asInt();
        String msg = error.path("msg").asText("");
        return code == ServerError.SESSION_ERROR || msg.equals("invalid token") || msg.equals("authToken missing");
    }

    private void authenticated(Channel ch, Endpoint endpoint) {
        boolean reconnect;
        synchronized (lock) {
            if (ch != channel || closed) {
                return;
            }
            ready = true;
            attempt = 0;
            reconnect = connects.incrementAndGet() > 1;
        }
        log.debug("connected to {} as {}", endpoint, session);
        post(() -> callback(() -> listener.onConnected(endpoint)));
        firstConnect.complete(null);
        if (reconnect) {
            catchUp();
        }
    }

    private void sessionEnded(ServerError error) {
        synchronized (lock) {
            if (sessionEnded) {
                return;
            }
            sessionEnded = true;
        }
        log.info("session of {} ended: {}", session, error.message());
        firstConnect.completeExceptionally(new GochatApiException(error.code(), error.message()));
        post(() -> callback(() -> listener.onSessionEnded(error)));
    }

    /** The connection {@code ch} is gone (or never came up): report it once and plan the next attempt. */
    private void dropped(Channel ch, Endpoint endpoint, String reason) {
        boolean wasUp;
        long delay;
        synchronized (lock) {
            if (ch != channel) {
                return;
            }
            channel = null;
            wasUp = ready;
            ready = false;
            if (closed || sessionEnded) {
                return;
            }
            nextEndpoint++;
            delay = backoff.delayMillis(attempt++);
            connector.group().schedule(this::reopen, delay, TimeUnit.MILLISECONDS);
        }
        log.debug("{}: {}; next attempt in {} ms", endpoint, reason, delay);
        if (wasUp) {
            post(() -> callback(() -> listener.onDisconnected(endpoint, reason)));
        }
    }

    private void reopen() {
        synchronized (lock) {
            if (!closed && !sessionEnded && channel == null) {
                open();
            }
        }
    }

    // ---- frames to the listener -----------------------------------------------------------------------

    /** Queues work for the event thread; a listener far behind pauses the socket's reads until it catches up. */
    private void dispatch(Channel ch, Runnable work) {
        if (pending.incrementAndGet() >= PAUSE_READS_AT && ch.config().isAutoRead()) {
            log.debug("listener is {} frames behind: pausing reads", PAUSE_READS_AT);
            ch.config().setAutoRead(false);
        }
        try {
            events.execute(() -> {
                try {
                    work.run();
                } finally {
                    if (pending.decrementAndGet() <= RESUME_READS_AT) {
                        Channel c = channel;
                        if (c != null && !c.config().isAutoRead()) {
                            c.config().setAutoRead(true);
                        }
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();   // closed meanwhile
        }
    }

    private void handle(JsonNode node, String text) {
        if (!node.has("op")) {
            ServerError error = new ServerError(node.path("code").asInt(1), node.path("msg").asText(""));
            callback(() -> listener.onError(error));
            return;
        }
        switch (node.path("op").asInt()) {
            case Ops.SINGLE, Ops.ROOM -> deliver(Frames.message(node));
            case Ops.ROOM_COUNT -> callback(() -> listener.onRoomCount(new RoomCount(node.path("count").asInt())));
            case Ops.ROOM_INFO -> callback(() -> listener.onRoomInfo(Frames.roomInfo(node)));
            case Ops.GROUP -> {
                if (fresh(node)) {
                    callback(() -> listener.onGroupMessage(Frames.groupMessage(node)));
                    track(SeqGaps.group(node.path("groupId").asLong()), node.path("seq").asLong());
                }
            }
            case Ops.GROUP_EVENT -> {
                if (fresh(node)) {
                    callback(() -> listener.onGroupEvent(Frames.groupEvent(node, text)));
                    if (node.has("seq")) {   // events of the group's history are numbered; a user's notices are not
                        track(SeqGaps.group(node.path("groupId").asLong()), node.path("seq").asLong());
                    }
                }
            }
            default -> {
                int op = node.path("op").asInt();
                if (op >= Ops.CONTACTS_FIRST && op <= Ops.CONTACTS_LAST) {
                    ContactNotice notice = new ContactNotice(op, node.path("noticeId").asText(""),
                            node.path("serverTime").asLong(), text);
                    callback(() -> listener.onContactNotice(notice));
                } else {
                    callback(() -> listener.onUnknownFrame(text));
                }
            }
        }
    }

    /** Event thread: false for a group frame seen before (same msgId). */
    private boolean fresh(JsonNode node) {
        long id = node.path("msgId").asLong();
        if (id > 0 && !seen.add(id)) {
            duplicates.incrementAndGet();
            return false;
        }
        delivered.incrementAndGet();
        return true;
    }

    /** Event thread: drop a duplicate, else hand the message over and (private to me) ack it. */
    private void deliver(Message m) {
        boolean mine = m.isPrivate() && session != null && m.toUserId() == session.userId();
        if (m.msgId() > 0 && !seen.add(m.msgId())) {
            duplicates.incrementAndGet();
            if (mine) {
                ack(m.msgId());   // it came again, so the server has no ack for it yet
            }
            return;
        }
        delivered.incrementAndGet();
        if (m.isPrivate()) {
            lastPrivateId = Math.max(lastPrivateId, mine ? m.msgId() : 0);
            if (callback(() -> listener.onPrivateMessage(m)) && mine) {
                ack(m.msgId());
            }
        } else {
            lastRoomId = Math.max(lastRoomId, m.msgId());
            callback(() -> listener.onRoomMessage(m));
        }
        track(m.conversation(), m.seq());
    }

    /**
     * Event thread: a conversation's number jumped (a message in between is missing, or still on its way from
     * another logic server): fetch what follows the last number the client has in full. Messages that come twice
     * (live and synced) are dropped by {@code msgId}.
     */
    private void track(String conversation, long seq) {
        if (gaps.observe(conversation, seq) == SeqGaps.Seen.GAP && ready) {
            sync(conversation, 0, 0);
        }
    }

    /** Event thread: pages through {@code /message/sync} after what the client has of {@code conversation}. */
    private void sync(String conversation, long after, int tries) {
        if (tries == 0 && after == 0 && syncing.containsKey(conversation)) {
            syncing.put(conversation, true);   // once more when the one on its way is done
            return;
        }
        syncing.putIfAbsent(conversation, false);
        Session s = session;
        long from = Math.max(after, gaps.contiguous(conversation));
        api.sync(s.token(), conversation, from, CATCH_UP_PAGE).whenComplete((page, error) -> post(() -> {
            if (error != null) {
                if (tries + 1 < SYNC_TRIES && !closed) {
                    log.debug("sync of {} failed ({}); trying again", conversation, error.toString());
                    try {
                        connector.group().schedule(() -> post(() -> sync(conversation, after, tries + 1)),
                                Math.min(SYNC_RETRY_MS << tries, SYNC_RETRY_MAX_MS), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                        syncing.remove(conversation);
                    }
                } else {
                    log.info("sync of {} failed, giving up until the next gap or reconnect: {}", conversation,
                            error.toString());
                    syncing.remove(conversation);
                }
                return;
            }
            caughtUp.addAndGet(page.frames().size());
            syncs.incrementAndGet();
            long last = from;
            for (JsonNode f : page.frames()) {
                handle(f, f.toString());   // dropped by msgId when already here; fills the numbers
                last = Math.max(last, f.path("seq").asLong());
            }
            if (page.hasMore() && last > from) {
                sync(conversation, last, 1);
                return;
            }
            gaps.syncedUpTo(conversation, page.lastSeq());   // the last page holds everything up to lastSeq
            boolean again = Boolean.TRUE.equals(syncing.remove(conversation));
            if (again && gaps.hasGap(conversation)) {
                sync(conversation, 0, 0);
            }
        }));
    }

    private void ack(long msgId) {
        if (!acks) {
            return;
        }
        Channel c = ready ? channel : null;
        if (c != null) {
            c.writeAndFlush(Frames.ack(msgId));
        }   // else: it is sent again on the next connect, dropped as a duplicate and acked then
    }

    /** Runs a listener callback; a listener that throws is logged, and its message is not acked. */
    private boolean callback(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("gochat listener failed: {}", e.toString(), e);
            return false;
        }
    }

    /** After a reconnect: what the server may not send again by itself, read over HTTP. */
    private void catchUp() {
        post(() -> {
            Session s = session;
            catchUpPrivate(s, lastPrivateId, 0);
            for (String conversation : gaps.conversations()) {
                sync(conversation, 0, 0);   // what each numbered conversation missed while the socket was down
            }
            if (roomId > 0 && lastRoomId > 0 && gaps.contiguous(SeqGaps.room(roomId)) == 0) {   // a server before #17
                api.roomHistory(s.token(), roomId, CATCH_UP_PAGE, 0).whenComplete((page, error) -> {
                    if (error != null) {
                        log.debug("room catch-up failed: {}", error.toString());
                    } else {
                        deliverLater(page);
                    }
                });
            }
        });
    }

    private void catchUpPrivate(Session s, long sinceId, int pages) {
        api.since(s.token(), sinceId, CATCH_UP_PAGE).whenComplete((page, error) -> {
            if (error != null) {
                log.debug("private catch-up failed: {}", error.toString());
                return;
            }
            deliverLater(page);
            if (page.size() == CATCH_UP_PAGE && pages + 1 < CATCH_UP_MAX_PAGES) {
                catchUpPrivate(s, page.get(page.size() - 1).msgId(), pages + 1);
            }
        });
    }

    private void deliverLater(List<Message> page) {
        caughtUp.addAndGet(page.size());
        post(() -> page.forEach(this::deliver));
    }

    /** Runs on the event thread, unless the client was closed meanwhile. */
    private void post(Runnable work) {
        try {
            events.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            log.debug("client closed: event dropped");
        }
    }

    // ---- sending --------------------------------------------------------------------------------------

    private CompletableFuture<SendResult> send(String frame, Supplier<CompletableFuture<String>> overHttp) {
        Channel c = sendOverSocket && ready ? channel : null;
        if (c == null || !c.isActive()) {
            return viaHttp(overHttp);
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        c.writeAndFlush(frame).addListener(w -> {
            if (w.isSuccess()) {
                sentSocket.incrementAndGet();
                result.complete(new SendResult(SendResult.Via.SOCKET, "sent"));
            } else {
                viaHttp(overHttp).whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
            }
        });
        return result;
    }

    private CompletableFuture<SendResult> viaHttp(Supplier<CompletableFuture<String>> overHttp) {
        return overHttp.get().thenApply(answer -> {
            sentHttp.incrementAndGet();
            return new SendResult(SendResult.Via.HTTP, answer);
        });
    }

    /** Settings of a {@link GochatClient}. */
    public static final class Builder {
        private URI api;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private long roomId;
        private boolean acks = true;
        private boolean sendOverSocket = true;
        private ChatListener listener = new ChatListener() { };
        private Duration minDelay = Duration.ofMillis(200);
        private Duration maxDelay = Duration.ofSeconds(15);
        private Duration heartbeat = Duration.ofSeconds(25);
        private Duration timeout = Duration.ofSeconds(10);
        private int dedupWindow = 10_000;

        private Builder() {
        }

        /**
         * @param url the HTTP API, e.g. {@code http://127.0.0.1:7070}
         * @return this
         */
        public Builder api(String url) {
            this.api = URI.create(url);
            return this;
        }

        /**
         * @param endpoint a connect server: {@code ws://host:7000/ws} or {@code tcp://host:7001}; add several
         *                 and the client moves to the next when one fails
         * @return this
         */
        public Builder endpoint(String endpoint) {
            return endpoint(Endpoint.of(endpoint));
        }

        /**
         * @param endpoint a connect server
         * @return this
         */
        public Builder endpoint(Endpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint));
            return this;
        }

        /**
         * @param roomId the room to join (0 = none: private messages only)
         * @return this
         */
        public Builder room(long roomId) {
            if (roomId < 0) {
                throw new IllegalArgumentException("roomId must be >= 0");
            }
            this.roomId = roomId;
            return this;
        }

        /**
         * @param listener receives every server frame
         * @return this
         */
        public Builder listener(ChatListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * @param acks false to behave as gochat's own clients (no op-7 acks; unacked messages come once more
         *             on the next connect and then count as delivered). Default true.
         * @return this
         */
        public Builder acks(boolean acks) {
            this.acks = acks;
            return this;
        }

        /**
         * @param socket false to send every message over HTTP, whose answer says it was stored. Default true.
         * @return this
         */
        public Builder sendOverSocket(boolean socket) {
            this.sendOverSocket = socket;
            return this;
        }

        /**
         * @param min first reconnect delay (each failure doubles it, with jitter)
         * @param max longest reconnect delay
         * @return this
         */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.minDelay = min;
            this.maxDelay = max;
            return this;
        }

        /**
         * @param heartbeat a heartbeat is sent after this long without writing (default 25 s; the server closes
         *                  silent WebSocket clients after connect.idle.timeout, 60 s)
         * @return this
         */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /**
         * @param timeout connect, handshake and HTTP request timeout (default 10 s)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @param ids how many recent message ids are remembered to drop duplicates (default 10,000)
         * @return this
         */
        public Builder dedupWindow(int ids) {
            this.dedupWindow = ids;
            return this;
        }

        /** @return the client (not yet logged in or connected) */
        public GochatClient build() {
            if (api == null) {
                throw new IllegalStateException("api(url) is required");
            }
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("at least one endpoint(url) is required");
            }
            return new GochatClient(this);
        }
    }
}
