package io.gochat.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * Runs a real redis-server on a free loopback port, persisting nothing, for a test class:
 * {@code @RegisterExtension static RedisExtension redis = new RedisExtension();}
 * It never touches the machine's own Redis on 6379.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {
    private final String host;
    private ExternalProcess process;
    private int port;

    public RedisExtension() {
        this("127.0.0.1");
    }

    /**
     * @param host the address clients use ({@link #url()}); the server listens on it and on 127.0.0.1
     *             (e.g. the host end of a veth pair, so a process in a network namespace reaches it)
     */
    public RedisExtension(String host) {
        this.host = host;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        port = FreePorts.next();
        start();
    }

    private void start() throws IOException {
        Path binary = NativeBinary.find("redis-server", "redis-server");
        Path dir = Files.createTempDirectory("gochat-redis-");
        String bind = host.equals("127.0.0.1") ? host : "127.0.0.1 " + host;
        process = new ExternalProcess("redis", List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", bind, "--protected-mode", host.equals("127.0.0.1") ? "yes" : "no", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--loglevel", "warning"), dir);
        process.awaitPort(port, Duration.ofSeconds(20));
    }

    /**
     * A fault: the server is killed (SIGKILL) and started again on the same port with nothing in it, as a
     * Redis without persistence comes back after a crash. Clients see their connections fail meanwhile.
     */
    public void restartEmpty(Duration down) throws IOException {
        process.kill();
        process.close();
        java.util.concurrent.locks.LockSupport.parkNanos(down.toNanos());   // the outage the fault is about
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            process.close();
        }
    }

    /** As {@code redis.url} takes it. */
    public String url() {
        return "redis://" + host + ":" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** A fresh connection to this server; the caller closes it. */
    public Jedis jedis() {
        return new Jedis("127.0.0.1", port);
    }

    /** A pooled client of this server, as the modules use one; the caller closes it. */
    public redis.clients.jedis.RedisClient client() {
        return redis.clients.jedis.RedisClient.create("127.0.0.1", port);
    }

    public void flushAll() {
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
        }
    }
}
