package io.gochat.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A primary, a replica and three Sentinels (Debian's {@code redis-server} and {@code redis-sentinel}) on free
 * loopback ports, persisting nothing, for a test class. The Sentinels watch the primary as {@value #MASTER},
 * declare it down after 1 s without an answer and fail over with a quorum of 2.
 * {@code @RegisterExtension static RedisSentinelExtension redis = new RedisSentinelExtension();} (a fresh one
 * for each test when the field is not static).
 */
public final class RedisSentinelExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    public static final String MASTER = "gochat";
    private final List<ExternalProcess> servers = new ArrayList<>();
    private final List<Integer> serverPorts = new ArrayList<>();
    private final List<ExternalProcess> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private HoldingTcpProxy link;
    private int firstPrimary;

    private boolean perTest;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (servers.isEmpty()) {
            perTest = true;
            beforeAll(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            afterAll(context);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path redisServer = NativeBinary.find("redis-server", "redis-server");
        Path redisSentinel = NativeBinary.find("redis-sentinel", "redis-sentinel");
        firstPrimary = FreePorts.next();
        startServer(redisServer, firstPrimary, List.of());
        // everybody reaches the first primary through a proxy, whose replication link a test may slow down
        link = new HoldingTcpProxy(firstPrimary);
        int primary = link.port();
        startServer(redisServer, FreePorts.next(), List.of("--replicaof", "127.0.0.1", String.valueOf(primary)));
        Eventually.await(Duration.ofSeconds(20), "the replica in sync with the primary", () -> {
            try (Jedis j = new Jedis("127.0.0.1", serverPorts.get(1))) {
                return j.info("replication").contains("master_link_status:up");
            }
        });
        for (int i = 0; i < 3; i++) {
            int port = FreePorts.next();
            Path dir = Files.createTempDirectory("gochat-sentinel-");
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, String.join("\n",
                    "port " + port, "bind 127.0.0.1", "daemonize no", "loglevel notice", "dir " + dir,
                    "sentinel resolve-hostnames no",
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 5000",
                    "sentinel parallel-syncs " + MASTER + " 1", ""));
            ExternalProcess p = new ExternalProcess("sentinel", List.of(redisSentinel.toString(), conf.toString()), dir);
            sentinels.add(p);
            sentinelPorts.add(port);
            p.awaitPort(port, Duration.ofSeconds(20));
        }
        Eventually.await(Duration.ofSeconds(20), "every Sentinel sees the replica and the other Sentinels", () -> {
            for (int port : sentinelPorts) {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    var master = j.sentinelMasters().stream().filter(m -> MASTER.equals(m.get("name"))).findFirst();
                    if (master.isEmpty() || !"1".equals(master.get().get("num-slaves"))
                            || !"2".equals(master.get().get("num-other-sentinels"))) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    private void startServer(Path binary, int port, List<String> extra) throws IOException {
        Path dir = Files.createTempDirectory("gochat-redis-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--loglevel", "warning", "--repl-diskless-sync-delay", "0"));
        command.addAll(extra);
        ExternalProcess p = new ExternalProcess("redis", command, dir);
        servers.add(p);
        serverPorts.add(port);
        p.awaitPort(port, Duration.ofSeconds(20));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sentinels.forEach(ExternalProcess::close);
        if (link != null) {
            link.close();
        }
        servers.forEach(ExternalProcess::close);
        sentinels.clear();
        sentinelPorts.clear();
        servers.clear();
        serverPorts.clear();
    }

    /** As {@code redis.url} takes it: the three Sentinels and the primary's name. */
    public String url() {
        StringBuilder b = new StringBuilder("redis-sentinel://");
        for (int i = 0; i < sentinelPorts.size(); i++) {
            b.append(i == 0 ? "" : ",").append("127.0.0.1:").append(sentinelPorts.get(i));
        }
        return b.append('/').append(MASTER).toString();
    }

    /** The port a server listens on (the first primary is known by its proxy's). */
    private int real(int port) {
        return port == link.port() ? firstPrimary : port;
    }

    /** The port of the server the Sentinels name as primary now (for the first one: its proxy's). */
    public int primaryPort() {
        try (Jedis j = new Jedis("127.0.0.1", sentinelPorts.get(0))) {
            return j.sentinelGetMasterAddrByName(MASTER).get(1).equals("") ? -1
                    : Integer.parseInt(j.sentinelGetMasterAddrByName(MASTER).get(1));
        }
    }

    /**
     * The first replica falls behind (true): what the first primary sends it from now on is held on the way,
     * as bytes in flight on a slow link; false passes it all on. Killing that primary loses what is held.
     */
    public void replicaLags(boolean lagging) throws IOException {
        link.hold(lagging);
    }

    /** {@code kill -9} of the current primary; answers its port. */
    public int killPrimary() {
        int port = primaryPort();
        servers.get(serverPorts.indexOf(real(port))).kill();
        link.cut();   // the first primary's link to its replica goes down with it (a no-op after that)
        return port;
    }

    /** Waits until the Sentinels promoted another server and it answers as a primary; answers its port. */
    public int awaitFailover(int oldPort, Duration timeout) {
        int[] now = {-1};
        Eventually.await(timeout, "the Sentinels promote the replica", () -> {
            int port = primaryPort();
            if (port == oldPort || port < 0) {
                return false;
            }
            try (Jedis j = new Jedis("127.0.0.1", real(port))) {
                now[0] = port;
                return j.info("replication").contains("role:master");
            } catch (RuntimeException e) {
                return false;
            }
        });
        return now[0];
    }

    /**
     * Starts a killed server again on its port as a replica of the current primary (what a supervisor does
     * after a crash; the Sentinels would point it there too), and waits until it is in sync.
     */
    public void restartAsReplica(int announced) throws IOException {
        int port = real(announced);
        int i = serverPorts.indexOf(port);
        int primary = primaryPort();
        Path binary = NativeBinary.find("redis-server", "redis-server");
        Path dir = Files.createTempDirectory("gochat-redis-");
        servers.set(i, new ExternalProcess("redis", List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--loglevel", "warning", "--repl-diskless-sync-delay", "0",
                "--replicaof", "127.0.0.1", String.valueOf(primary)), dir));
        servers.get(i).awaitPort(port, Duration.ofSeconds(20));
        Eventually.await(Duration.ofSeconds(30), "the restarted server in sync with the new primary", () -> {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                return j.info("replication").contains("master_link_status:up");
            }
        });
    }

    /** A direct connection to the current primary; the caller closes it. */
    public Jedis primary() {
        return new Jedis("127.0.0.1", real(primaryPort()));
    }
}
