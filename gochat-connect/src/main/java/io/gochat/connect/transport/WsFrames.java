package io.gochat.connect.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * A whole WebSocket text frame as the server sends it (RFC 6455: FIN, opcode 1, no mask), built once per
 * broadcast. Server frames are never masked, so every recipient gets the very same bytes: a duplicate of
 * this buffer passes Netty's frame encoder untouched (it encodes {@code WebSocketFrame}s only) instead of
 * being copied into a new frame per recipient — that per-recipient copy was most of what a fan-out
 * allocated.
 */
public final class WsFrames {
    private static final int FIN_TEXT = 0x81;

    private WsFrames() {
    }

    public static ByteBuf text(ByteBufAllocator alloc, CharSequence text) {
        int length = ByteBufUtil.utf8Bytes(text);
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = alloc.buffer(header + length);
        frame.writeByte(FIN_TEXT);
        if (length <= 125) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(frame, text, length);
        return frame;
    }
}
