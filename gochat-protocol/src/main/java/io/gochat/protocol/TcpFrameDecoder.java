package io.gochat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a byte stream into gochat TCP frames and emits each payload as a String. Checks both
 * version bytes and that the total length is within 4..maxFrameLength before waiting for the body.
 * After the first bad frame it discards everything that follows (there is no way to resync) and
 * raises one {@link TcpFrameException}; the handler answers and closes.
 */
public final class TcpFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameLength;
    private boolean failed;

    public TcpFrameDecoder(int maxFrameLength) {
        if (maxFrameLength < TcpFrames.HEADER_LENGTH || maxFrameLength > TcpFrames.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be within 4.." + TcpFrames.MAX_FRAME_LENGTH);
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < TcpFrames.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        if (in.getByte(start) != TcpFrames.VERSION_0 || in.getByte(start + 1) != TcpFrames.VERSION_1) {
            fail(in, "bad version bytes");
        }
        int total = in.getUnsignedShort(start + 2);
        if (total < TcpFrames.HEADER_LENGTH || total > maxFrameLength) {
            fail(in, "frame length " + total + " outside " + TcpFrames.HEADER_LENGTH + ".." + maxFrameLength);
        }
        if (in.readableBytes() < total) {
            return;
        }
        out.add(TcpFrames.utf8(in, start + TcpFrames.HEADER_LENGTH, total - TcpFrames.HEADER_LENGTH));
        in.skipBytes(total);
    }

    private void fail(ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw new TcpFrameException(reason);
    }
}
