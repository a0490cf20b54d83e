package io.gochat.connect.transport;

import io.gochat.protocol.TcpFrameDecoder;
import io.gochat.protocol.TcpFrameEncoder;
import io.gochat.connect.ConnectSettings;
import io.gochat.connect.session.SessionContext;
import io.gochat.connect.session.SessionHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;

/** The TCP pipeline (gochat's v1 frames), in order. */
public final class TcpServerInitializer extends ChannelInitializer<SocketChannel> {
    private final SessionContext shared;

    public TcpServerInitializer(SessionContext shared) {
        this.shared = shared;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectSettings s = shared.settings();
        ChannelPipeline p = ch.pipeline();
        ClientPipelines.guard(p, shared, ch);
        p.addLast("flush", new FlushConsolidationHandler(256, true));
        p.addLast("idle", new IdleGuard(s.heartbeatInterval(), s.tcpIdleTimeout(), shared.metrics()));
        p.addLast("frameDecoder", new TcpFrameDecoder(s.tcpMaxFrame()));
        p.addLast("frameEncoder", TcpFrameEncoder.INSTANCE);
        p.addLast("session", new SessionHandler(shared));
    }
}
