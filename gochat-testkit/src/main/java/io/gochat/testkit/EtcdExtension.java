package io.gochat.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real single-node etcd on free loopback ports with a temporary data dir for a test class:
 * {@code @RegisterExtension static EtcdExtension etcd = new EtcdExtension();}
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {
    private final String host;
    private ExternalProcess process;
    private int clientPort;
    private int peerPort;
    private Path dir;

    public EtcdExtension() {
        this("127.0.0.1");
    }

    /** @param host the address etcd listens on and clients use (e.g. the host end of a veth pair) */
    public EtcdExtension(String host) {
        this.host = host;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public void start() throws IOException {
        dir = Files.createTempDirectory("gochat-etcd-");
        clientPort = FreePorts.next();
        peerPort = FreePorts.next();
        run();
    }

    /**
     * A fault: etcd is killed (SIGKILL) and started again on the same ports with its data (members,
     * keys, leases), as a crashed etcd comes back; {@code down} is how long it stays away.
     */
    public void restart(Duration down) throws IOException {
        process.kill();
        java.util.concurrent.locks.LockSupport.parkNanos(down.toNanos());   // the outage the fault is about
        run();
    }

    private void run() throws IOException {
        Path binary = NativeBinary.find("etcd", "etcd-server");
        String client = "http://" + host + ":" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ExternalProcess("etcd", List.of(binary.toString(),
                "--name", "test", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer, "--log-level", "warn", "--logger", "zap"), dir);
        process.awaitPort(host, clientPort, Duration.ofSeconds(20));
        Eventually.await(Duration.ofSeconds(20), "etcd healthy at " + client, this::healthy);
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoints() + "/health").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("true");
            }
        } catch (IOException e) {
            return false;
        }
    }

    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** The client URL, e.g. {@code http://127.0.0.1:41234}, as {@code etcd.endpoints} takes it. */
    public String endpoints() {
        return "http://" + host + ":" + clientPort;
    }
}
