package io.gochat.bench.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;

/** After the handshake sends the auth frame; then counts text frames (the first one means "joined"). */
final class WsClientHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final FleetState state;
    private final String authFrame;
    private boolean joined;

    WsClientHandler(FleetState state, String authFrame) {
        this.state = state;
        this.authFrame = authFrame;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            state.connected.increment();
            ctx.writeAndFlush(new TextWebSocketFrame(authFrame));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            state.failed.increment();
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if (!joined) {
            joined = true;
            state.joined.increment();
        }
        state.meter.onFrame(frame.content());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state.closed.increment();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
