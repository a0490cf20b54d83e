package io.gochat.connect.session;

import io.gochat.connect.transport.Transport;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectSettings;
import io.gochat.connect.presence.ConnectionIds;
import io.gochat.connect.room.Buckets;
import io.netty.channel.group.ChannelGroup;
import io.gochat.connect.security.ConnectGuards;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection's session shares with the server (one instance per server, not per channel). */
public record SessionContext(ConnectSettings settings, Transport wire, Buckets buckets, LogicGateway logic,
                             ConnectMetrics metrics, ChannelGroup allChannels, ConnectionIds connectionIds,
                             ConnectGuards guards, SslContext tls, io.gochat.connect.messages.MessageFrames messages) {
    /** Without the frames of ops 40–59 (answered "unknown op"). */
    public SessionContext(ConnectSettings settings, Transport wire, Buckets buckets, LogicGateway logic,
                          ConnectMetrics metrics, ChannelGroup allChannels, ConnectionIds connectionIds,
                          ConnectGuards guards, SslContext tls) {
        this(settings, wire, buckets, logic, metrics, allChannels, connectionIds, guards, tls, null);
    }

    /** Without limits or TLS (handler tests about other things). */
    public SessionContext(ConnectSettings settings, Transport wire, Buckets buckets, LogicGateway logic,
                          ConnectMetrics metrics, ChannelGroup allChannels, AtomicLong connectionIds) {
        this(settings, wire, buckets, logic, metrics, allChannels, new ConnectionIds(connectionIds), ConnectGuards.none(),
                null);
    }
}
