package io.gochat.connect.rpc;

import io.gochat.connect.transport.Transport;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.room.ChannelWriter;
import io.gochat.connect.room.Member;
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
    private final Transport wire;
    private final ByteBufAllocator alloc;

    public ConnectServiceImpl(Buckets buckets, ChannelWriter writer, Transport wire, ByteBufAllocator alloc) {
        this.buckets = buckets;
        this.writer = writer;
        this.wire = wire;
        this.alloc = alloc;
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
        writer.metrics().deliveries.increment();
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
                } else if (d.toGroup()) {
                    buckets.groups().forEachMember(d.groupId(), user -> buckets.forEachOfUser(user, add));
                    if (d.membership() == Delivery.LEFT) {
                        buckets.groups().dropGroup(d.groupId());   // dissolved: told, then forgotten
                    }
                } else {
                    if (d.groupId() > 0 && d.membership() == Delivery.JOINED) {
                        buckets.groups().joined(d.targetId(), d.groupId());
                    }
                    buckets.forEachOfUser(d.targetId(), add);
                    if (d.groupId() > 0 && d.membership() == Delivery.LEFT) {
                        buckets.groups().left(d.targetId(), d.groupId());
                    }
                }
            } finally {
                encoded.release();
            }
        }
        return onEventLoops(byLoop);
    }

    /**
     * Hands each event loop its writes as one task; completes with the number of writes made once every
     * loop has written. The one way this server writes to clients from outside their event loops.
     */
    private CompletableFuture<Integer> onEventLoops(Map<EventLoop, List<ChannelWriter.Write>> byLoop) {
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

    /** The notice goes through the same per-event-loop writes as deliveries; the channel is closed after it. */
    @Override
    public CompletableFuture<Integer> closeSession(long userId, int tokenHash) {
        Map<EventLoop, List<ChannelWriter.Write>> byLoop = new HashMap<>();
        ByteBuf notice = wire.encode(alloc, LOGGED_OUT);
        try {
            buckets.forEachOfUser(userId, m -> {
                if (m.tokenHash() == tokenHash) {
                    byLoop.computeIfAbsent(m.channel().eventLoop(), l -> new ArrayList<>())
                            .add(ChannelWriter.Write.lastWords(m, wire.share(notice)));
                }
            });
        } finally {
            notice.release();
        }
        return onEventLoops(byLoop);
    }

    /** Like {@link #closeSession} for every connection of the user, with {@code reason} in the notice. */
    @Override
    public CompletableFuture<Integer> closeUser(long userId, String reason) {
        Map<EventLoop, List<ChannelWriter.Write>> byLoop = new HashMap<>();
        ByteBuf notice = wire.encode(alloc, io.gochat.core.json.Json.write(
                new io.gochat.connect.session.ErrorReply(40000, "Session error: " + reason)));
        try {
            buckets.forEachOfUser(userId, m -> byLoop.computeIfAbsent(m.channel().eventLoop(), l -> new ArrayList<>())
                    .add(ChannelWriter.Write.lastWords(m, wire.share(notice))));
        } finally {
            notice.release();
        }
        return onEventLoops(byLoop);
    }
}
