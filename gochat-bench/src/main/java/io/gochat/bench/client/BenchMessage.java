package io.gochat.bench.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The text of a bench message, {@code b:<epochMicros>:<seq>}: the send time travels in the message so a
 * receiver in any process on this machine can compute the end-to-end latency. Parsing works on the raw
 * frame bytes (JSON from the server), without decoding the whole frame to a String.
 */
public final class BenchMessage {
    private static final byte[] MARKER = "\"msg\":\"b:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_TIME = "\"serverTime\":".getBytes(StandardCharsets.US_ASCII);

    private BenchMessage() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static String text(long sentMicros, long seq) {
        return "b:" + sentMicros + ":" + seq;
    }

    /** The send time (epoch µs) of the bench message in this frame, or -1 if it carries none. */
    public static long sentMicros(ByteBuf frame) {
        return numberAfter(frame, MARKER);
    }

    /** When logic accepted the message ({@code serverTime}, epoch ms), or -1. */
    public static long serverTimeMillis(ByteBuf frame) {
        return numberAfter(frame, SERVER_TIME);
    }

    private static long numberAfter(ByteBuf frame, byte[] marker) {
        int from = frame.readerIndex();
        int to = frame.writerIndex() - marker.length;
        outer:
        for (int i = from; i <= to; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (frame.getByte(i + j) != marker[j]) {
                    continue outer;
                }
            }
            long v = 0;
            int digits = 0;
            for (int k = i + marker.length; k < frame.writerIndex(); k++, digits++) {
                byte b = frame.getByte(k);
                if (b < '0' || b > '9') {
                    break;
                }
                v = v * 10 + (b - '0');
            }
            return digits == 0 ? -1 : v;
        }
        return -1;
    }
}
