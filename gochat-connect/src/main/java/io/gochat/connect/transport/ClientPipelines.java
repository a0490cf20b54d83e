package io.gochat.connect.transport;

import io.gochat.connect.session.SessionContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/** The first handlers of every client pipeline, WS and TCP: the per-IP connection cap, then TLS when configured. */
final class ClientPipelines {
    private ClientPipelines() {
    }

    static void guard(ChannelPipeline p, SessionContext shared, SocketChannel ch) {
        p.addLast("ipLimit", shared.guards().connectionsPerIp());
        if (shared.tls() != null) {
            p.addLast("tls", shared.tls().newHandler(ch.alloc()));
        }
    }
}
