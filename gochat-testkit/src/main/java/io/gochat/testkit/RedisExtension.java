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
    private ExternalProcess process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path binary = NativeBinary.find("redis-server", "redis-server");
        Path dir = Files.createTempDirectory("gochat-redis-");
        port = FreePorts.next();
        process = new ExternalProcess("redis", List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--loglevel", "warning"), dir);
        process.awaitPort(port, Duration.ofSeconds(20));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            process.close();
        }
    }

    /** As {@code redis.url} takes it. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
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
