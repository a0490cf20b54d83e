package io.gochat.bench.jmh;

import io.gochat.protocol.TcpFrameDecoder;
import io.gochat.protocol.TcpFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** gochat TCP frames: encoding one room message, and decoding a read of 16 frames back to payloads. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TcpFrameCodecBenchmark {
    static final String ROOM_MESSAGE = "{\"code\":0,\"msg\":\"b:1732291200000000:42 hello everybody in the room\","
            + "\"fromUserId\":17,\"fromUserName\":\"bench_f17\",\"toUserId\":0,\"toUserName\":\"\",\"roomId\":4242,"
            + "\"op\":3,\"createTime\":\"2026-11-22 16:00:00\",\"msgId\":7398123456789012345,\"serverTime\":1732291200000}";
    private static final int FRAMES_PER_READ = 16;

    private ByteBuf sixteenFrames;
    private EmbeddedChannel decoder;

    @Setup
    public void setup() {
        byte[] one = TcpFrames.encode(ROOM_MESSAGE);
        sixteenFrames = Unpooled.directBuffer(one.length * FRAMES_PER_READ);
        for (int i = 0; i < FRAMES_PER_READ; i++) {
            sixteenFrames.writeBytes(one);
        }
        decoder = new EmbeddedChannel(new TcpFrameDecoder(TcpFrames.MAX_FRAME_LENGTH));
    }

    @TearDown
    public void tearDown() {
        sixteenFrames.release();
        decoder.finishAndReleaseAll();
    }

    @Benchmark
    public int encodeOneFrame() {
        ByteBuf b = TcpFrames.encode(ByteBufAllocator.DEFAULT, ROOM_MESSAGE);
        int n = b.readableBytes();
        b.release();
        return n;
    }

    /** One socket read holding 16 frames, decoded to 16 payload Strings. */
    @Benchmark
    public int decodeSixteenFrames() {
        decoder.writeInbound(sixteenFrames.retainedDuplicate());
        int n = 0;
        for (Object m; (m = decoder.readInbound()) != null; ) {
            n += ((String) m).length();
        }
        return n;
    }
}
