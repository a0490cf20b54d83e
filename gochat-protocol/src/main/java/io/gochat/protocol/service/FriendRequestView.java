package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A friend request.
 *
 * @param state     {@code pending}, {@code accepted}, {@code declined} or {@code expired}
 * @param expiresAt epoch ms after which a pending request can no longer be accepted
 */
public record FriendRequestView(long id, long fromUserId, String fromUserName, long toUserId, String toUserName,
                                String note, String state, long createdAt, long expiresAt) implements Serializable {
}
