package io.gochat.connect.session;

import io.gochat.core.json.Json;
import io.gochat.protocol.Ops;
import io.gochat.protocol.TcpFrames;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.SessionTokens;
import io.gochat.connect.room.Member;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.gochat.connect.security.IpConnectionLimit;
import io.gochat.core.ratelimit.KeyedLimiter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's life, WS or TCP alike (the transport handlers turn frames into text): authenticate
 * once within the deadline, join the user's bucket and room, forward messages to logic, leave on close.
 * All state is touched on the channel's event loop only; logic answers are handed back to it.
 */
public final class SessionHandler extends SimpleChannelInboundHandler<String> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private enum State { NEW, PENDING, AUTHENTICATED, CLOSED }

    /**
     * Frames decoded from what was already read when authentication started (a client may write its auth
     * frame and its first messages in one segment). Reading stops while authentication is pending, so
     * this holds at most what one read brought; beyond this many the client is refused.
     */
    static final int MAX_HELD_FRAMES = 256;

    private final SessionContext shared;
    private State state = State.NEW;
    private Member member;
    private boolean clientSendsAcks;
    private boolean clientWantsJoined;
    private ScheduledFuture<?> authDeadline;
    private ScheduledFuture<?> expiry;
    private long authStartedAt;
    /** Unacknowledged messages still to send, written only while the channel is writable. */
    private Deque<String> replay;
    private long replayLastId;
    /** This connection's id once it sent its auth frame (0 before). */
    private long connectionId;
    /** Frames that arrived while authentication was pending, processed in order once it succeeds. */
    private Deque<Held> held;

    public SessionHandler(SessionContext shared) {
        this.shared = shared;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        shared.metrics().opened();
        shared.metrics().accepted.increment();
        shared.allChannels().add(ctx.channel());
        authDeadline = ctx.executor().schedule(() -> authTimedOut(ctx),
                shared.settings().authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        shared.metrics().closed();
        cancelAuthDeadline();
        if (expiry != null) {
            expiry.cancel(false);
        }
        replay = null;
        held = null;
        if (connectionId != 0) {
            shared.connectionIds().end(connectionId);   // a reconcile may remove what logic recorded of it
        }
        if (member != null) {
            shared.buckets().leave(member);
            shared.buckets().groups().connectionClosed(member.userId());
            shared.logic().disconnect(member.userId(), member.roomId(), member.connectionId());
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String text) {
        shared.metrics().framesIn.increment();
        if (TcpFrames.isHeartbeat(text) || state == State.CLOSED) {
            return;
        }
        ClientFrame frame;
        try {
            frame = ClientFrame.parse(text);
        } catch (IOException e) {
            shared.metrics().badFrames.increment();
            refuseAndClose(ctx, "bad frame: not a JSON object");
            return;
        }
        switch (state) {
            case NEW -> {
                if (frame.isAuth()) {
                    authenticate(ctx, frame);
                } else {
                    refuseAndClose(ctx, "authenticate first");
                }
            }
            case PENDING -> hold(ctx, frame, text);
            case AUTHENTICATED -> dispatch(ctx, frame, text);
            default -> { }
        }
    }

    /** The op 8 frame: authenticated and in the room (only to clients that asked for it). */
    record Joined(int op, long roomId, long userId, String userName) {
    }

    /** A frame held while authentication completes, with its text (the messages ops parse their own fields). */
    private record Held(ClientFrame frame, String text) {
    }

    /** Keeps a frame that came with or right after the auth frame, to process once authentication completes. */
    private void hold(ChannelHandlerContext ctx, ClientFrame frame, String text) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        if (held.size() >= MAX_HELD_FRAMES) {
            held = null;
            refuseAndClose(ctx, "too many frames before authentication completed");
            return;
        }
        held.add(new Held(frame, text));
    }

    /** Frames held during authentication, in the order they came; then reading resumes. */
    private void processHeld(ChannelHandlerContext ctx) {
        Deque<Held> frames = held;
        held = null;
        if (frames != null) {
            while (!frames.isEmpty() && state == State.AUTHENTICATED && ctx.channel().isActive()) {
                Held next = frames.poll();
                dispatch(ctx, next.frame(), next.text());
            }
        }
        ctx.channel().config().setAutoRead(true);
    }

    /** A frame of an authenticated connection. */
    private void dispatch(ChannelHandlerContext ctx, ClientFrame frame, String text) {
        if (frame.isAuth()) {
            ctx.writeAndFlush(ErrorReply.json("already authenticated"));
        } else if (frame.isMessage()) {
            long wait = shared.guards().framesPerIp().tryAcquire(IpConnectionLimit.ip(ctx));
            if (wait > 0) {
                ctx.writeAndFlush(ErrorReply.json(KeyedLimiter.tooMany(wait)));
            } else {
                forward(ctx, frame);
            }
        } else if (frame.isAck()) {
            ack(ctx, frame);
        } else if (frame.op() != null && Ops.isMessagesOp(frame.op()) && shared.messages() != null) {
            messagesFrame(ctx, frame.op(), text);
        } else {
            ctx.writeAndFlush(ErrorReply.json("unknown op " + frame.op()));
        }
    }

    /** Ops 40–59 (typed messages, recall, typing, read); sends are limited per IP like ops 2 and 3. */
    private void messagesFrame(ChannelHandlerContext ctx, int op, String text) {
        if (op == Ops.TYPED_MESSAGE) {
            long wait = shared.guards().framesPerIp().tryAcquire(IpConnectionLimit.ip(ctx));
            if (wait > 0) {
                ctx.writeAndFlush(ErrorReply.json(KeyedLimiter.tooMany(wait)));
                return;
            }
        }
        shared.messages().handle(ctx, member, op, text);
    }

    private void authenticate(ChannelHandlerContext ctx, ClientFrame frame) {
        if (frame.authToken() == null || frame.authToken().isBlank()) {
            refuseAndClose(ctx, "authToken missing");
            return;
        }
        long roomId = frame.roomOrZero();
        if (roomId < 0) {
            refuseAndClose(ctx, "bad roomId");
            return;
        }
        state = State.PENDING;
        ctx.channel().config().setAutoRead(false);   // what comes next waits until we know who this is
        authStartedAt = System.nanoTime();
        clientSendsAcks = frame.sendsAcks();
        clientWantsJoined = frame.wantsJoined();
        long connectionId = shared.connectionIds().begin();
        this.connectionId = connectionId;
        int tokenHash = SessionTokens.hash(frame.authToken());
        shared.logic().connect(frame.authToken(), roomId, connectionId).whenComplete((session, error) ->
                ctx.channel().eventLoop().execute(() -> authAnswered(ctx, session, error, roomId, connectionId, tokenHash)));
    }

    private void authAnswered(ChannelHandlerContext ctx, SessionInfo session, Throwable error, long roomId,
                              long connectionId, int tokenHash) {
        if (state == State.CLOSED) {
            if (error != null) {
                shared.connectionIds().endInDoubt(connectionId);
            }
            if (session != null) {   // logic recorded a connection that is already gone
                shared.logic().disconnect(session.userId(), roomId, connectionId);
            }
            return;
        }
        if (error != null) {
            shared.connectionIds().endInDoubt(connectionId);   // logic may record it late: reconciled away
            shared.logic().logicFailed("connect", error);
            refuseAndClose(ctx, "authentication unavailable, try again later");
            return;
        }
        if (session == null) {
            shared.metrics().authRefused.increment();
            refuseAndClose(ctx, "invalid token");
            return;
        }
        // ended while the answer travelled (logout, password change, deleted user), or already expired
        String ended = shared.guards().revocations().reason(session.userId(), tokenHash, authStartedAt);
        long ttl = session.expiresAt() == 0 ? Long.MAX_VALUE : session.expiresAt() - System.currentTimeMillis();
        if (ended != null || ttl <= 0) {
            shared.logic().disconnect(session.userId(), roomId, connectionId);
            sessionEnded(ctx, ended != null ? ended : "token expired");
            return;
        }
        cancelAuthDeadline();
        member = new Member(ctx.channel(), session.userId(), session.userName(), roomId, connectionId, tokenHash);
        shared.buckets().join(member);
        shared.connectionIds().end(connectionId);
        state = State.AUTHENTICATED;
        if (ttl != Long.MAX_VALUE) {
            expiry = ctx.executor().schedule(() -> sessionEnded(ctx, "token expired"), ttl, TimeUnit.MILLISECONDS);
        }
        DeviceLimit.closeOldest(shared, member);
        shared.metrics().authenticated.increment();
        log.debug("user {} joined room {} (conn {})", session.userId(), roomId, connectionId);
        if (clientWantsJoined) {
            ctx.writeAndFlush(Json.write(new Joined(Ops.JOINED, roomId, session.userId(), session.userName())));
        }
        loadGroups(ctx, session.userId(), 0);
        processHeld(ctx);
        shared.logic().unacked(session.userId()).whenComplete((reply, failure) ->
                ctx.channel().eventLoop().execute(() -> resendUnacked(ctx, reply, failure)));
    }

    /**
     * The user's groups, for this server's group index (group messages reach the user's connections here
     * from then on). Tried again with backoff while logic cannot answer (it is starting, or this server's
     * reference to it is still being made), as long as the connection is open.
     */
    private void loadGroups(ChannelHandlerContext ctx, long userId, int attempt) {
        shared.logic().groupsOf(userId).whenComplete((groups, failure) -> {
            if (failure == null) {
                if (groups != null && !groups.isEmpty()) {
                    shared.buckets().groups().load(userId, groups);
                }
                return;
            }
            shared.logic().logicFailed("groupsOf", failure);
            if (attempt < GROUP_LOAD_RETRIES && ctx.channel().isActive()) {
                ctx.executor().schedule(() -> {
                    if (state == State.AUTHENTICATED) {
                        loadGroups(ctx, userId, attempt + 1);
                    }
                }, 250L << attempt, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Tries of {@link #loadGroups} after the first: 0.25 s, 0.5 s, ... 8 s apart (about 16 s in all). */
    static final int GROUP_LOAD_RETRIES = 6;

    /**
     * Private messages this user has not acknowledged (sent while offline, or lost with a connect server)
     * go to this new connection, oldest first; the client drops the ones it already has by msgId. A client
     * that does not ack (said no {@code "acks":true} when it authenticated, as gochat's own clients) gets
     * them this once: they count as delivered, so it is not sent the same old messages on every connect.
     */
    private void resendUnacked(ChannelHandlerContext ctx, HistoryReply reply, Throwable error) {
        if (state != State.AUTHENTICATED || !ctx.channel().isActive()) {
            return;
        }
        if (error != null) {
            shared.logic().logicFailed("unacked", error);
            return;
        }
        if (reply == null || !reply.ok() || reply.messages().isEmpty()) {
            return;
        }
        replay = new ArrayDeque<>(reply.messages());
        replayLastId = msgIdOf(reply.messages().get(reply.messages().size() - 1));
        continueReplay(ctx);
    }

    /**
     * Writes replayed messages while the channel is writable, then waits for it to drain
     * ({@link #channelWritabilityChanged}): a client that never reads holds at most one write buffer of
     * them, not all 500.
     */
    private void continueReplay(ChannelHandlerContext ctx) {
        Deque<String> left = replay;
        if (left == null || state != State.AUTHENTICATED) {
            return;
        }
        while (!left.isEmpty() && ctx.channel().isWritable()) {
            ctx.write(left.poll());
        }
        ctx.flush();
        if (!left.isEmpty()) {
            return;
        }
        replay = null;
        if (!clientSendsAcks && replayLastId > 0) {
            shared.logic().ack(member.userId(), replayLastId, true);
        }
        log.debug("resent unacknowledged messages up to {} to user {} (conn {})", replayLastId, member.userId(),
                member.connectionId());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            continueReplay(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The session ended (expired, logged out, ...): a 40000 notice, then the close. */
    private void sessionEnded(ChannelHandlerContext ctx, String reason) {
        if (!ctx.channel().isActive()) {
            return;
        }
        log.debug("closing {}: session ended ({})", ctx.channel().remoteAddress(), reason);
        ctx.write(Json.write(new ErrorReply(40000, "Session error: " + reason)));
        Object goodbye = shared.wire().goodbye(reason, false);
        if (goodbye != null) {
            ctx.write(goodbye);
        }
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private static long msgIdOf(String body) {
        try {
            return Json.MAPPER.readTree(body).path("msgId").asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {"op":7,"msgId":N} acknowledges one message, {"op":7,"upToId":N} every one up to N. */
    private void ack(ChannelHandlerContext ctx, ClientFrame frame) {
        boolean upTo = frame.upToId() != null;
        Long id = upTo ? frame.upToId() : frame.msgId();
        if (id == null || id <= 0) {
            ctx.writeAndFlush(ErrorReply.json("msgId or upToId missing"));
            return;
        }
        shared.logic().ack(member.userId(), id, upTo);
    }

    private void forward(ChannelHandlerContext ctx, ClientFrame frame) {
        if (frame.msg() == null || frame.msg().isBlank()) {
            ctx.writeAndFlush(ErrorReply.json("msg is empty"));
            return;
        }
        if (frame.op() == Ops.GROUP) {
            long groupId = frame.groupId() == null ? 0 : frame.groupId();
            if (groupId <= 0) {
                ctx.writeAndFlush(ErrorReply.json("groupId missing"));
                return;
            }
            shared.logic().sendToGroup(member, groupId, frame.msg(), frame.clientMsgId()).whenComplete((reply, error) ->
                    ctx.channel().eventLoop().execute(() -> pushAnswered(ctx, reply, error)));
            return;
        }
        long to = frame.toUserId() == null ? 0 : frame.toUserId();
        if (frame.op() == Ops.SINGLE && to <= 0) {
            ctx.writeAndFlush(ErrorReply.json("toUserId missing"));
            return;
        }
        shared.logic().push(member, frame.op(), frame.op() == Ops.SINGLE ? to : 0, frame.msg(), frame.clientMsgId())
                .whenComplete((reply, error) -> ctx.channel().eventLoop().execute(() -> pushAnswered(ctx, reply, error)));
    }

    private void pushAnswered(ChannelHandlerContext ctx, PushReply reply, Throwable error) {
        if (error != null) {
            shared.logic().logicFailed("push", error);
            ctx.writeAndFlush(ErrorReply.json("message not sent, try again later"));
        } else if (reply == null || !reply.ok()) {
            ctx.writeAndFlush(ErrorReply.json(reply == null ? "message refused" : reply.message()));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == HeartbeatDue.INSTANCE) {
            if (state == State.AUTHENTICATED) {
                ctx.writeAndFlush(shared.wire().heartbeat());
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException || cause instanceof TooLongFrameException) {
            shared.metrics().badFrames.increment();
            String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
            log.info("closing {}: bad frame ({})", ctx.channel().remoteAddress(), reason);
            refuseAndClose(ctx, "bad frame: " + reason, cause instanceof TooLongFrameException);
        } else if (cause instanceof IOException) {
            log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            log.warn("closing {}: unexpected {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void authTimedOut(ChannelHandlerContext ctx) {
        if (state == State.NEW || state == State.PENDING) {
            shared.metrics().authTimeouts.increment();
            log.debug("closing {}: not authenticated within {}", ctx.channel().remoteAddress(),
                    shared.settings().authTimeout());
            refuseAndClose(ctx, "authentication timeout");
        }
    }

    private void refuseAndClose(ChannelHandlerContext ctx, String reason) {
        refuseAndClose(ctx, reason, false);
    }

    /** Error frame, then (WS) a close frame, then the TCP close. */
    private void refuseAndClose(ChannelHandlerContext ctx, String reason, boolean tooBig) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.write(ErrorReply.json(reason));
        Object goodbye = shared.wire().goodbye(reason, tooBig);
        if (goodbye != null) {
            ctx.write(goodbye);
        }
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelAuthDeadline() {
        if (authDeadline != null) {
            authDeadline.cancel(false);
            authDeadline = null;
        }
    }
}
