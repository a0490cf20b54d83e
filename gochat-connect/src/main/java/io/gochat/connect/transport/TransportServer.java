package io.gochat.connect.transport;

import io.gochat.core.lifecycle.StartupException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Netty server socket with its event loops (epoll when available and wanted). */
public final class TransportServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransportServer.class);
    /** Above this many queued outbound bytes a channel counts as a slow reader. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> channelClass;
    private final boolean epoll;
    private Channel serverChannel;

    public TransportServer(String name, boolean wantEpoll) {
        this.epoll = wantEpoll && Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept"), factory);
        this.workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory(name + "-io"), factory);
        this.channelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        log.debug("{} uses {}", name, epoll ? "epoll" : "nio");
    }

    /** "epoll" or "nio". */
    public String ioKind() {
        return epoll ? "epoll" : "nio";
    }

    /** Binds or throws {@link StartupException} (the caller closes this server). */
    public int bind(String host, int port, ChannelInitializer<SocketChannel> initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer);
        if (epoll) {
            // a peer that vanished without a FIN/RST (cable pulled, VM gone) is noticed in about
            // 90 s even when it never sends: keepalive probes, and unacknowledged writes time out
            bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, 60)
                    .childOption(EpollChannelOption.TCP_KEEPINTVL, 10)
                    .childOption(EpollChannelOption.TCP_KEEPCNT, 3)
                    .childOption(EpollChannelOption.TCP_USER_TIMEOUT, 90_000);
        }
        try {
            serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new StartupException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Runs {@code task} every {@code period} on the accept loop (cheap housekeeping only). */
    public void every(java.time.Duration period, Runnable task) {
        boss.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops accepting connections. */
    public void closeListener() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        closeListener();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
