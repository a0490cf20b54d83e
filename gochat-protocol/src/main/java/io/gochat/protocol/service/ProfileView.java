package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A user as another user sees them.
 *
 * @param status   {@code online}, {@code away}, {@code busy} or {@code offline} (also for users who chose
 *                 invisible, and for users who blocked the viewer); one's own profile shows the status chosen
 * @param lastSeen epoch ms of the last connect or disconnect seen; 0 = unknown or hidden
 */
public record ProfileView(long userId, String userName, String nickname, String avatarUrl, String bio,
                          String status, long lastSeen) implements Serializable {
}
