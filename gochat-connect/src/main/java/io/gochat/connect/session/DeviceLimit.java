package io.gochat.connect.session;

import io.gochat.connect.room.Member;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connect.maxPerUser}: when a user's new connection makes one too many on this server, the
 * oldest ones get a notice frame and are closed (devices and tabs rotate; the newest always works).
 */
final class DeviceLimit {
    private static final Logger log = LoggerFactory.getLogger(DeviceLimit.class);

    private DeviceLimit() {
    }

    static void closeOldest(SessionContext shared, Member newest) {
        int max = shared.guards().maxPerUser();
        if (max <= 0) {
            return;
        }
        List<Member> mine = new ArrayList<>();
        shared.buckets().forEachOfUser(newest.userId(), mine::add);
        if (mine.size() <= max) {
            return;
        }
        mine.sort(Comparator.comparingLong(Member::connectionId));
        String notice = ErrorReply.json("signed out here: more than " + max
                + " connections of this user; the oldest is closed");
        for (Member old : mine.subList(0, mine.size() - max)) {
            if (old.channel() == newest.channel()) {
                continue;
            }
            log.info("user {} has more than {} connections: closing the oldest (conn {})", old.userId(), max,
                    old.connectionId());
            Channel ch = old.channel();
            ch.write(notice);
            Object goodbye = shared.wire().goodbye("too many connections", false);
            ch.writeAndFlush(goodbye != null ? goodbye : Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
