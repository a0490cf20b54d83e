package io.gochat.connect.session;

import io.gochat.connect.transport.Transport;
import io.gochat.connect.ConnectConfigKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.protocol.TcpFrameDecoder;
import io.gochat.protocol.TcpFrameEncoder;
import io.gochat.protocol.TcpFrames;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.ConnectSettings;
import io.gochat.protocol.service.AckRequest;
import io.gochat.connect.FakeLogic;
import io.gochat.connect.room.Buckets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The auth flow on an EmbeddedChannel with the TCP codec; logic answers when the test says so. */
class SessionHandlerTest {
    /** Logic whose connect answers are completed by the test. */
    static final class SlowLogic extends FakeLogic {
        volatile CompletableFuture<SessionInfo> nextAnswer = new CompletableFuture<>();
        volatile boolean down;

        @Override
        public CompletableFuture<SessionInfo> connect(ConnectRequest request) {
            connects.add(request);
            return down ? CompletableFuture.failedFuture(new IllegalStateException("logic is down")) : nextAnswer;
        }

        @Override
        public CompletableFuture<Void> disconnect(DisconnectRequest request) {
            disconnects.add(request);
            return down ? CompletableFuture.failedFuture(new IllegalStateException("logic is down"))
                    : CompletableFuture.completedFuture(null);
        }
    }

    final SlowLogic logic = new SlowLogic();
    final ConnectMetrics metrics = new ConnectMetrics();
    final Buckets buckets = new Buckets(2);
    final ConnectSettings settings = ConnectSettings.from(GochatConfig.defaults()
            .with(ConnectConfigKeys.CONNECT_AUTH_TIMEOUT, "2s"), Transport.TCP);
    final LogicCaller caller = new LogicCaller() {
        @Override
        public <R> CompletableFuture<R> callAny(java.util.function.Function<io.gochat.protocol.service.LogicService,
                CompletableFuture<R>> call) {
            return call.apply(logic);
        }
    };
    final SessionContext shared = new SessionContext(settings, Transport.TCP, buckets,
            new LogicGateway(caller, "connect-tcp-test", metrics), metrics,
            new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new AtomicLong());
    final EmbeddedChannel ch = new EmbeddedChannel(new TcpFrameDecoder(TcpFrames.MAX_FRAME_LENGTH),
            TcpFrameEncoder.INSTANCE, new SessionHandler(shared));

    {
        ch.freezeTime();   // the 2 s auth deadline passes only when a test says so, not while a loaded machine loads classes
    }

    void send(String json) {
        ch.writeInbound(Unpooled.wrappedBuffer(TcpFrames.encode(json)));
    }

    String reply() {
        ch.runPendingTasks();
        ByteBuf out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            return out.toString(4, out.readableBytes() - 4, StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void framesWhileAuthIsPendingAreHeldWithReadingStoppedThenProcessedInOrderOnceTheAnswerJoinsTheRoom() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");
        assertFalse(ch.config().isAutoRead(), "no more reading while the token is checked");
        send("{\"op\":3,\"msg\":\"right after the join\"}");
        send("{\"op\":2,\"toUserId\":\"7\",\"msg\":\"and a private one\"}");
        assertNull(reply(), "never refused with 'authentication in progress'");
        assertTrue(logic.pushes.isEmpty(), "nothing is forwarded before the session is known");
        assertTrue(ch.isActive());

        logic.nextAnswer.complete(new SessionInfo(11, "kim"));
        ch.runPendingTasks();
        assertEquals(1, buckets.roomCount(5));
        assertEquals(1, ConnectMetrics.count(metrics.authenticated));
        assertTrue(ch.config().isAutoRead(), "reading resumes");
        assertEquals(List.of("right after the join", "and a private one"),
                logic.pushes.stream().map(p -> p.msg()).toList());
        assertEquals(11, logic.pushes.peek().fromUserId(), "sent as the session's user");

        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":6}");
        assertEquals("{\"code\":1,\"msg\":\"already authenticated\"}", reply());
        assertEquals(1, buckets.roomCount(5));
        assertEquals(0, buckets.roomCount(6));

        send("ping msg");
        assertNull(reply(), "a client heartbeat is ignored");
        ch.pipeline().fireUserEventTriggered(HeartbeatDue.INSTANCE);
        assertEquals(TcpFrames.HEARTBEAT, reply());

        ch.close();
        assertEquals(0, buckets.roomCount(5));
        assertEquals(1, logic.disconnects.size());
        assertEquals(new DisconnectRequest(11, 5, "connect-tcp-test", "1"), logic.disconnects.peek());
    }

