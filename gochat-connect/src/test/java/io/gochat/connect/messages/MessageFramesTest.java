package io.gochat.connect.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.gochat.connect.transport.Transport;
import io.gochat.core.config.GochatConfig;
import io.gochat.protocol.TcpFrameDecoder;
import io.gochat.protocol.TcpFrameEncoder;
import io.gochat.protocol.TcpFrames;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.ConversationChange;
import io.gochat.protocol.service.ConversationList;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.MessageService;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.TypedSend;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Ops 40–43 through the session handler on an EmbeddedChannel (TCP codec); the sender is always the session. */
class MessageFramesTest {
    /** Records what reaches logic's MessageService; answers as set. */
    static final class RecordingMessages implements MessageService {
        final List<Object[]> calls = new CopyOnWriteArrayList<>();
        volatile boolean down;
        volatile SendReply sendReply = new SendReply(0, "ok", 7301818422054912L);

        private <T> CompletableFuture<T> answer(T value) {
            return down ? CompletableFuture.failedFuture(new IllegalStateException("logic down"))
                    : CompletableFuture.completedFuture(value);
        }

        @Override
        public CompletableFuture<SendReply> send(MessageCaller caller, TypedSend message) {
            calls.add(new Object[] {"send", caller, message});
            return answer(sendReply);
        }

        @Override
        public CompletableFuture<PushReply> recall(MessageCaller caller, long msgId) {
            calls.add(new Object[] {"recall", caller, msgId});
            return answer(PushReply.refused("no message " + msgId + " of yours to recall"));
        }

        @Override
        public CompletableFuture<PushReply> typing(MessageCaller caller, long toUserId, boolean typing) {
            calls.add(new Object[] {"typing", caller, toUserId, typing});
            return answer(PushReply.accepted());
        }

        @Override
        public CompletableFuture<PushReply> read(MessageCaller caller, long withUserId, long upToId) {
            calls.add(new Object[] {"read", caller, withUserId, upToId});
            return answer(PushReply.accepted());
        }

        @Override
        public CompletableFuture<PushReply> readGroup(MessageCaller caller, long groupId, long upToId) {
            calls.add(new Object[] {"readGroup", caller, groupId, upToId});
            return answer(PushReply.accepted());
        }

        @Override
        public CompletableFuture<io.gochat.protocol.service.GroupReads> readers(MessageCaller caller, long msgId) {
            calls.add(new Object[] {"readers", caller, msgId});
            return answer(io.gochat.protocol.service.GroupReads.of(12, List.of(new io.gochat.protocol.service.GroupReads.GroupRead(
                    msgId, 1, 2, List.of(new io.gochat.protocol.service.GroupReads.Reader(2, "lee"))))));
        }

        @Override
        public CompletableFuture<io.gochat.protocol.service.GroupReads> readCounts(MessageCaller caller, long groupId,
                                                                                 List<Long> msgIds) {
            calls.add(new Object[] {"readCounts", caller, groupId, msgIds});
            return answer(io.gochat.protocol.service.GroupReads.refused(1, "you are not a member of group " + groupId));
        }

