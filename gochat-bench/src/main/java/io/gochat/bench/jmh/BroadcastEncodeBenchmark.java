package io.gochat.bench.jmh;

import io.gochat.protocol.TcpFrameEncoder;
import io.gochat.protocol.TcpFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One room message to {@code members} channels (EmbeddedChannel pipelines): encoded once and shared
 * ({@code retainedDuplicate}, what the connect server does) vs encoded again for every channel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BroadcastEncodeBenchmark {
    @Param({"100"})
    public int members;

    private EmbeddedChannel[] tcp;
    private EmbeddedChannel[] ws;

    @Setup
    public void setup() {
        tcp = new EmbeddedChannel[members];
        ws = new EmbeddedChannel[members];
        for (int i = 0; i < members; i++) {
            tcp[i] = new EmbeddedChannel(TcpFrameEncoder.INSTANCE);
            ws[i] = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        }
    }

    @TearDown
    public void tearDown() {
        for (int i = 0; i < members; i++) {
            tcp[i].finishAndReleaseAll();
            ws[i].finishAndReleaseAll();
        }
    }

    @Benchmark
    public void tcpEncodeOnce() {
        ByteBuf once = TcpFrames.encode(ByteBufAllocator.DEFAULT, TcpFrameCodecBenchmark.ROOM_MESSAGE);
        for (EmbeddedChannel ch : tcp) {
            ch.writeOutbound(once.retainedDuplicate());
            ch.releaseOutbound();
        }
        once.release();
    }

    @Benchmark
    public void tcpEncodePerChannel() {
        for (EmbeddedChannel ch : tcp) {
            ch.writeOutbound(TcpFrameCodecBenchmark.ROOM_MESSAGE);
            ch.releaseOutbound();
        }
    }

    @Benchmark
    public void wsEncodeOnce() {
        ByteBuf once = io.netty.buffer.ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, TcpFrameCodecBenchmark.ROOM_MESSAGE);
        for (EmbeddedChannel ch : ws) {
            ch.writeOutbound(new TextWebSocketFrame(once.retainedDuplicate()));
            ch.releaseOutbound();
        }
        once.release();
    }

    @Benchmark
    public void wsEncodePerChannel() {
        for (EmbeddedChannel ch : ws) {
            ch.writeOutbound(new TextWebSocketFrame(TcpFrameCodecBenchmark.ROOM_MESSAGE));
            ch.releaseOutbound();
        }
    }
}
