package io.gochat.bench.api;

import io.gochat.bench.client.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A keep-alive HTTP/1.1 client on Netty: a pool of connections, one request at a time on each. The
 * pool grows to whatever concurrency the caller uses (the load driver bounds it).
 */
public final class NettyHttpPoster implements HttpPoster {
    private static final AttributeKey<CompletableFuture<byte[]>> PENDING = AttributeKey.valueOf("bench.pending");

    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final Queue<Channel> idle = new ConcurrentLinkedQueue<>();

    public NettyHttpPoster(String base, Transport transport) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.hostHeader = host + ":" + port;
        this.bootstrap = new Bootstrap().group(transport.group()).channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new ReplyHandler());
                    }
                });
    }

    @Override
    public CompletableFuture<byte[]> post(String path, String json) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        Channel ch = idle.poll();
        while (ch != null && !ch.isActive()) {
            ch = idle.poll();
        }
        if (ch != null) {
            send(ch, path, json, reply);
        } else {
            bootstrap.connect(host, port).addListener(f -> {
                if (f.isSuccess()) {
                    send(((io.netty.channel.ChannelFuture) f).channel(), path, json, reply);
                } else {
                    reply.completeExceptionally(f.cause());
                }
            });
        }
        return reply;
    }

    private void send(Channel ch, String path, String json, CompletableFuture<byte[]> reply) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                ch.alloc().buffer(body.length).writeBytes(body));
        req.headers().set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ch.attr(PENDING).set(reply);
        ch.writeAndFlush(req).addListener(f -> {
            if (!f.isSuccess()) {
                ch.attr(PENDING).set(null);
                reply.completeExceptionally(f.cause());
                ch.close();
            }
        });
    }

    private final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse resp) {
            CompletableFuture<byte[]> reply = ctx.channel().attr(PENDING).getAndSet(null);
            byte[] body = ByteBufUtil.getBytes(resp.content());
            idle.add(ctx.channel());   // free for the next request before the caller continues
            if (reply != null) {
                reply.complete(body);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<byte[]> reply = ctx.channel().attr(PENDING).getAndSet(null);
            if (reply != null) {
                reply.completeExceptionally(new IOException("connection closed"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
