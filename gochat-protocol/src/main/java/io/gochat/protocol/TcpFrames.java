package io.gochat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * gochat's TCP frame: ASCII {@code v1}, an int16 big-endian TOTAL length (the 4 header bytes
 * included, so 4..32767), then the UTF-8 payload (JSON, or {@value #HEARTBEAT} for heartbeats).
 */
public final class TcpFrames {
    public static final byte VERSION_0 = 'v';
    public static final byte VERSION_1 = '1';
    public static final int HEADER_LENGTH = 4;
    /** The largest total length the int16 length field can carry. */
    public static final int MAX_FRAME_LENGTH = Short.MAX_VALUE;
    /** Payload of gochat's heartbeat frame (server → client, clients may send it too). */
    public static final String HEARTBEAT = "ping msg";

    private TcpFrames() {
    }

    /** One complete frame (header + payload) in a new buffer; throws if the payload does not fit. */
    public static ByteBuf encode(ByteBufAllocator alloc, CharSequence payload) {
        int payloadBytes = ByteBufUtil.utf8Bytes(payload);
        int total = HEADER_LENGTH + payloadBytes;
        if (total > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("TCP frame payload of " + payloadBytes + " bytes exceeds "
                    + (MAX_FRAME_LENGTH - HEADER_LENGTH));
        }
        ByteBuf buf = alloc.buffer(total);
        buf.writeByte(VERSION_0).writeByte(VERSION_1).writeShort(total);
        ByteBufUtil.reserveAndWriteUtf8(buf, payload, payloadBytes);
        return buf;
    }

    public static byte[] encode(String payload) {
        ByteBuf buf = encode(ByteBufAllocator.DEFAULT, payload);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    public static boolean isHeartbeat(String payload) {
        return HEARTBEAT.equals(payload);
    }

    static String utf8(ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }
}
