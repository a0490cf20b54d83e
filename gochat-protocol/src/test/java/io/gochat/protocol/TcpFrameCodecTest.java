package io.gochat.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpFrameCodecTest {

    private static EmbeddedChannel decoder(int max) {
        return new EmbeddedChannel(new TcpFrameDecoder(max));
    }

    @Test
    void aFrameIsVersionThenTotalLengthThenUtf8Payload() {
        byte[] frame = TcpFrames.encode("{\"op\":6}");
        assertArrayEquals(new byte[] {'v', '1', 0, 12}, java.util.Arrays.copyOf(frame, 4));
        assertEquals("{\"op\":6}", new String(frame, 4, 8, StandardCharsets.UTF_8));
        assertEquals(12, TcpFrames.encode(TcpFrames.HEARTBEAT).length, "gochat's heartbeat frame is 12 bytes");
    }

    @Test
    void theEncoderWrapsStringsAndPassesPreEncodedBuffersThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(TcpFrameEncoder.INSTANCE);
        ch.writeOutbound("héllo");
        ByteBuf out = ch.readOutbound();
        assertArrayEquals(TcpFrames.encode("héllo"), ByteBufUtil.getBytes(out));
        out.release();
        ByteBuf ready = Unpooled.wrappedBuffer(TcpFrames.encode("x"));
        ch.writeOutbound(ready);
        ByteBuf same = ch.readOutbound();
        assertEquals(ready, same);
        same.release();
    }

    @Test
    void framesSplitAcrossReadsAndSeveralInOneReadAreDecoded() {
        EmbeddedChannel ch = decoder(TcpFrames.MAX_FRAME_LENGTH);
        byte[] a = TcpFrames.encode("{\"a\":1}");
        byte[] b = TcpFrames.encode("ünïcode");
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        for (int i = 0; i < both.length; i += 3) {
            ch.writeInbound(Unpooled.wrappedBuffer(both, i, Math.min(3, both.length - i)));
        }
        assertEquals("{\"a\":1}", ch.readInbound());
        assertEquals("ünïcode", ch.readInbound());
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(TcpFrames.encode("")));
        assertEquals("", ch.readInbound(), "an empty payload (length 4) is a valid frame");
    }

    /** gochat §9.2: this frame crashed connect_tcp. */
    @Test
    void theFiveByteFrameThatCrashedGochatIsAnErrorNotACrash() {
        for (int length = 0; length < 4; length++) {
            EmbeddedChannel ch = decoder(TcpFrames.MAX_FRAME_LENGTH);
            ByteBuf evil = Unpooled.wrappedBuffer(new byte[] {0x76, 0x31, 0x00, (byte) length, 0x78});
            DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(evil));
            assertTrue(e.getMessage().contains("frame length " + length), e.getMessage());
            assertNull(ch.readInbound());
            ch.writeInbound(Unpooled.wrappedBuffer(TcpFrames.encode("{}")));
            assertNull(ch.readInbound(), "nothing after a bad frame is trusted");
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void wrongVersionBytesAndOversizedLengthsAreRefusedBeforeTheBodyArrives() {
        for (byte[] bad : new byte[][] {{'x', '1', 0, 5}, {'v', '2', 0, 5}, {'v', '1', 0x7f, (byte) 0xff},
                {'v', '1', (byte) 0xff, (byte) 0xff}}) {
            EmbeddedChannel ch = decoder(1024);
            assertThrows(TcpFrameException.class, () -> {
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(bad));
                } catch (DecoderException e) {
                    throw e.getCause() instanceof TcpFrameException t ? t : e;
                }
            });
            assertFalse(ch.finishAndReleaseAll());
        }
    }

    @Test
    void aPayloadTooLargeForTheInt16LengthIsRefusedWhenEncoding() {
        assertThrows(IllegalArgumentException.class, () -> TcpFrames.encode("x".repeat(32764)));
        assertEquals(32767, TcpFrames.encode("x".repeat(32763)).length);
    }
}
