package io.gochat.connect.room;

import io.netty.channel.Channel;

/**
 * One authenticated connection: the channel, whose it is and the room it joined.
 *
 * @param tokenHash {@link io.gochat.protocol.service.SessionTokens#hash} of the token the connection
 *                  authenticated with, so a logout can close exactly that session's sockets
 */
public record Member(Channel channel, long userId, String userName, long roomId, long connectionId, int tokenHash) {
}
