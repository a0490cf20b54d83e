package io.gochat.connect.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.protocol.service.LogicService;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.ConnectSettings;
import io.gochat.connect.FakeLogic;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.session.HeartbeatDue;
import io.gochat.connect.session.LogicCaller;
import io.gochat.connect.session.LogicGateway;
import io.gochat.connect.session.SessionContext;
import io.gochat.connect.session.SessionHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The WebSocket side of a session on an EmbeddedChannel: frames in, frames out. */
class WsSessionTest {
    final FakeLogic logic = new FakeLogic().user("good", 21, "olga");
    final Buckets buckets = new Buckets(2);
    final ConnectMetrics metrics = new ConnectMetrics();
    final LogicCaller caller = new LogicCaller() {
        @Override
        public <R> CompletableFuture<R> callAny(Function<LogicService, CompletableFuture<R>> call) {
            return call.apply(logic);
        }
    };
    final SessionContext shared = new SessionContext(
            ConnectSettings.from(GochatConfig.defaults(), Transport.WS), Transport.WS, buckets,
            new LogicGateway(caller, "connect-ws-test", metrics), metrics,
            new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new AtomicLong());
    final EmbeddedChannel ch = new EmbeddedChannel(WsTextEncoder.INSTANCE, WsFrameHandler.INSTANCE,
            new SessionHandler(shared));

    String nextText() {
        ch.runPendingTasks();
        TextWebSocketFrame frame = ch.readOutbound();
        try {
            return frame.text();
        } finally {
            frame.release();
        }
    }

    @Test
    void theFirstTextFrameAuthenticatesAndASecondOneIsRefusedWithoutHarm() {
        ch.writeInbound(new TextWebSocketFrame("{\"authToken\":\"good\",\"roomId\":3}"));
        ch.runPendingTasks();
        assertEquals(1, buckets.roomCount(3));
        ch.writeInbound(new TextWebSocketFrame("{\"authToken\":\"good\",\"roomId\":3}"));
        assertEquals("{\"code\":1,\"msg\":\"already authenticated\"}", nextText());
        assertEquals(1, buckets.roomCount(3));
        assertTrue(ch.isActive());

        ch.pipeline().fireUserEventTriggered(HeartbeatDue.INSTANCE);
        Object ping = ch.readOutbound();
        assertInstanceOf(PingWebSocketFrame.class, ping);
        ReferenceCountUtil.release(ping);
    }

    @Test
    void aBadTokenGetsAnErrorFrameThenAPolicyViolationClose() {
        ch.writeInbound(new TextWebSocketFrame("{\"authToken\":\"bad\",\"roomId\":3}"));
        assertEquals("{\"code\":1,\"msg\":\"invalid token\"}", nextText());
        CloseWebSocketFrame close = ch.readOutbound();
        assertEquals(1008, close.statusCode());
        close.release();
        assertFalse(ch.isActive());
        assertEquals(0, buckets.connections());
    }

    @Test
    void aBinaryFrameIsRefusedAndClosed() {
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
        assertEquals("{\"code\":1,\"msg\":\"bad frame: only text frames are accepted\"}", nextText());
        assertFalse(ch.isActive());
    }

    @Test
    void aPlainHttpRequestForAnotherPathGets404() {
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/debug/pprof/"));
        FullHttpResponse response = ch.readOutbound();
        assertEquals(404, response.status().code());
        response.release();
        assertFalse(ch.isActive());
    }
}
