package io.gochat.logic.media;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed download links: {@code /file/<id>?exp=<epoch s>&sig=<HMAC-SHA256>} (a thumbnail adds {@code thumb=1}),
 * so a page puts no session token in a URL. The HMAC covers the file id, the thumbnail flag and the expiry; its
 * key is derived from the cluster secret (every logic server signs and checks alike), or, when the cluster has
 * no secret (RPC on loopback only), a random key shared through Redis by the logic servers of that Redis. A link
 * is issued only to a user who may download the file, and works for anyone holding it until it expires
 * ({@code file.linkTtl}).
 */
public final class FileLinks {
    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] key;
    private final Duration ttl;

    /** @param key at least 16 bytes */
    public FileLinks(byte[] key, Duration ttl) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a file link key must be at least 16 bytes");
        }
        this.key = key.clone();
        this.ttl = ttl;
    }

    /** The key for {@code clusterSecret}: an HMAC of a fixed label, so the secret itself never signs a URL. */
    public static byte[] keyFromSecret(String clusterSecret) {
        return hmac(clusterSecret.getBytes(StandardCharsets.UTF_8), "gochat file links v1");
    }

    public Duration ttl() {
        return ttl;
    }

    /** When a link made now expires (epoch seconds). */
    public long expiry(long nowMillis) {
        return nowMillis / 1000 + Math.max(1, ttl.toSeconds());
    }

    public String sign(String fileId, boolean thumbnail, long expiresAt) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, message(fileId, thumbnail, expiresAt)));
    }

    /** The relative URL of a link (what the api serves). */
    public String url(String fileId, boolean thumbnail, long expiresAt) {
        return "/file/" + fileId + "?exp=" + expiresAt + (thumbnail ? "&thumb=1" : "") + "&sig=" + sign(fileId, thumbnail, expiresAt);
    }

    /** Null when the link is good now, else why not (expired, or a signature that does not match). */
    public String problem(String fileId, boolean thumbnail, long expiresAt, String signature, long nowMillis) {
        if (signature == null || signature.isBlank()) {
            return "the link has no signature";
        }
        if (expiresAt <= 0 || nowMillis / 1000 >= expiresAt) {
            return "the link has expired";
        }
        byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = sign(fileId, thumbnail, expiresAt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? null : "the link is not valid";
    }

    private static String message(String fileId, boolean thumbnail, long expiresAt) {
        return fileId + "\n" + (thumbnail ? 1 : 0) + "\n" + expiresAt;
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