        @Override
        public CompletableFuture<UploadReply> upload(MessageCaller caller, UploadRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<DownloadReply> download(MessageCaller caller, String fileId, boolean thumbnail) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ConversationList> conversations(MessageCaller caller, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<PushReply> changeConversation(MessageCaller caller, ConversationChange change) {
            throw new UnsupportedOperationException();
        }
    }

    final FakeLogic logic = new FakeLogic() {
        @Override
        public CompletableFuture<SessionInfo> connect(ConnectRequest request) {
            return CompletableFuture.completedFuture(new SessionInfo(11, "kim"));
        }
    };
    final RecordingMessages messages = new RecordingMessages();
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
    final MessageCalls messageCalls = new MessageCalls() {
        @Override
        public <R> CompletableFuture<R> callAny(java.util.function.Function<MessageService, CompletableFuture<R>> call) {
            return call.apply(messages);
        }
    };
    final SessionContext shared = new SessionContext(settings, Transport.TCP, new Buckets(2),
            new LogicGateway(caller, "connect-tcp-test", metrics), metrics,
            new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new io.gochat.connect.presence.ConnectionIds(new AtomicLong()), ConnectGuards.none(), null,
            new MessageFrames(messageCalls));
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
    void aTypedFrameBeforeAuthenticationClosesTheConnection() {
        send("{\"op\":40,\"toUserId\":2,\"type\":\"text\",\"body\":{\"text\":\"hi\"}}");
        assertEquals("{\"code\":1,\"msg\":\"authenticate first\"}", reply());
        ch.runPendingTasks();
        assertFalse(ch.isActive());
        assertTrue(messages.calls.isEmpty());
    }

    @Test
    void aTypedMessageIsSentAsTheSessionsUserWhateverTheFrameClaimsAndAnsweredWithItsId() {
        authenticate();
        send("{\"op\":40,\"toUserId\":\"2\",\"fromUserId\":1,\"fromUserName\":\"mallory\",\"type\":\"image\","
                + "\"body\":{\"url\":\"https://e.com/a.png\"},\"ref\":\"c1\"}");
        assertEquals("{\"code\":0,\"op\":40,\"msgId\":\"7301818422054912\",\"msg\":\"ok\",\"ref\":\"c1\"}", reply());
        Object[] call = messages.calls.get(0);
        assertEquals(MessageCaller.user(11, "kim"), call[1], "the sender is the session, not the frame");
        assertEquals(new TypedSend(2, 5, "image", "{\"url\":\"https://e.com/a.png\"}"), call[2]);

        send("{\"op\":40,\"type\":\"text\",\"body\":{\"text\":\"to my room\"}}");
        reply();
        assertEquals(new TypedSend(0, 5, "text", "{\"text\":\"to my room\"}"), messages.calls.get(1)[2],
                "without toUserId: the connection's room");
    }

    @Test
    void badFramesAndRefusalsAreAnsweredWithTheOpAndRefAndTheConnectionStays() {
        authenticate();
        send("{\"op\":40,\"toUserId\":2,\"type\":\"text\",\"body\":\"not an object\",\"ref\":3}");
        assertEquals("{\"code\":1,\"msg\":\"body must be a JSON object\",\"op\":40,\"ref\":3}", reply());
        send("{\"op\":40,\"toUserId\":-4,\"type\":\"text\",\"body\":{}}");
        assertEquals("{\"code\":1,\"msg\":\"toUserId must be a user id\",\"op\":40}", reply());
        send("{\"op\":41}");
        assertEquals("{\"code\":1,\"msg\":\"msgId missing\",\"op\":41}", reply());
        send("{\"op\":41,\"msgId\":\"99\"}");
        assertEquals("{\"code\":1,\"msg\":\"no message 99 of yours to recall\",\"op\":41}", reply());
        send("{\"op\":43,\"withUserId\":2}");
        assertEquals("{\"code\":1,\"msg\":\"withUserId and upToId are required\",\"op\":43}", reply());
        send("{\"op\":50}");
        assertEquals("{\"code\":1,\"msg\":\"unknown op 50\",\"op\":50}", reply());
        messages.sendReply = SendReply.refused("body.lat must be between -90 and 90");
        send("{\"op\":40,\"toUserId\":2,\"type\":\"location\",\"body\":{\"lat\":99,\"lng\":0}}");
        assertEquals("{\"code\":1,\"msg\":\"body.lat must be between -90 and 90\",\"op\":40}", reply());
        assertTrue(ch.isActive());
        assertEquals(1, messages.calls.stream().filter(c -> c[0].equals("send")).count(), "only the well-formed send reached logic");
    }

    @Test
    void typingAndReadGoToLogicSilentlyAndALogicOutageIsTold() {
        authenticate();
        send("{\"op\":42,\"toUserId\":\"2\",\"typing\":false}");
        send("{\"op\":43,\"withUserId\":\"2\",\"upToId\":\"7301818422054912\"}");
        assertEquals(null, reply(), "accepted events answer nothing: the event itself tells the devices");
        assertEquals(List.of("typing", "read"), messages.calls.stream().map(c -> (String) c[0]).toList());
        assertEquals(false, messages.calls.get(0)[3]);
        assertEquals(7301818422054912L, messages.calls.get(1)[3]);

        messages.down = true;
        send("{\"op\":42,\"toUserId\":2}");
        assertEquals("{\"code\":1,\"msg\":\"not sent, try again later\"}", reply());
        assertTrue(ch.isActive());
    }

    @Test
    void groupFramesCarryTheGroupAndTheClientIdAndTheSessionIsTheCallerForReadsAndReaders() {
        authenticate();
        send("{\"op\":40,\"groupId\":\"12\",\"toUserId\":3,\"type\":\"text\",\"body\":{\"text\":\"hi all\"},"
                + "\"clientMsgId\":\"c-9\",\"ref\":1}");
        assertEquals("{\"code\":0,\"op\":40,\"msgId\":\"7301818422054912\",\"msg\":\"ok\",\"ref\":1}", reply());
        assertEquals(TypedSend.toGroup(12, "text", "{\"text\":\"hi all\"}", "c-9"), messages.calls.get(0)[2],
                "a group message goes to the group, never to a user the frame also names");
        send("{\"op\":40,\"groupId\":12,\"type\":\"text\",\"body\":{\"text\":\"x\"},\"clientMsgId\":5}");
        assertEquals("{\"code\":1,\"msg\":\"clientMsgId must be a string\",\"op\":40}", reply());

        send("{\"op\":43,\"groupId\":\"12\",\"upToId\":\"7301818422054912\"}");
        assertEquals(null, reply(), "an accepted read answers nothing");
        Object[] read = messages.calls.get(1);
        assertEquals("readGroup", read[0]);
        assertEquals(MessageCaller.user(11, "kim"), read[1]);
        assertEquals(12L, read[2]);
        send("{\"op\":43,\"groupId\":12}");
        assertEquals("{\"code\":1,\"msg\":\"groupId and upToId are required\",\"op\":43}", reply());

        send("{\"op\":45,\"msgId\":\"77\",\"ref\":\"r\"}");
        assertEquals("{\"code\":0,\"op\":45,\"groupId\":\"12\",\"reads\":[{\"msgId\":\"77\",\"readCount\":1,"
                + "\"memberCount\":2,\"readers\":[{\"userId\":\"2\",\"userName\":\"lee\"}]}],\"ref\":\"r\"}", reply());
        send("{\"op\":45,\"groupId\":12,\"msgIds\":[\"77\",78]}");
        assertEquals("{\"code\":1,\"msg\":\"you are not a member of group 12\",\"op\":45}", reply());
        assertEquals(List.of(77L, 78L), messages.calls.get(3)[3]);
        send("{\"op\":45,\"groupId\":12,\"msgIds\":[\"x\"]}");
        assertEquals("{\"code\":1,\"msg\":\"msgIds must be message ids\",\"op\":45}", reply());
        send("{\"op\":45}");
        assertEquals("{\"code\":1,\"msg\":\"msgId, or groupId and msgIds, are required\",\"op\":45}", reply());
        assertTrue(ch.isActive());
    }
}
