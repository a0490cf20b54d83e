package io.gochat.bench.client;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;

/** The client pipelines: Netty's WebSocket client protocol handler, or the gochat TCP frame slicer. */
final class ClientInitializers {
    private static final int MAX_FRAME = 1 << 20;

    private ClientInitializers() {
    }

    static ChannelInitializer<SocketChannel> ws(URI uri, FleetState state, String authFrame) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(30_000)
                .dropPongFrames(true)
                .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                        new WsClientHandler(state, authFrame));
            }
        };
    }

    static ChannelInitializer<SocketChannel> tcp(FleetState state, String authFrame) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new TcpFrameSlicer(), new TcpClientHandler(state, authFrame));
            }
        };
    }
}
