package io.gochat.connect.transport;

import io.gochat.connect.ConnectSettings;
import io.gochat.connect.session.SessionContext;
import io.gochat.connect.security.OriginCheck;
import io.gochat.connect.session.SessionHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;

/** The WebSocket pipeline, in order. Idle handlers sit first so that any bytes (pongs too) count as traffic. */
public final class WsServerInitializer extends ChannelInitializer<SocketChannel> {
    public static final String PATH = "/ws";
    private static final int MAX_HTTP_REQUEST = 8192;

    private final SessionContext shared;
    private final WebSocketServerProtocolConfig wsConfig;

    public WsServerInitializer(SessionContext shared) {
        this.shared = shared;
        ConnectSettings s = shared.settings();
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .allowExtensions(true)
                .maxFramePayloadLength(s.wsMaxFrame())
                .handshakeTimeoutMillis(s.authTimeout().toMillis())
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectSettings s = shared.settings();
        ChannelPipeline p = ch.pipeline();
        ClientPipelines.guard(p, shared, ch);
        p.addLast("flush", new FlushConsolidationHandler(256, true));
        p.addLast("idle", new IdleGuard(s.heartbeatInterval(), s.idleTimeout(), shared.metrics()));
        p.addLast("http", new HttpServerCodec());
        p.addLast("httpAggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST));
        p.addLast("origin", new OriginCheck(shared.guards().origins()));
        p.addLast("ws", new WebSocketServerProtocolHandler(wsConfig));
        p.addLast("wsAggregator", new WebSocketFrameAggregator(s.wsMaxFrame()));
        p.addLast("textEncoder", WsTextEncoder.INSTANCE);
        p.addLast("frames", WsFrameHandler.INSTANCE);
        p.addLast("session", new SessionHandler(shared));
    }
}
