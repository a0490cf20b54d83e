package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Answer to a login for a token pair and to a refresh: a short-lived access token (what every other
 * call and the socket auth frame take) and a refresh token that buys the next pair once, without the
 * password. Code 1 with a reason, or 40000 for a refresh token that is unknown, used or expired.
 */
public record TokenReply(int code, String message, String accessToken, String refreshToken, long accessExpiresIn,
                         long refreshExpiresIn) implements Serializable {
    public static TokenReply ok(String message, String access, String refresh, long accessSeconds, long refreshSeconds) {
        return new TokenReply(0, message, access, refresh, accessSeconds, refreshSeconds);
    }

    public static TokenReply fail(String message) {
        return new TokenReply(1, message, null, null, 0, 0);
    }

    public static TokenReply badSession() {
        return new TokenReply(PushReply.SESSION_ERROR, "Session error", null, null, 0, 0);
    }

    public boolean ok() {
        return code == 0;
    }
}
