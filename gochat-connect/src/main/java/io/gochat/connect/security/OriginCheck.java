package io.gochat.connect.security;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Before the WebSocket handshake: a request from a page whose Origin is not allowed gets 403 and a close. */
public final class OriginCheck extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);
    private final OriginPolicy policy;

    public OriginCheck(OriginPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!policy.allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
                log.info("refusing a WebSocket from origin {} (not in connect.ws.origins)", origin);
                var response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.FORBIDDEN,
                        Unpooled.copiedBuffer("origin not allowed\n", StandardCharsets.UTF_8));
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            // checked once: the connection is a WebSocket from here on
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
