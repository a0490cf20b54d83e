package io.gochat.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three primaries ({@code --cluster-enabled yes}, no replicas) on free loopback ports,
 * joined by {@code redis-cli --cluster create}, persisting nothing, for a test class.
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private final List<ExternalProcess> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        Path binary = NativeBinary.find("redis-server", "redis-server");
        Path cli = NativeBinary.find("redis-cli", "redis-tools");
        for (int i = 0; i < 3; i++) {
            int port = FreePorts.next();
            Path dir = Files.createTempDirectory("gochat-redis-cluster-");
            ExternalProcess p = new ExternalProcess("redis", List.of(binary.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--daemonize", "no", "--loglevel", "warning", "--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes.conf").toString(), "--cluster-node-timeout", "2000"), dir);
            nodes.add(p);
            ports.add(port);
            p.awaitPort(port, Duration.ofSeconds(20));
        }
        List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + out);
        }
        Eventually.await(Duration.ofSeconds(20), "every node sees the cluster ok", () -> {
            for (int port : ports) {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    if (!j.clusterInfo().contains("cluster_state:ok")) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        nodes.forEach(ExternalProcess::close);
    }

    /** As {@code redis.url} takes it: every node (one would do). */
    public String url() {
        StringBuilder b = new StringBuilder("redis-cluster://");
        for (int i = 0; i < ports.size(); i++) {
            b.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports.get(i));
        }
        return b.toString();
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }
}
