package io.gochat.connect.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/** Session replies (Strings) become WebSocket text frames. */
@ChannelHandler.Sharable
public final class WsTextEncoder extends MessageToMessageEncoder<CharSequence> {
    public static final WsTextEncoder INSTANCE = new WsTextEncoder();

    private WsTextEncoder() {
        super(CharSequence.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence text, List<Object> out) {
        out.add(new TextWebSocketFrame(text.toString()));
    }
}
