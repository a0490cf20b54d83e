package io.gochat.connect.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import org.junit.jupiter.api.Test;

/** Frames built once per broadcast are what a standard WebSocket client decodes, at every length class. */
public class WsFramesTest {

    /** Decodes one server frame the way a client does (unmasked frames expected). */
    public static String decode(ByteBuf frame) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        client.writeInbound(frame.retain());
        TextWebSocketFrame text = client.readInbound();
        try {
            return text.text();
        } finally {
            text.release();
            client.finishAndReleaseAll();
        }
    }

    @Test
    void textFramesOfEveryLengthClassDecodeToTheSameText() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);
            ByteBuf frame = WsFrames.text(UnpooledByteBufAllocator.DEFAULT, text);
            try {
                assertEquals(text, decode(frame), "length " + length);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void theFrameIsFinalUnmaskedTextWithTheShortestLengthHeader() {
        ByteBuf small = WsFrames.text(UnpooledByteBufAllocator.DEFAULT, "hi");
        assertEquals(0x81, small.getUnsignedByte(0));
        assertEquals(2, small.getUnsignedByte(1), "no mask bit, length 2");
        assertEquals(4, small.readableBytes());
        small.release();
        ByteBuf medium = WsFrames.text(UnpooledByteBufAllocator.DEFAULT, "x".repeat(300));
        assertEquals(126, medium.getUnsignedByte(1));
        assertEquals(300, medium.getUnsignedShort(2));
        assertTrue(medium.readableBytes() == 304);
        medium.release();
    }
}
