package io.gochat.connect.transport;

import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.session.HeartbeatDue;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats and idleness of one connection. After {@code heartbeat} of silence from the client the session
 * is asked to ping it ({@link HeartbeatDue}, again after each further {@code heartbeat}). It closes a connection whose client has sent nothing (no frame, ack, pong, not a byte) for {@code idle}, but
 * not one that is busy receiving: while our writes to it keep leaving the outbound buffer within
 * {@code idle}, its pong may simply be queued behind the flood we are sending it, so it gets up to
 * {@value #MAX_SILENCE_FACTOR} times {@code idle} of silence. A client that neither sends nor takes
 * our writes is closed after {@code idle} ({@code gochat_connect_idle_closes_total}); one still taking
 * writes but silent beyond the longer bound is closed as a slow reader
 * ({@code gochat_connect_slow_reader_total{action="close"}}). Our own pings do not count as progress, so a
 * dead peer whose socket still accepts them is closed on time. {@code idle} zero: never closed for silence
 * (gochat's TCP clients send nothing after joining).
 */
public final class IdleGuard extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(IdleGuard.class);
    /** How much longer than {@code idle} a receiving client may stay silent. */
    public static final int MAX_SILENCE_FACTOR = 3;

    private final long heartbeatNanos;
    private final long idleNanos;
    private final long maxSilenceNanos;
    private final ConnectMetrics metrics;
    private long lastRead;
    /** When a write we watched last left the outbound buffer (taken by the socket). */
    private long lastProgress = Long.MIN_VALUE / 2;
    /** One write at a time carries a listener, and only while earlier writes are still queued: they complete in order. */
    private boolean watching;
    /** True while the session writes a heartbeat (on this event loop): that write is not progress. */
    private boolean pinging;
    private long nextHeartbeat;
    private ScheduledFuture<?> check;

    public IdleGuard(Duration heartbeat, Duration idle, ConnectMetrics metrics) {
        this.heartbeatNanos = heartbeat.toNanos();
        this.idleNanos = idle.toNanos();
        this.maxSilenceNanos = idleNanos * MAX_SILENCE_FACTOR;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            lastRead = now(ctx);
            nextHeartbeat = lastRead + heartbeatNanos;
            schedule(ctx, heartbeatNanos);
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastRead = now(ctx);
        nextHeartbeat = lastRead + heartbeatNanos;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (pinging) {
            ctx.write(msg, promise);
            return;
        }
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (pending == null || pending.totalPendingWriteBytes() == 0) {
            // everything written before has left: that is progress, known without a listener on this write
            // (a fan-out writes one message per flush to each member; a promise and a listener per delivery
            // were ~8 % of the bytes allocated on that path)
            lastProgress = now(ctx);
            ctx.write(msg, promise);
            return;
        }
        if (!watching) {
            watching = true;
            ChannelPromise watched = promise.unvoid();
            watched.addListener(f -> {
                watching = false;
                if (f.isSuccess()) {
                    lastProgress = now(ctx);
                }
            });
            ctx.write(msg, watched);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> check(ctx), Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = now(ctx);
        if (idleNanos > 0 && idle(ctx, now)) {
            return;
        }
        if (now - nextHeartbeat >= 0) {
            nextHeartbeat = now + heartbeatNanos;
            pinging = true;
            try {
                ctx.fireUserEventTriggered(HeartbeatDue.INSTANCE);
            } finally {
                pinging = false;
            }
        }
        long next = nextHeartbeat - now;
        if (idleNanos > 0) {
            next = Math.min(next, idleDueIn(now));
        }
        schedule(ctx, next);
    }

    /** Closes the connection if it is idle now; true if it did. */
    private boolean idle(ChannelHandlerContext ctx, long now) {
        long silent = now - lastRead;
        long sinceProgress = now - lastProgress;
        if (silent < idleNanos || (sinceProgress < idleNanos && silent < maxSilenceNanos)) {
            return false;
        }
        close(ctx, sinceProgress < idleNanos, silent);
        return true;
    }

    /** Time until {@link #idle} should look again. */
    private long idleDueIn(long now) {
        long silent = now - lastRead;
        if (silent < idleNanos) {
            return idleNanos - silent;
        }
        return Math.min(idleNanos - (now - lastProgress), maxSilenceNanos - silent);
    }

    private void close(ChannelHandlerContext ctx, boolean stillReceiving, long silentNanos) {
        if (stillReceiving) {
            metrics.closedSlowReader.increment();
            log.info("closing {}: still receiving but silent for {} ms (its pong is too far behind)",
                    ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(silentNanos));
        } else {
            metrics.idleTimeouts.increment();
            log.debug("closing {}: idle for {} ms", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(silentNanos));
        }
        ctx.close();
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
