package io.gochat.connect.rpc;

import io.gochat.common.service.ConnectService;
import io.gochat.common.service.Delivery;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.room.ChannelWriter;
import io.gochat.connect.room.Member;
import io.gochat.connect.transport.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The RPC face of a connect server: pushes encode the body once and share it with every channel. */
public final class ConnectServiceImpl implements ConnectService {
    static final String LOGGED_OUT = "{\"code\":40000,\"msg\":\"Session error: logged out\"}";
    private final Buckets buckets;
    private final ChannelWriter writer;
    private final WireFormat wire;
    private final ByteBufAllocator alloc;

    public ConnectServiceImpl(Buckets buckets, ChannelWriter writer, WireFormat wire, ByteBufAllocator alloc) {
        this.buckets = buckets;
        this.writer = writer;
        this.wire = wire;
        this.alloc = alloc;
    }

    @Override
    public CompletableFuture<Integer> pushToUser(long userId, String body) {
        return deliver(List.of(Delivery.toUser(userId, body)));
    }

    @Override
    public CompletableFuture<Integer> pushToRoom(long roomId, String body) {
        return deliver(List.of(Delivery.toRoom(roomId, body)));
    }

    /**
     * Encodes each body once, sorts the writes by the event loop that owns each channel, and hands
     * every loop one task for the whole batch: a channel gets its messages in batch order and one
     * flush. Completes once every loop has written its part, so task (one batch in flight per server)
     * cannot outrun the event loops: memory stays bounded by the channels' write buffers, where a slow
     * reader's messages are dropped or it is closed. Answers the number of writes made.
     */
    @Override
    public CompletableFuture<Integer> deliver(List<Delivery> deliveries) {
        Map<EventLoop, List<ChannelWriter.Write>> byLoop = new HashMap<>();
        for (Delivery d : deliveries) {
            if (d.body() == null) {
                continue;
            }
            ByteBuf encoded;
            try {
                encoded = wire.encode(alloc, d.body());
            } catch (IllegalArgumentException tooLarge) {
                writer.skipTooLarge(d.body(), tooLarge.getMessage());   // one body must not fail the whole batch
                continue;
            }
            try {
                Consumer<Member> add = m -> byLoop.computeIfAbsent(m.channel().eventLoop(), l -> new ArrayList<>())
                        .add(new ChannelWriter.Write(m, wire.share(encoded)));
                if (d.toRoom()) {
                    buckets.forEachInRoom(d.targetId(), add);
                } else {
                    buckets.forEachOfUser(d.targetId(), add);
                }
            } finally {
                encoded.release();
            }
        }
        List<CompletableFuture<Integer>> written = new ArrayList<>(byLoop.size());
        for (Map.Entry<EventLoop, List<ChannelWriter.Write>> e : byLoop.entrySet()) {
            List<ChannelWriter.Write> writes = e.getValue();
            CompletableFuture<Integer> done = new CompletableFuture<>();
            written.add(done);
            try {
                e.getKey().execute(() -> {
                    int n = 0;
                    try {
                        n = writer.writeAll(writes);
                    } finally {
                        done.complete(n);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                writes.forEach(w -> ReferenceCountUtil.release(w.message()));
                done.complete(0);
            }
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
                .thenApply(v -> written.stream().mapToInt(CompletableFuture::join).sum());
    }

    @Override
    public CompletableFuture<Integer> closeSession(long userId, int tokenHash) {
        int[] closed = {0};
        ByteBuf notice = wire.encode(alloc, LOGGED_OUT);
        try {
            buckets.forEachOfUser(userId, m -> {
                if (m.tokenHash() == tokenHash) {
                    m.channel().writeAndFlush(wire.share(notice)).addListener(f -> m.channel().close());
                    closed[0]++;
                }
            });
        } finally {
            notice.release();
        }
        return CompletableFuture.completedFuture(closed[0]);
    }

    @Override
    public CompletableFuture<Integer> roomCount(long roomId) {
        return CompletableFuture.completedFuture(buckets.roomCount(roomId));
    }

    @Override
    public CompletableFuture<Map<Long, String>> roomInfo(long roomId) {
        return CompletableFuture.completedFuture(buckets.roomInfo(roomId));
    }

}
