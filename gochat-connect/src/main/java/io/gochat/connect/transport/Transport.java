package io.gochat.connect.transport;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.CoreConfigKeys;
import io.gochat.protocol.TcpFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * The client protocols a connect server speaks, and how a body travels on each: encoded once per
 * broadcast, then shared by every channel.
 */
public enum Transport {
    WS("ws", CoreConfigKeys.CONNECT_WS_PORT) {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, String body) {
            return WsFrames.text(alloc, body);
        }

        @Override
        public Object share(ByteBuf encoded) {
            return encoded.retainedDuplicate();
        }

        @Override
        public Object heartbeat() {
            return new PingWebSocketFrame();
        }

        @Override
        public Object goodbye(String reason, boolean tooBig) {
            return new CloseWebSocketFrame(tooBig ? WebSocketCloseStatus.MESSAGE_TOO_BIG
                    : WebSocketCloseStatus.POLICY_VIOLATION, reason);
        }
    },
    TCP("tcp", CoreConfigKeys.CONNECT_TCP_PORT) {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, String body) {
            return TcpFrames.encode(alloc, body);
        }

        @Override
        public Object share(ByteBuf encoded) {
            return encoded.retainedDuplicate();
        }

        @Override
        public Object heartbeat() {
            return TcpFrames.HEARTBEAT;
        }

        @Override
        public Object goodbye(String reason, boolean tooBig) {
            return null;
        }
    };

    private final String type;
    private final ConfigKey portKey;

    Transport(String type, ConfigKey portKey) {
        this.type = type;
        this.portKey = portKey;
    }

    /** The name in etcd ({@code type}), in server ids and in logs: "ws" or "tcp". */
    public String type() {
        return type;
    }

    /** The config key of the client port. */
    public ConfigKey portKey() {
        return portKey;
    }

    /** The wire bytes of {@code body} (the caller releases them after sharing). */
    public abstract ByteBuf encode(ByteBufAllocator alloc, String body);

    /** A message for one channel that shares the encoded bytes (one more reference). */
    public abstract Object share(ByteBuf encoded);

    /** What the server sends when the client has been silent for a while. */
    public abstract Object heartbeat();

    /** What the server sends last before it closes a connection (null: nothing beyond the error). */
    public abstract Object goodbye(String reason, boolean tooBig);
}
