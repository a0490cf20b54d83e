package io.gochat.connect.room;

import io.netty.channel.Channel;

/** One authenticated connection: the channel, whose it is and the room it joined. */
public record Member(Channel channel, long userId, String userName, long roomId, long connectionId) {
}
