package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Who owns a valid token. Logic answers {@code null} for a missing, revoked or expired token.
 *
 * @param expiresAt epoch ms when the token stops being valid (a connection it opened is closed then);
 *                  0 = not known (a session stored before expiries were recorded)
 */
public record SessionInfo(long userId, String userName, long expiresAt) implements Serializable {
    public SessionInfo(long userId, String userName) {
        this(userId, userName, 0);
    }
}
