package io.gochat.core.tls;

import io.gochat.core.config.ConfigException;
import io.gochat.core.config.CoreConfigKeys;
import io.gochat.core.config.GochatConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * The server's TLS identity from PEM files ({@code tls.cert}: the certificate chain, leaf first;
 * {@code tls.key}: its unencrypted PKCS#8 private key, RSA, EC or Ed25519 — what certbot and
 * {@code openssl genpkey} write; convert an old "RSA PRIVATE KEY" with
 * {@code openssl pkcs8 -topk8 -nocrypt}). The JDK reads them; no extra library.
 */
public record PemFiles(PrivateKey key, X509Certificate[] chain) {
    public static final char[] NO_PASSWORD = new char[0];

    /** The configured identity, or null when {@code tls.cert} is empty (plain text). */
    public static PemFiles fromConfig(GochatConfig config) {
        String cert = config.string(CoreConfigKeys.TLS_CERT);
        String key = config.string(CoreConfigKeys.TLS_KEY);
        if (cert.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw new ConfigException("tls.cert and tls.key go together: set both or neither");
        }
        return load(Path.of(cert), Path.of(key));
    }

    public static PemFiles load(Path certFile, Path keyFile) {
        X509Certificate[] chain;
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)));
            chain = certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("tls.cert " + certFile + " is not a readable PEM certificate: " + e.getMessage());
        }
        if (chain.length == 0) {
            throw new ConfigException("tls.cert " + certFile + " holds no certificate");
        }
        return new PemFiles(privateKey(keyFile), chain);
    }

    private static PrivateKey privateKey(Path keyFile) {
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException("tls.key " + keyFile + " cannot be read: " + e.getMessage());
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new ConfigException("tls.key " + keyFile + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next
            }
        }
        throw new ConfigException("tls.key " + keyFile + " is not an RSA, EC or Ed25519 key");
    }

    /** An in-memory key store holding this identity (for Jetty). */
    public KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("gochat", key, NO_PASSWORD, chain);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot build a key store from tls.cert/tls.key: " + e.getMessage());
        }
    }
}
