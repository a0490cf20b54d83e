package io.gochat.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for 127.0.0.1 / localhost, made by the JDK's own keytool in a
 * test's temporary directory and written as the PEM files servers take ({@code cert.pem}, PKCS#8
 * {@code key.pem}). No private key is ever checked in. {@link #clientContext} trusts exactly it.
 */
public final class SelfSignedPem {
    private final Path cert;
    private final Path key;
    private final X509Certificate certificate;

    private SelfSignedPem(Path cert, Path key, X509Certificate certificate) {
        this.cert = cert;
        this.key = key;
        this.certificate = certificate;
    }

    public static SelfSignedPem create(Path dir) {
        try {
            Path store = dir.resolve("self-signed.p12");
            Files.deleteIfExists(store);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass",
                    "changeit").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            PrivateKey privateKey = (PrivateKey) ks.getKey("test", "changeit".toCharArray());
            X509Certificate certificate = (X509Certificate) ks.getCertificate("test");
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
            return new SelfSignedPem(cert, key, certificate);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public Path cert() {
        return cert;
    }

    public Path key() {
        return key;
    }

    /** A client TLS context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("test", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
