package io.gochat.connect.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectConfigKeys;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectSettings;
import io.gochat.connect.FakeLogic;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.security.ConnectGuards;
import io.gochat.connect.session.LogicCaller;
import io.gochat.connect.session.LogicGateway;
import io.gochat.connect.session.SessionContext;
import io.gochat.connect.session.SessionHandler;
import io.gochat.connect.sync.SyncFrames;
import io.gochat.connect.transport.Transport;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.protocol.TcpFrameDecoder;
import io.gochat.protocol.TcpFrameEncoder;
import io.gochat.protocol.TcpFrames;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.SyncQuery;
import io.gochat.protocol.service.SyncReply;
import io.gochat.protocol.service.SyncService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Op 50 (sync by seq) through the session handler on an EmbeddedChannel (TCP codec); the caller is the session. */
class SyncFramesTest {
    final List<Object[]> calls = new CopyOnWriteArrayList<>();
    volatile SyncReply next = SyncReply.of("r:5", 0, false, List.of());
    volatile boolean down;

    final SyncService service = (caller, query) -> {
        calls.add(new Object[] {caller, query});
        return down ? CompletableFuture.failedFuture(new IllegalStateException("logic down"))
                : CompletableFuture.completedFuture(next);
    };
    final FakeLogic logic = new FakeLogic() {
        @Override
        public CompletableFuture<SessionInfo> connect(ConnectRequest request) {
            return CompletableFuture.completedFuture(new SessionInfo(11, "kim"));
        }
    };
    final ConnectMetrics metrics = new ConnectMetrics();
    final ConnectSettings settings = ConnectSettings.from(GochatConfig.defaults()
            .with(ConnectConfigKeys.CONNECT_AUTH_TIMEOUT, "2s"), Transport.TCP);
    final LogicCaller caller = new LogicCaller() {
        @Override
        public <R> CompletableFuture<R> callAny(java.util.function.Function<io.gochat.protocol.service.LogicService,
                CompletableFuture<R>> call) {
            return call.apply(logic);
        }
    };
    final MessageFramesTest.RecordingMessages messages = new MessageFramesTest.RecordingMessages();
    final SessionContext shared = new SessionContext(settings, Transport.TCP, new Buckets(2),
            new LogicGateway(caller, "connect-tcp-test", metrics), metrics,
            new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new io.gochat.connect.presence.ConnectionIds(new AtomicLong()),
            ConnectGuards.none(), null,
            new MessageFrames(new MessageCalls() {
                @Override
                public <R> CompletableFuture<R> callAny(java.util.function.Function<io.gochat.protocol.service.MessageService,
                        CompletableFuture<R>> call) {
                    return call.apply(messages);
                }
            }, new SyncFrames(new io.gochat.connect.sync.SyncCalls() {
                @Override
                public <R> CompletableFuture<R> callAny(java.util.function.Function<SyncService, CompletableFuture<R>> call) {
                    return call.apply(service);
                }
            })));
    final EmbeddedChannel ch = new EmbeddedChannel(new TcpFrameDecoder(TcpFrames.MAX_FRAME_LENGTH),
            TcpFrameEncoder.INSTANCE, new SessionHandler(shared));

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

    void authenticate() {
        send("{\"op\":6,\"authToken\":\"t\",\"roomId\":5}");
        ch.runPendingTasks();
        while (reply() != null) {
            // the replay of unacknowledged messages, if any
        }
    }

    @Test
    void aSyncFrameAsksLogicAsTheSessionsUserForItsRoomByDefaultAndGetsThePageWithItsRef() throws Exception {
        authenticate();
        next = SyncReply.of("r:5", 5, false, List.of("{\"msg\":\"a\",\"seq\":4}", "{\"msg\":\"b\",\"seq\":5}"));
        send("{\"op\":50,\"afterSeq\":\"3\",\"fromUserId\":99,\"ref\":\"s1\"}");
        JsonNode answer = Json.MAPPER.readTree(reply());
        assertEquals(0, answer.get("code").asInt(), answer.toString());
        assertEquals(50, answer.get("op").asInt());
        assertEquals("r:5", answer.get("conversation").asText());
        assertEquals(5, answer.get("lastSeq").asLong());
        assertEquals(false, answer.get("hasMore").asBoolean());
        assertEquals("s1", answer.get("ref").asText());
        assertEquals(2, answer.get("messages").size());
        assertEquals(5, answer.get("messages").get(1).get("seq").asLong());
        Object[] call = calls.get(0);
        assertEquals(MessageCaller.user(11, "kim"), call[0], "the session's user, not the frame's");
        assertEquals(new SyncQuery(null, 5, 0, 0, 3, 0), call[1], "the connection's room after seq 3");

        send("{\"op\":50,\"groupId\":12,\"afterSeq\":7,\"limit\":10}");
        reply();
        assertEquals(new SyncQuery(null, 0, 0, 12, 7, 10), calls.get(1)[1]);
        assertTrue(ch.isActive());
    }

    @Test
    void aRefusalOrALogicOutageIsAnErrorFrameWithTheOpAndTheConnectionStays() throws Exception {
        authenticate();
        next = SyncReply.refused("you are not a member of group 12");
        send("{\"op\":50,\"groupId\":12,\"ref\":7}");
        assertEquals("{\"code\":1,\"msg\":\"you are not a member of group 12\",\"op\":50,\"ref\":7}", reply());
        send("{\"op\":50,\"afterSeq\":\"x\"}");
        assertEquals(1, Json.MAPPER.readTree(reply()).get("code").asInt());
        down = true;
        send("{\"op\":50}");
        assertEquals("{\"code\":1,\"msg\":\"sync failed, try again later\",\"op\":50}", reply());
        assertTrue(ch.isActive());
    }

    @Test
    void aPageLargerThanATcpFrameIsCutAndSaysThereIsMore() throws Exception {
        authenticate();
        List<String> big = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            big.add("{\"msg\":\"" + "x".repeat(4000) + "\",\"seq\":" + i + "}");
        }
        next = SyncReply.of("r:5", 20, false, big);
        send("{\"op\":50}");
        String text = reply();
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= 30_000, "fits a TCP frame: " + text.length());
        JsonNode answer = Json.MAPPER.readTree(text);
        assertTrue(answer.get("hasMore").asBoolean(), "the rest is for the next call");
        int n = answer.get("messages").size();
        assertTrue(n >= 5 && n < 20, "as many as fit: " + n);
        assertEquals(n, answer.get("messages").get(n - 1).get("seq").asLong(), "in order, from the first");
    }
}
