package io.gochat.connect.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in every client pipeline: at most {@code connect.maxPerIp} open connections per client address
 * on this server; one more is closed at once, before any byte is read (0 = no cap). Behind a proxy every
 * client has the proxy's address: raise the cap there.
 */
@ChannelHandler.Sharable
public final class IpConnectionLimit extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(IpConnectionLimit.class);
    private static final AttributeKey<String> COUNTED = AttributeKey.valueOf("gochat.ipCounted");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("gochat.ipRefused");

    private final int max;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    public IpConnectionLimit(int max) {
        this.max = max;
    }

    public static String ip(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (max <= 0) {
            ctx.fireChannelActive();
            return;
        }
        String ip = ip(ctx);
        int n = open.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
        ctx.channel().attr(COUNTED).set(ip);
        if (n > max) {
            long r = refused.incrementAndGet();
            if (Long.bitCount(r) == 1 || r % 1000 == 0) {
                log.warn("refusing a connection from {}: {} open from there, connect.maxPerIp is {} ({} refused so far)",
                        ip, n - 1, max, r);
            }
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String ip = ctx.channel().attr(COUNTED).getAndSet(null);
        if (ip != null) {
            open.computeIfPresent(ip, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
        if (ctx.channel().hasAttr(REFUSED)) {
            return;   // the handlers after this one never saw it become active
        }
        ctx.fireChannelInactive();
    }

    /** Connections open from {@code ip} (tests). */
    public int openFrom(String ip) {
        AtomicInteger c = open.get(ip);
        return c == null ? 0 : c.get();
    }
}
