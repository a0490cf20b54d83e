package io.gochat.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchMessageTest {
    private static ByteBuf frame(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheSendTimeFromARoomMessage() {
        String json = "{\"code\":0,\"msg\":\"" + BenchMessage.text(1732291200123456L, 7) + "\",\"roomId\":1,\"op\":3}";
        assertEquals(1732291200123456L, BenchMessage.sentMicros(frame(json)));
    }

    @Test
    void framesWithoutABenchMessageGiveMinusOne() {
        assertEquals(-1, BenchMessage.sentMicros(frame("{\"op\":5,\"roomUserInfo\":{}}")));
        assertEquals(-1, BenchMessage.sentMicros(frame("{\"msg\":\"b:\"}")));
        assertEquals(-1, BenchMessage.sentMicros(frame("")));
    }

    @Test
    void readsLogicsServerTime() {
        String json = "{\"msg\":\"b:1:2\",\"msgId\":99,\"serverTime\":1732291200123}";
        assertEquals(1732291200123L, BenchMessage.serverTimeMillis(frame(json)));
        assertEquals(-1, BenchMessage.serverTimeMillis(frame("{\"op\":4}")));
    }
}
