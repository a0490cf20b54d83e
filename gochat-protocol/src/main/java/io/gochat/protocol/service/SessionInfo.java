package io.gochat.protocol.service;

import java.io.Serializable;

/** Who owns a valid token. Logic answers {@code null} for a missing, revoked or expired token. */
public record SessionInfo(long userId, String userName) implements Serializable {
}
