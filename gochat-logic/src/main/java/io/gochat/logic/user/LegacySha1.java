package io.gochat.logic.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Recognises passwords in a database taken over from gochat (unsalted SHA-1 hex of the plaintext),
 * so those users can still log in once; their hash is then replaced by a PBKDF2 one.
 */
final class LegacySha1 {
    private LegacySha1() {
    }

    static boolean isLegacy(String stored) {
        return stored != null && stored.length() == 40 && stored.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    static boolean matches(String password, String stored) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().parseHex(stored.toLowerCase());
            return MessageDigest.isEqual(digest, expected);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
