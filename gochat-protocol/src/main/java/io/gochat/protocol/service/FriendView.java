package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * One friend in the caller's list.
 *
 * @param remark the caller's private alias for this friend ("" = none)
 * @param since  epoch ms when the friendship began
 */
public record FriendView(ProfileView user, String remark, long since) implements Serializable {
}
