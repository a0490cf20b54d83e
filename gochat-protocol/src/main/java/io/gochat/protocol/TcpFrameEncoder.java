package io.gochat.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Wraps each outgoing String payload into a gochat TCP frame. Pre-encoded frames (ByteBufs, e.g. a
 * broadcast encoded once) pass through untouched.
 */
@ChannelHandler.Sharable
public final class TcpFrameEncoder extends MessageToMessageEncoder<CharSequence> {
    public static final TcpFrameEncoder INSTANCE = new TcpFrameEncoder();

    private TcpFrameEncoder() {
        super(CharSequence.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence payload, List<Object> out) {
        out.add(TcpFrames.encode(ctx.alloc(), payload));
    }
}
