package io.gochat.bench.client;

import io.gochat.protocol.TcpFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/** Cuts the TCP stream into frame payloads as retained slices: no String decoding per frame. */
final class TcpFrameSlicer extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= TcpFrames.HEADER_LENGTH) {
            int start = in.readerIndex();
            if (in.getByte(start) != TcpFrames.VERSION_0 || in.getByte(start + 1) != TcpFrames.VERSION_1) {
                throw new CorruptedFrameException("bad version bytes");
            }
            int total = in.getUnsignedShort(start + 2);
            if (total < TcpFrames.HEADER_LENGTH) {
                throw new CorruptedFrameException("bad length " + total);
            }
            if (in.readableBytes() < total) {
                return;
            }
            in.skipBytes(TcpFrames.HEADER_LENGTH);
            out.add(in.readRetainedSlice(total - TcpFrames.HEADER_LENGTH));
        }
    }
}
