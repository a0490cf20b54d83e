package io.gochat.cluster.security;

import io.gochat.core.lifecycle.StartupException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that an RPC comes from a cluster member: every call carries {@code <epoch ms>.<nonce>.<HMAC>},
 * the HMAC-SHA256 (keyed with {@code cluster.secret}) of the timestamp, nonce, interface and method.
 * The secret itself never travels. A callee refuses calls without it, with a wrong MAC, or older
 * (or newer) than {@link #WINDOW_MILLIS}: a captured call cannot be replayed later than that, nor
 * turned into a call of another method. Disabled (every call passes) when the secret is empty, which
 * {@link BindPolicy} allows only on loopback.
 */
public final class ClusterCredential {
    /** The Dubbo attachment carrying the proof. */
    public static final String ATTACHMENT = "gochat-cluster-auth";
    public static final long WINDOW_MILLIS = 120_000;
    public static final int MIN_SECRET_LENGTH = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final ThreadLocal<Mac> macs;

    private ClusterCredential(byte[] key) {
        this.key = key;
        this.macs = key == null ? null : ThreadLocal.withInitial(this::newMac);
    }

    /** @param secret {@code cluster.secret}; empty = no credential (loopback-only clusters) */
    public static ClusterCredential of(String secret) {
        if (secret == null || secret.isEmpty()) {
            return new ClusterCredential(null);
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new StartupException("cluster.secret must be at least " + MIN_SECRET_LENGTH
                    + " characters (e.g. openssl rand -base64 32)");
        }
        try {
            // a fixed derivation: the MAC key is never the configured string itself
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest(("gochat-cluster-v1:" + secret).getBytes(StandardCharsets.UTF_8));
            return new ClusterCredential(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public boolean enabled() {
        return key != null;
    }

    /** The attachment value for one call of {@code service.method}. */
    public String sign(String service, String method) {
        long now = System.currentTimeMillis();
        long nonce = ThreadLocalRandom.current().nextLong();
        return now + "." + Long.toHexString(nonce) + "." + mac(now, Long.toHexString(nonce), service, method);
    }

    /** Null when {@code value} proves membership for {@code service.method} now, else why not. */
    public String problem(String value, String service, String method) {
        if (value == null || value.isEmpty()) {
            return "no cluster credential";
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return "malformed cluster credential";
        }
        long ts;
        try {
            ts = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return "malformed cluster credential";
        }
        if (Math.abs(System.currentTimeMillis() - ts) > WINDOW_MILLIS) {
            return "cluster credential outside the " + WINDOW_MILLIS / 1000 + " s window (clock skew or replay)";
        }
        byte[] expected = mac(ts, parts[1], service, method).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return "wrong cluster credential";
        }
        return null;
    }

    private String mac(long ts, String nonce, String service, String method) {
        Mac mac = macs.get();
        mac.update((ts + "." + nonce + "." + service + "." + method).getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
