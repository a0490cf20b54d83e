package io.gochat.logic.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow password hashes (gochat stored unsalted SHA-1): PBKDF2-HMAC-SHA256 with a random
 * 16-byte salt, stored as {@code pbkdf2$<iterations>$<salt b64>$<hash b64>}. 600,000 iterations, as
 * OWASP's password storage guidance asks for PBKDF2-HMAC-SHA256. The iteration count is kept in the
 * stored value, so raising the default later does not break existing users, and a hash made with fewer
 * iterations is replaced at the user's next login ({@link #needsUpgrade}).
 */
public final class PasswordHasher {
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the user does not exist, so a missing user costs as much as a wrong password. */
    private final String decoy;

    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
        // random salt and hash in the stored format: verifying against it costs a real derivation (and
        // fails), while making it costs nothing (a real 600,000-round hash here delayed start-up by seconds)
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BITS / 8];
        random.nextBytes(salt);
        random.nextBytes(hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        this.decoy = "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** True if {@code password} matches {@code stored}; false for any other stored format. */
    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
            return false;
        }
        try {
            int iter = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iter));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True for a PBKDF2 hash made with fewer iterations than this hasher uses (re-hash it after a good login). */
    public boolean needsUpgrade(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        try {
            return parts.length == 4 && Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Spends the time of one verification, for a user name that does not exist. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