    @Test
    void aClientThatAsksForItGetsAJoinedFrameBeforeAnythingElse() {
        logic.unackedBodies.add("{\"op\":2,\"msg\":\"one\",\"msgId\":1}");
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5,\"joined\":true}");
        send("{\"op\":7}");
        logic.nextAnswer.complete(new SessionInfo(11, "kim"));
        ch.runPendingTasks();
        assertEquals("{\"op\":8,\"roomId\":5,\"userId\":11,\"userName\":\"kim\"}", reply());
        assertEquals("{\"code\":1,\"msg\":\"msgId or upToId missing\"}", reply(), "then the held frames");
        assertEquals("{\"op\":2,\"msg\":\"one\",\"msgId\":1}", reply());
    }

    @Test
    void aGochatClientGetsNoJoinedFrame() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");
        logic.nextAnswer.complete(new SessionInfo(11, "kim"));
        ch.runPendingTasks();
        assertNull(reply());
        assertEquals(1, buckets.roomCount(5));
    }

    @Test
    void framesHeldDuringAnAuthenticationThatFailsAreDroppedWithTheConnection() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");
        send("{\"op\":3,\"msg\":\"from nobody\"}");
        logic.nextAnswer.complete(null);
        ch.runPendingTasks();
        assertEquals("{\"code\":1,\"msg\":\"invalid token\"}", reply());
        assertFalse(ch.isActive());
        assertTrue(logic.pushes.isEmpty());
    }

    @Test
    void aClientThatPilesUpFramesBeforeItsAuthenticationCompletesIsRefused() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");
        for (int i = 0; i <= SessionHandler.MAX_HELD_FRAMES; i++) {
            send("{\"op\":3,\"msg\":\"m" + i + "\"}");
        }
        assertEquals("{\"code\":1,\"msg\":\"too many frames before authentication completed\"}", reply());
        assertFalse(ch.isActive());
        logic.nextAnswer.complete(new SessionInfo(11, "kim"));
        ch.runPendingTasks();
        assertTrue(logic.pushes.isEmpty());
        assertEquals(0, buckets.connections());
    }

    @Test
    void unacknowledgedMessagesAreSentAfterAuthInOrderAndAcksGoToLogic() {
        logic.unackedBodies.addAll(List.of("{\"op\":2,\"msg\":\"one\",\"msgId\":1}",
                "{\"op\":2,\"msg\":\"two\",\"msgId\":2}"));
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5,\"acks\":true}");
        logic.nextAnswer.complete(new SessionInfo(11, "kim"));
        ch.runPendingTasks();
        assertEquals("{\"op\":2,\"msg\":\"one\",\"msgId\":1}", reply());
        assertEquals("{\"op\":2,\"msg\":\"two\",\"msgId\":2}", reply());

        send("{\"op\":7,\"msgId\":\"1\"}");
        send("{\"op\":7,\"upToId\":2}");
        send("{\"op\":7}");
        assertEquals("{\"code\":1,\"msg\":\"msgId or upToId missing\"}", reply());
        assertEquals(List.of(new AckRequest(11, 1, false), new AckRequest(11, 2, true)), List.copyOf(logic.acks));
    }

    @Test
    void aClientThatDoesNotAckGetsUnacknowledgedMessagesOnceAndTheyCountAsDelivered() {
        logic.unackedBodies.addAll(List.of("{\"op\":2,\"msg\":\"one\",\"msgId\":1}",
                "{\"op\":2,\"msg\":\"two\",\"msgId\":2}"));
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");   // gochat's auth frame: no "acks"
        logic.nextAnswer.complete(new SessionInfo(11, "kim"));
        ch.runPendingTasks();
        assertEquals("{\"op\":2,\"msg\":\"one\",\"msgId\":1}", reply());
        assertEquals("{\"op\":2,\"msg\":\"two\",\"msgId\":2}", reply());
        assertEquals(List.of(new AckRequest(11, 2, true)), List.copyOf(logic.acks));
    }

    @Test
    void aConnectionClosedWhileAuthIsPendingIsReportedToLogicWhenTheAnswerComes() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");
        ch.close();
        logic.nextAnswer.complete(new SessionInfo(12, "lee"));
        ch.runPendingTasks();
        assertEquals(0, buckets.connections(), "never joins a room");
        assertEquals(1, logic.disconnects.size(), "logic's record of the connection is undone");
    }

    @Test
    void aConnectionThatDoesNotAuthenticateInTimeIsClosed() {
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        ch.advanceTimeBy(1100, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertEquals("{\"code\":1,\"msg\":\"authentication timeout\"}", reply());
        assertFalse(ch.isActive());
        assertEquals(1, ConnectMetrics.count(metrics.authTimeouts));
    }

    @Test
    void anAuthenticatedConnectionIsNotClosedByTheAuthDeadline() {
        logic.nextAnswer.complete(new SessionInfo(13, "max"));
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":1}");
        ch.runPendingTasks();
        ch.advanceTimeBy(5, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        assertEquals(0, ConnectMetrics.count(metrics.authTimeouts));
    }

    /** gochat §9.4: a failing logic call killed the connect process (logrus.Fatalf). */
    @Test
    void logicBeingDownRefusesTheClientAndIsCountedButNeverFatal() {
        logic.down = true;
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":1}");
        assertEquals("{\"code\":1,\"msg\":\"authentication unavailable, try again later\"}", reply());
        assertFalse(ch.isActive());
        assertEquals(1, ConnectMetrics.count(metrics.logicFailures));
    }

    @Test
    void aConnectionStillAuthenticatingIsLeftAloneByAReconcileUntilItJoins() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":3}");
        assertEquals(List.of("1"), shared.connectionIds().snapshot().authenticating());
        logic.nextAnswer.complete(new SessionInfo(15, "ola"));
        ch.runPendingTasks();
        assertTrue(shared.connectionIds().snapshot().authenticating().isEmpty());
        assertEquals(1, buckets.connections(), "it is live now: a reconcile sends it");
        assertFalse(shared.connectionIds().takeDoubt());
    }

    /** Issue #17: logic may record a connection whose connect call timed out; the next check reconciles it away. */
    @Test
    void aConnectCallThatFailedWithoutAnAnswerAsksForAFullReconcile() {
        logic.down = true;
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":3}");
        assertEquals("{\"code\":1,\"msg\":\"authentication unavailable, try again later\"}", reply());
        io.gochat.connect.presence.ConnectionIds.Snapshot after = shared.connectionIds().snapshot();
        assertTrue(after.authenticating().isEmpty(), "not protected: a recorded leftover is removed");
        assertEquals(1, after.maxId());
        assertTrue(shared.connectionIds().takeDoubt());
        assertFalse(shared.connectionIds().takeDoubt(), "once");
    }

    @Test
    void aFailingDisconnectNoticeIsCountedAndNeverFatal() {
        logic.nextAnswer.complete(new SessionInfo(14, "ned"));
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":1}");
        ch.runPendingTasks();
        logic.down = true;
        ch.close();
        assertEquals(0, buckets.connections());
        assertEquals(1, ConnectMetrics.count(metrics.logicFailures));
    }

    @Test
    void aBadFrameAnswersAnErrorAndCloses() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x76, 0x31, 0x00, 0x03, 0x78}));
        assertEquals("{\"code\":1,\"msg\":\"bad frame: frame length 3 outside 4..32767\"}", reply());
        assertFalse(ch.isActive());
        assertEquals(1, ConnectMetrics.count(metrics.badFrames));
    }
}
