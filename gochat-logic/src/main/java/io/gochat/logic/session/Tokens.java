package io.gochat.logic.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Session tokens as gochat makes them: 32 random bytes, URL-safe base64 with padding (44 chars). */
public final class Tokens {
    /** Longer input is not a token of ours; refusing it early keeps junk out of Redis key names. */
    public static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    public static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_LENGTH;
    }
}
