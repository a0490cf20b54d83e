package io.gochat.client.internal;

import io.gochat.client.Endpoint;
import io.gochat.protocol.TcpFrameDecoder;
import io.gochat.protocol.TcpFrameEncoder;
import io.gochat.protocol.TcpFrames;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens WebSocket or TCP connections on one small Netty event loop and turns them into text in, text out:
 * {@link Callbacks#opened} once the connection can carry frames (TCP connected, WS handshake done), every
 * server frame as a String (TCP heartbeats dropped), and {@link Callbacks#closed} once. It sends a
 * heartbeat (TCP {@code ping msg}, WS ping) after {@code heartbeat} without writing, so the server's idle
 * timeout never closes a quiet client.
 */
public final class SocketConnector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketConnector.class);
    private static final int MAX_FRAME = 1 << 20;

    /** What a connection reports, on its event loop. */
    public interface Callbacks {
        void opened(Channel channel);

        void text(Channel channel, String text);

        void closed(Channel channel, String reason);
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("gochat-client-io", true), NioIoHandler.newFactory());
    private final Duration heartbeat;
    private final Duration connectTimeout;

    public SocketConnector(Duration heartbeat, Duration connectTimeout) {
        this.heartbeat = heartbeat;
        this.connectTimeout = connectTimeout;
    }

    public EventLoopGroup group() {
        return group;
    }

    public ChannelFuture connect(Endpoint endpoint, Callbacks callbacks) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws SSLException {
                        ChannelPipeline p = ch.pipeline();
                        if (endpoint.isTcp()) {
                            p.addLast(new TcpFrameDecoder(TcpFrames.MAX_FRAME_LENGTH), TcpFrameEncoder.INSTANCE);
                        } else {
                            if (endpoint.isSecure()) {
                                SslContext ssl = SslContextBuilder.forClient().build();
                                p.addLast(ssl.newHandler(ch.alloc(), endpoint.uri().getHost(), endpoint.port()));
                            }
                            p.addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                            .webSocketUri(endpoint.uri())
                                            .maxFramePayloadLength(MAX_FRAME)
                                            .handshakeTimeoutMillis(connectTimeout.toMillis())
                                            .build()),
                                    new WebSocketFrameAggregator(MAX_FRAME), new WsText());
                        }
                        p.addLast(new IdleStateHandler(0, heartbeat.toMillis(), 0, TimeUnit.MILLISECONDS));
                        p.addLast(new Session(endpoint, callbacks));
                    }
                });
        return b.connect(endpoint.uri().getHost(), endpoint.port());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** WS text frames ↔ Strings; other frames (pong, binary) are dropped, control frames pass out. */
    private static final class WsText extends MessageToMessageCodec<WebSocketFrame, String> {
        @Override
        protected void encode(ChannelHandlerContext ctx, String text, List<Object> out) {
            out.add(new TextWebSocketFrame(text));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof TextWebSocketFrame text) {
                out.add(text.text());
            }
        }
    }

    private static final class Session extends SimpleChannelInboundHandler<String> {
        private final Endpoint endpoint;
        private final Callbacks callbacks;
        private String reason;

        Session(Endpoint endpoint, Callbacks callbacks) {
            this.endpoint = endpoint;
            this.callbacks = callbacks;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (endpoint.isTcp()) {
                callbacks.opened(ctx.channel());
            }
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                callbacks.opened(ctx.channel());
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                reason = "WebSocket handshake timed out";
            } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(endpoint.isTcp() ? TcpFrames.HEARTBEAT : new PingWebSocketFrame());
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String text) {
            if (!TcpFrames.isHeartbeat(text)) {
                callbacks.text(ctx.channel(), text);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            callbacks.closed(ctx.channel(), reason == null ? "connection closed by the server" : reason);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            log.debug("{}: {}", endpoint, reason);
            ctx.close();
        }
    }
}
