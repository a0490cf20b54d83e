package io.gochat.connect.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.session.HeartbeatDue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: busy receivers are not idle. Idle timeout 1 s, heartbeat at 0.9 s, on an EmbeddedChannel whose
 * writes always leave at once (a client that reads everything we send).
 */
class IdleGuardTest {
    final ConnectMetrics metrics = new ConnectMetrics();
    int pings;
    final EmbeddedChannel ch = new EmbeddedChannel(
            new IdleGuard(Duration.ofMillis(900), Duration.ofSeconds(1), metrics),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt == HeartbeatDue.INSTANCE) {
                        pings++;
                        ctx.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
                    }
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                }
            });

    {
        ch.freezeTime();   // only advanceTimeBy moves the clock
    }

    /** Lets {@code millis} of time pass in steps of 100 ms, writing a message to the client at each step if asked. */
    void pass(long millis, boolean flood) {
        for (long t = 0; t < millis; t += 100) {
            if (flood && ch.isOpen()) {
                ch.writeOutbound(Unpooled.copiedBuffer("{\"op\":3,\"msg\":\"flood\"}", StandardCharsets.UTF_8));
            }
            ch.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
            drainOutbound();
        }
    }

    void drainOutbound() {
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ReferenceCountUtil.release(o);
        }
    }

    void clientSendsSomething() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x8A, 0}));   // a pong, as bytes
    }

    @Test
    void aSilentClientIsPingedThenClosedAfterTheIdleTimeoutAndCounted() {
        pass(900, false);
        assertEquals(1, pings);
        assertTrue(ch.isActive(), "our own ping does not keep it open");
        pass(200, false);
        assertFalse(ch.isActive());
        assertEquals(1, ConnectMetrics.count(metrics.idleTimeouts));
        assertEquals(0, ConnectMetrics.count(metrics.closedSlowReader));
    }

    @Test
    void aClientThatAnswersItsHeartbeatsStaysOpen() {
        for (int i = 0; i < 10; i++) {
            pass(900, false);
            clientSendsSomething();
        }
        assertTrue(ch.isActive());
        assertEquals(0, ConnectMetrics.count(metrics.idleTimeouts));
    }

    @Test
    void aReceiverReadingAFloodIsNotClosedWhileItsPongIsQueuedBehindTheFlood() {
        for (int i = 0; i < 5; i++) {
            pass(2500, true);   // the pong takes 1.6 s longer than the idle timeout to come through
            assertTrue(ch.isActive(), "round " + i);
            clientSendsSomething();
        }
        assertEquals(0, ConnectMetrics.count(metrics.idleTimeouts));
        assertEquals(0, ConnectMetrics.count(metrics.closedSlowReader));
    }

    @Test
    void aReceiverSilentForThreeTimesTheIdleTimeoutIsClosedAsASlowReaderEvenWhileTakingWrites() {
        pass(2900, true);
        assertTrue(ch.isActive());
        pass(300, true);
        assertFalse(ch.isActive());
        assertEquals(1, ConnectMetrics.count(metrics.closedSlowReader));
        assertEquals(0, ConnectMetrics.count(metrics.idleTimeouts));
    }

    @Test
    void onceTheFloodStopsASilentClientIsClosedOneIdleTimeoutAfterTheLastWriteLeft() {
        pass(1500, true);   // the last write leaves at 1.4 s
        assertTrue(ch.isActive());
        pass(800, false);
        assertTrue(ch.isActive());
        pass(200, false);
        assertFalse(ch.isActive());
        assertEquals(1, ConnectMetrics.count(metrics.idleTimeouts));
    }

    @Test
    void withoutAnIdleTimeoutTheClientIsOnlyPinged() {
        EmbeddedChannel tcp = new EmbeddedChannel(new IdleGuard(Duration.ofMillis(900), Duration.ZERO, metrics));
        tcp.freezeTime();
        for (int i = 0; i < 50; i++) {
            tcp.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            tcp.runScheduledPendingTasks();
        }
        assertTrue(tcp.isActive());
        tcp.finishAndReleaseAll();
    }
}
