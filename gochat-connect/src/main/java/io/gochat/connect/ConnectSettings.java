package io.gochat.connect;

import io.gochat.connect.transport.Transport;
import io.gochat.core.config.CoreConfigKeys;
import io.gochat.core.config.ConfigException;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import java.time.Duration;

/** The connect server's configuration, read and checked once. */
/**
 * @param tcpIdleTimeout zero: authenticated TCP clients may stay silent (gochat's never send after
 *                       joining); dead TCP peers are then found by TCP keepalive
 */
public record ConnectSettings(String host, int port, int buckets, Duration authTimeout, Duration idleTimeout,
                              int wsMaxFrame, int tcpMaxFrame, SlowReaderPolicy slowReader, boolean epoll,
                              Duration tcpIdleTimeout) {

    /** What happens to a channel whose outbound buffer is above the high-water mark. */
    public enum SlowReaderPolicy { DROP, CLOSE }

    public static ConnectSettings from(GochatConfig config, Transport transport) {
        int port = config.integer(transport.portKey());
        int buckets = config.integer(ConnectConfigKeys.CONNECT_BUCKETS);
        if (buckets < 0) {
            throw new ConfigException("connect.buckets must be >= 0");
        }
        if (buckets == 0) {
            buckets = 2 * Runtime.getRuntime().availableProcessors();
        }
        int tcpMax = config.integer(ConnectConfigKeys.CONNECT_TCP_MAX_FRAME);
        if (tcpMax < 4 || tcpMax > 32767) {
            throw new ConfigException("connect.tcp.maxFrame must be within 4..32767");
        }
        int wsMax = config.integer(ConnectConfigKeys.CONNECT_WS_MAX_FRAME);
        if (wsMax < 1) {
            throw new ConfigException("connect.ws.maxFrame must be positive");
        }
        String policy = config.string(ConnectConfigKeys.CONNECT_SLOW_READER).toLowerCase(java.util.Locale.ROOT);
        SlowReaderPolicy slow = switch (policy) {
            case "drop" -> SlowReaderPolicy.DROP;
            case "close" -> SlowReaderPolicy.CLOSE;
            default -> throw new ConfigException("connect.slowReader must be drop or close, not " + policy);
        };
        Duration auth = config.duration(ConnectConfigKeys.CONNECT_AUTH_TIMEOUT);
        Duration idle = config.duration(ConnectConfigKeys.CONNECT_IDLE_TIMEOUT);
        if (auth.isZero() || auth.isNegative() || idle.isZero() || idle.isNegative()) {
            throw new ConfigException("connect.auth.timeout and connect.idle.timeout must be positive");
        }
        Duration tcpIdle = config.duration(ConnectConfigKeys.CONNECT_TCP_IDLE_TIMEOUT);
        return new ConnectSettings(config.string(CoreConfigKeys.LISTEN_HOST), port, buckets, auth, idle, wsMax, tcpMax,
                slow, config.bool(ConnectConfigKeys.EPOLL), tcpIdle);
    }

    /** The server pings (WS) or sends a heartbeat frame (TCP) after this much silence from the client. */
    public Duration heartbeatInterval() {
        return idleTimeout.multipliedBy(9).dividedBy(10);
    }
}
