package io.gochat.connect.transport;

import io.gochat.connect.session.HeartbeatDue;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Fires {@link HeartbeatDue} each time the client has sent nothing for the heartbeat interval. */
public final class HeartbeatTrigger extends IdleStateHandler {
    public HeartbeatTrigger(long intervalMillis) {
        super(intervalMillis, 0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        ctx.fireUserEventTriggered(HeartbeatDue.INSTANCE);
    }
}
