package io.gochat.bench.client;

import io.gochat.protocol.TcpFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;

/** Sends the op-6 join frame on connect, answers heartbeats, counts data frames (the first one means "joined"). */
final class TcpClientHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final byte[] HEARTBEAT = TcpFrames.HEARTBEAT.getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf HEARTBEAT_FRAME =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(TcpFrames.encode(TcpFrames.HEARTBEAT)));

    private final FleetState state;
    private final String authFrame;
    private boolean joined;

    TcpClientHandler(FleetState state, String authFrame) {
        this.state = state;
        this.authFrame = authFrame;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        state.connected.increment();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(TcpFrames.encode(authFrame)));
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf payload) {
        if (isHeartbeat(payload)) {
            ctx.writeAndFlush(HEARTBEAT_FRAME.duplicate());
            return;
        }
        if (!joined) {
            joined = true;
            state.joined.increment();
        }
        state.meter.onFrame(payload);
    }

    private static boolean isHeartbeat(ByteBuf p) {
        if (p.readableBytes() != HEARTBEAT.length) {
            return false;
        }
        for (int i = 0; i < HEARTBEAT.length; i++) {
            if (p.getByte(p.readerIndex() + i) != HEARTBEAT[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state.closed.increment();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
