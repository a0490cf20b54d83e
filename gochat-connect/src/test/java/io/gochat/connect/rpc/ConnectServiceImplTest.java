package io.gochat.connect.rpc;

import io.gochat.connect.transport.Transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gochat.protocol.TcpFrames;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectSettings.SlowReaderPolicy;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.room.ChannelWriter;
import io.gochat.connect.room.Member;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A broadcast encodes its body once per transport and every channel gets the same bytes. */
class ConnectServiceImplTest {

    private static List<EmbeddedChannel> join(Buckets buckets, int n, long room) {
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            channels.add(ch);
            buckets.join(new Member(ch, i, "u" + i, room, i, 0));
        }
        return channels;
    }

    @Test
    void aTcpRoomPushSharesOneEncodedFrameAmongAllChannelsAndReleasesIt() {
        Buckets buckets = new Buckets(4);
        List<EmbeddedChannel> channels = join(buckets, 5, 1);
        ConnectServiceImpl service = new ConnectServiceImpl(buckets,
                new ChannelWriter(SlowReaderPolicy.DROP, new ConnectMetrics()), Transport.TCP,
                new UnpooledByteBufAllocator(false));

        java.util.concurrent.CompletableFuture<Integer> answer = service.deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toRoom(1, "{\"msg\":\"hi\"}")));
        channels.forEach(EmbeddedChannel::runPendingTasks);   // the writes run on each channel's own loop
        assertEquals(5, answer.join());
        ByteBuf first = null;
        for (EmbeddedChannel ch : channels) {
            ByteBuf out = ch.readOutbound();
            assertEquals(TcpFrames.encode("{\"msg\":\"hi\"}").length, out.readableBytes());
            assertEquals("{\"msg\":\"hi\"}", out.toString(4, out.readableBytes() - 4, java.nio.charset.StandardCharsets.UTF_8));
            if (first == null) {
                first = out.unwrap();
            } else {
                assertSame(first, out.unwrap(), "the same underlying buffer");
            }
            out.release();
        }
        assertEquals(0, first.refCnt(), "released once every channel wrote it");
    }

    @Test
    void aWebSocketPushToUserSharesOneBufferAmongThatUsersTabs() {
        Buckets buckets = new Buckets(2);
        EmbeddedChannel tab1 = new EmbeddedChannel();
        EmbeddedChannel tab2 = new EmbeddedChannel();
        EmbeddedChannel other = new EmbeddedChannel();
        buckets.join(new Member(tab1, 3, "c", 1, 1, 0));
        buckets.join(new Member(tab2, 3, "c", 2, 2, 0));
        buckets.join(new Member(other, 4, "d", 1, 3, 0));
        ConnectServiceImpl service = new ConnectServiceImpl(buckets,
                new ChannelWriter(SlowReaderPolicy.DROP, new ConnectMetrics()), Transport.WS,
                new UnpooledByteBufAllocator(false));

        java.util.concurrent.CompletableFuture<Integer> answer = service.deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toUser(3, "{\"op\":2}")));
        List.of(tab1, tab2, other).forEach(EmbeddedChannel::runPendingTasks);
        assertEquals(2, answer.join());
        ByteBuf a = tab1.readOutbound();
        ByteBuf b = tab2.readOutbound();
        assertEquals("{\"op\":2}", io.gochat.connect.transport.WsFramesTest.decode(a.duplicate()));
        assertSame(a.unwrap(), b.unwrap(), "both tabs share one encoded frame");
        assertSame(null, other.readOutbound());
        ByteBuf shared = a.unwrap();
        a.release();
        b.release();
        assertEquals(0, shared.refCnt());
        assertEquals(2, buckets.roomInfo(1).size());
        assertEquals(1, buckets.roomCount(2));
    }

    @Test
    void aDeliveryBatchReachesEachChannelInOrderWithOneFlushAndSharedBuffers() {
        Buckets buckets = new Buckets(2);
        java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new io.netty.channel.ChannelOutboundHandlerAdapter() {
                @Override
                public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                    flushes.incrementAndGet();
                    ctx.flush();
                }
            });
            channels.add(ch);
            buckets.join(new Member(ch, 10 + i, "u" + i, 7, i, 0));
        }
        ConnectServiceImpl service = new ConnectServiceImpl(buckets,
                new ChannelWriter(SlowReaderPolicy.DROP, new ConnectMetrics()), Transport.TCP,
                new UnpooledByteBufAllocator(false));

        java.util.concurrent.CompletableFuture<Integer> answer = service.deliver(List.of(
                io.gochat.protocol.service.Delivery.toRoom(7, "{\"n\":1}"),
                io.gochat.protocol.service.Delivery.toUser(11, "{\"n\":2}"),
                io.gochat.protocol.service.Delivery.toRoom(7, "{\"n\":3}")));
        assertTrue(!answer.isDone(), "the answer waits for the event loops (backpressure for task)");
        channels.forEach(EmbeddedChannel::runPendingTasks);
        assertEquals(7, answer.join());

        for (int i = 0; i < 3; i++) {
            List<String> got = new ArrayList<>();
            for (ByteBuf out; (out = channels.get(i).readOutbound()) != null; ) {
                got.add(out.toString(4, out.readableBytes() - 4, java.nio.charset.StandardCharsets.UTF_8));
                out.release();
            }
            assertEquals(i == 1 ? List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}") : List.of("{\"n\":1}", "{\"n\":3}"), got,
                    "channel " + i + " gets its messages in batch order");
        }
        assertEquals(3, flushes.get(), "one flush per channel for the whole batch");
    }

    @Test
    void aBodyTooLargeForATcpFrameIsSkippedAndCountedWithoutFailingTheRestOfTheBatch() {
        Buckets buckets = new Buckets(1);
        EmbeddedChannel ch = new EmbeddedChannel();
        buckets.join(new Member(ch, 1, "a", 9, 1, 0));
        ConnectMetrics metrics = new ConnectMetrics();
        ConnectServiceImpl service = new ConnectServiceImpl(buckets, new ChannelWriter(SlowReaderPolicy.DROP, metrics),
                Transport.TCP, new UnpooledByteBufAllocator(false));
        String huge = "{\"op\":5,\"roomUserInfo\":\"" + "x".repeat(40_000) + "\"}";

        java.util.concurrent.CompletableFuture<Integer> answer = service.deliver(List.of(
                io.gochat.protocol.service.Delivery.toRoom(9, "{\"n\":1}"),
                io.gochat.protocol.service.Delivery.toRoom(9, huge),
                io.gochat.protocol.service.Delivery.toRoom(9, "{\"n\":2}")));
        ch.runPendingTasks();
        assertEquals(2, answer.join());
        assertEquals(1, ConnectMetrics.count(metrics.tooLarge));
        List<String> got = new ArrayList<>();
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            got.add(out.toString(4, out.readableBytes() - 4, java.nio.charset.StandardCharsets.UTF_8));
            out.release();
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), got);
    }
}
