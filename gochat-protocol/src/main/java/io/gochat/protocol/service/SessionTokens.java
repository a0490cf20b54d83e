package io.gochat.protocol.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A short fingerprint of a session token. Connect servers keep it per connection (4 bytes instead of
 * the token) so that logic can ask them to close the sockets of a session that was logged out.
 */
public final class SessionTokens {
    private SessionTokens() {
    }

    public static int hash(String token) {
        if (token == null) {
            return 0;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
