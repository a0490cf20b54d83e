package io.gochat.connect.transport;

import io.gochat.common.protocol.TcpFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** How a body travels on each transport: encoded once per broadcast, then shared by every channel. */
public enum WireFormat {
    WS {
        @Override
        public ByteBuf encode(ByteBufAllocator alloc, String body) {
            return ByteBufUtil.writeUtf8(alloc, body);
        }

        @Override
        public Object share(ByteBuf encoded) {
            return new TextWebSocketFrame(encoded.retainedDuplicate());
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
    TCP {
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

    /** The wire bytes of {@code body} (the caller releases them after sharing). */
    public abstract ByteBuf encode(ByteBufAllocator alloc, String body);

    /** A message for one channel that shares the encoded bytes (one more reference). */
    public abstract Object share(ByteBuf encoded);

    /** What the server sends when the client has been silent for a while. */
    public abstract Object heartbeat();

    /** What the server sends last before it closes a connection (null: nothing beyond the error). */
    public abstract Object goodbye(String reason, boolean tooBig);
}
