package io.gochat.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens many authenticated connections (WS or TCP) with a bounded number of connects in flight, binding
 * round-robin to the given loopback source addresses, and keeps them until {@link #close()}.
 */
public final class ClientFleet implements AutoCloseable {
    private final Transport transport;
    private final FleetState state;
    private final Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    private final List<String> localAddresses;
    private final Semaphore inFlight;
    private int next;

    public ClientFleet(Transport transport, FleetState state, List<String> localAddresses, int maxInFlight) {
        this.transport = transport;
        this.state = state;
        this.localAddresses = localAddresses;
        this.inFlight = new Semaphore(maxInFlight);
    }

    public FleetState state() {
        return state;
    }

    /** Opens one connection; blocks while too many connects are in flight. */
    public Channel open(ClientKind kind, String host, int port, String token, long roomId) throws InterruptedException {
        ChannelInitializer<SocketChannel> init = kind == ClientKind.WS
                ? ClientInitializers.ws(URI.create("ws://" + host + ":" + port + "/ws"), state, AuthFrames.ws(token, roomId))
                : ClientInitializers.tcp(state, AuthFrames.tcp(token, roomId));
        Bootstrap b = new Bootstrap().group(transport.group()).channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(init);
        inFlight.acquire();
        InetSocketAddress remote = new InetSocketAddress(host, port);
        ChannelFuture f = localAddresses.isEmpty() ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(localAddresses.get(next++ % localAddresses.size()), 0));
        f.addListener(done -> {
            inFlight.release();
            if (!done.isSuccess()) {
                state.failed.increment();
            }
        });
        channels.add(f.channel());
        return f.channel();
    }

    /** Waits until {@code connected} reaches {@code want} or nothing has changed for {@code stallMillis}. */
    public long awaitConnected(long want, long stallMillis, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        long last = -1;
        long lastChange = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long c = state.connected.sum();
            if (c >= want) {
                return c;
            }
            if (c != last) {
                last = c;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > stallMillis) {
                break;
            }
            Thread.sleep(100);
        }
        return state.connected.sum();
    }

    /** Waits until the frame counter has not moved for {@code quietMillis} (join notices have settled). */
    public void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        long last = state.meter.frames();
        long lastChange = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - lastChange < quietMillis) {
            Thread.sleep(50);
            long f = state.meter.frames();
            if (f != last) {
                last = f;
                lastChange = System.currentTimeMillis();
            }
        }
    }

    /** Sends a text frame on an open WS channel (used to send room messages over the socket). */
    public static void sendWsText(Channel ch, String text) {
        ch.writeAndFlush(new TextWebSocketFrame(text));
    }

    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close();
        }
        for (Channel ch : channels) {
            ch.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }
}
