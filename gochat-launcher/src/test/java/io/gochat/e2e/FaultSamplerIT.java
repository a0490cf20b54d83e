package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.e2e.DeliverySampler.Kind;
import io.gochat.e2e.DeliverySampler.Phase;
import io.gochat.e2e.DeliverySampler.Row;
import io.gochat.e2e.DeliverySampler.User;
import io.gochat.e2e.SampledClient.Endpoint;
import io.gochat.e2e.SampledClient.Transport;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.NetworkNamespace;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #17's fault suite: the {@link DeliverySampler} runs 12 users (4 on each of two WebSocket servers, 4 on a TCP
 * server; two rooms, two groups, 1:1 chats; sends over HTTP and over the sockets) against the split layout, one
 * im.jar process per module (logic, task, api, connect_ws ×2, connect_tcp) on PostgreSQL, and injects one fault per
 * test, in turn: SIGKILL of each module type and a restart, SIGSTOP of a connect server for 30 s, 200 ms of network
 * delay on a connect server (its own network namespace, {@code tc netem}), an etcd restart, the database refusing
 * connections for 10 s, and a Redis restart that loses its data. Each test asserts what the README's Delivery
 * section promises: no accepted message lost once clients have caught up over HTTP, and a send retried with its
 * {@code clientMsgId} stored once; duplicates under one {@code msgId} are allowed and counted. The table goes to
 * {@code target/fault-report.md}. Slow: {@code mvn -B -Pfaults -pl gochat-launcher -am verify -Dgroups=faults
 * -Dit.test=FaultSamplerIT}.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSamplerIT {
    /** The second WebSocket server runs in its own network namespace, so its traffic alone can be delayed. */
    static final NetworkNamespace.Attempt NETNS = NetworkNamespace.tryCreate("smp");
    static final String HOST = NETNS.namespace() == null ? "127.0.0.1" : NETNS.namespace().hostAddress();
    static final String INNER = NETNS.namespace() == null ? "127.0.0.1" : NETNS.namespace().innerAddress();
    /** Null when {@code tc netem} delays the namespace; else why not, and a {@link DelayProxy} delays ws-2's clients. */
    static final String NO_NETEM = NETNS.namespace() == null ? NETNS.whyNot() : NETNS.namespace().netemWhyNot();
    static DelayProxy proxy;

    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension(HOST);
    @RegisterExtension
    static RedisExtension redis = new RedisExtension(HOST);
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    static final Path LOGS = Path.of("target", "fault-sampler-logs");
    static final Path REPORT = Path.of("target", "fault-report.md");
    static final Duration START = Duration.ofSeconds(90);
    static final Duration BEFORE = Duration.ofSeconds(3);
    static final Duration AFTER = Duration.ofSeconds(6);
    static final Duration DOWN = Duration.ofSeconds(3);
    static final Duration DELIVERY = Duration.ofSeconds(45);
    static final long ROOM_A = 1;
    static final long ROOM_B = 2;

    static TestDatabase db;
    static final Map<String, Node> nodes = new LinkedHashMap<>();
    static DeliverySampler sampler;
    static final List<Row> rows = new ArrayList<>();
    static String loadAtStart;

    /** One module process, restartable with the same command line (ports, server id). */
    static final class Node implements AutoCloseable {
        final String name;
        final String module;
        final List<String> flags;
        final UnaryOperator<List<String>> wrap;
        volatile ImProcess process;

        Node(String name, String module, List<String> flags, UnaryOperator<List<String>> wrap) {
            this.name = name;
            this.module = module;
            this.flags = flags;
            this.wrap = wrap;
        }

        Node start() throws IOException {
            process = ImProcess.start(name, LOGS, module, flags, List.of("-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1"),
                    wrap);
            return this;
        }

        /** Started, or started once more if it exited (its RPC port, picked free, can be taken by then on a busy machine). */
        void awaitStarted() throws IOException {
            try {
                process.awaitStarted(START);
            } catch (AssertionError exited) {
                if (process.alive()) {
                    throw exited;
                }
                System.out.println("fault sampler: " + name + " did not start, once more: " + exited.getMessage());
                start().process.awaitStarted(START);
            }
        }

        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }

    static List<String> flags(String host, String... extra) {
        List<String> f = new ArrayList<>(List.of("--etcd.endpoints=" + etcd.endpoints(), "--redis.url=" + redis.url(),
                "--db.url=" + db.url(), "--registry.ttl=2s", "--rpc.timeout=5s", "--listen.host=" + host,
                "--rpc.host=" + host, "--cluster.secret=fault-sampler-secret-0123456789", "--connect.presence.check=1s", "--queue.partitions=4",
                "--limit.push.user=off", "--limit.push.ip=off", "--limit.socket.ip=off", "--limit.login=off",
                "--limit.register=off", "--limit.checkAuth=off", "--password.minLength=1", "--password.refuseCommon=false"));
        f.addAll(List.of(extra));
        return f;
    }

    static Node node(String name, String module, String host, UnaryOperator<List<String>> wrap, String... extra) throws IOException {
        Node n = new Node(name, module, flags(host, extra), wrap).start();
        nodes.put(name, n);
        return n;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        loadAtStart = uptime();
        db = databases.create(Engine.POSTGRESQL);
        int ws1 = FreePorts.next();
        int ws2 = FreePorts.next();
        int tcp = FreePorts.next();
        int apiPort = FreePorts.next();
        UnaryOperator<List<String>> inNamespace = NETNS.namespace() == null ? c -> c : NETNS.namespace()::wrap;
        // in waves, so six JVMs do not all start at once on two cores
        node("logic", "logic", HOST, c -> c).awaitStarted();
        List<Node> wave = List.of(
                node("ws-1", "connect_ws", HOST, c -> c, "--server.id=ws-1", "--connect.ws.port=" + ws1),
                node("ws-2", "connect_ws", INNER, inNamespace, "--server.id=ws-2", "--connect.ws.port=" + ws2),
                node("tcp-1", "connect_tcp", HOST, c -> c, "--server.id=tcp-1", "--connect.tcp.port=" + tcp));
        for (Node n : wave) {
            n.awaitStarted();
        }
        wave = List.of(node("task", "task", HOST, c -> c, "--server.id=task-1"),
                node("api", "api", HOST, c -> c, "--api.port=" + apiPort));
        for (Node n : wave) {
            n.awaitStarted();
        }

        ApiClient api = new ApiClient(HOST, apiPort);
        Eventually.await(START, "the api reaching logic",
                () -> api.post("/user/checkAuth", "authToken", "warm-up").get("code").asInt() == 40000);
        sampler = new DeliverySampler(api, Duration.ofMillis(600));
        Endpoint e1 = new Endpoint(Transport.WS, HOST, ws1);
        Endpoint e2 = new Endpoint(Transport.WS, INNER, ws2);
        if (NO_NETEM != null) {
            proxy = new DelayProxy(HOST, INNER, ws2);
            e2 = new Endpoint(Transport.WS, HOST, proxy.port());
        }
        Endpoint t1 = new Endpoint(Transport.TCP, HOST, tcp);
        List<User> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<Endpoint> endpoints = switch (i % 3) {
                case 0 -> List.of(e1, e2);
                case 1 -> List.of(e2, e1);
                default -> List.of(t1);
            };
            all.add(sampler.user("smp" + i, i < 6 ? ROOM_A : ROOM_B, endpoints));
        }
        sampler.group("evens", all.stream().filter(u -> all.indexOf(u) % 2 == 0).toList());
        sampler.group("odds", all.stream().filter(u -> all.indexOf(u) % 2 == 1).toList());
        sampler.awaitReady(START, FaultSamplerIT::roomMembers);

        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, "# Fault sampler results (" + Instant.now() + ")\n\n"
                + "Split layout (logic, task, api, connect_ws ×2, connect_tcp: one im.jar JVM each), PostgreSQL, "
                + "12 users (4 WebSocket on each of two servers, 4 TCP), 2 rooms, 2 groups, 1:1 chats; each user sends "
                + "every 600 ms (≈ 20 messages/s). Machine: " + machine() + "; load at start: " + loadAtStart + "\n\n"
                + DeliverySampler.HEADER + "\n");
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (sampler != null) {
            sampler.close();
        }
        List<Node> all = new ArrayList<>(nodes.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
        if (Files.exists(REPORT)) {
            Files.writeString(REPORT, "\nLoad at the end: " + uptime() + "\n", StandardOpenOption.APPEND);
        }
        if (proxy != null) {
            proxy.close();
        }
        if (NETNS.namespace() != null) {
            NETNS.namespace().close();
        }
    }

    /** A fault that went wrong must not leave the next test without a module or with clients offline. */
    @BeforeEach
    void everythingRunning() throws IOException {
        for (Node n : nodes.values()) {
            if (!n.process.alive()) {
                n.start().awaitStarted();
            }
        }
        if (NO_NETEM == null) {
            try {
                NETNS.namespace().delay(0);
            } catch (IOException none) {
                // no delay was set
            }
        } else if (proxy != null) {
            proxy.delay(0);
        }
        sampler.awaitReady(START, FaultSamplerIT::roomMembers);
    }

    @Test
    @Order(1)
    void withoutAFaultEveryAcceptedMessageArrivesLiveOnce() {
        Phase p = sampler.begin("none (baseline)");
        p.run(BEFORE.plus(AFTER));
        Row r = record(p.finish(DELIVERY));
        assertNothingLost(r);
        assertEquals(r.expected(), r.live(), "without a fault everything arrives live: " + r);
    }

    @Test
    @Order(2)
    void killingTheApiLosesNoAcceptedMessage() throws Exception {
        assertNothingLost(killAndRestart("api", "kill -9 api"));
    }

    @Test
    @Order(3)
    void killingTheLogicServerLosesNoAcceptedMessage() throws Exception {
        assertNothingLost(killAndRestart("logic", "kill -9 logic"));
    }

    @Test
    @Order(4)
    void killingTheTaskLosesNoAcceptedMessage() throws Exception {
        assertNothingLost(killAndRestart("task", "kill -9 task"));
    }

    @Test
    @Order(5)
    void aConnectServerStoppedFor30SecondsLosesNoAcceptedMessage() throws Exception {
        Node ws1 = nodes.get("ws-1");
        Phase p = sampler.begin("SIGSTOP connect_ws 30 s");
        p.run(BEFORE);
        p.faultStarts();
        ws1.process.pause();
        try {
            p.run(Duration.ofSeconds(30));
        } finally {
            ws1.process.resume();
        }
        p.faultEnds();
        p.run(AFTER);
        assertNothingLost(record(p.finish(DELIVERY)));
    }

    @Test
    @Order(6)
    void killingAWebSocketServerLosesNoAcceptedMessage() throws Exception {
        assertNothingLost(killAndRestart("ws-1", "kill -9 connect_ws"));
    }

    @Test
    @Order(7)
    void killingTheTcpServerLosesNoAcceptedMessage() throws Exception {
        assertNothingLost(killAndRestart("tcp-1", "kill -9 connect_tcp"));
    }

    @Test
    @Order(8)
    void aConnectServer200MillisecondsAwayLosesNoAcceptedMessage() throws Exception {
        // tc netem on the namespace's side of the veth pair delays everything ws-2 sends (to its clients, logic, etcd,
        // Redis); a kernel without sch_netem gets the userspace relay instead, which delays its clients' traffic both ways
        Phase p = sampler.begin(NO_NETEM == null ? "200 ms netem on connect_ws" : "200 ms delay on connect_ws (relay, no netem)");
        if (NO_NETEM != null) {
            System.out.println("fault sampler: tc netem unavailable (" + NO_NETEM + "); ws-2's clients go through a delaying relay");
        }
        p.run(BEFORE);
        p.faultStarts();
        setDelay(200);
        try {
            p.run(Duration.ofSeconds(20));
        } finally {
            setDelay(0);
        }
        p.faultEnds();
        p.run(AFTER);
        assertNothingLost(record(p.finish(DELIVERY)));
    }

    private static void setDelay(int millis) throws IOException {
        if (NO_NETEM == null) {
            NETNS.namespace().delay(millis);
        } else {
            proxy.delay(millis);
        }
    }

    @Test
    @Order(9)
    void anEtcdRestartLosesNoAcceptedMessage() throws Exception {
        Phase p = sampler.begin("etcd restart");
        p.run(BEFORE);
        p.faultStarts();
        etcd.restart(DOWN);
        p.faultEnds();
        p.run(AFTER);
        assertNothingLost(record(p.finish(DELIVERY)));
    }

    @Test
    @Order(10)
    void theDatabaseUnavailableFor10SecondsLosesNoAcceptedMessage() throws Exception {
        Phase p = sampler.begin("database unavailable 10 s");
        p.run(BEFORE);
        p.faultStarts();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://"
                + RelationalDatabases.address(Engine.POSTGRESQL) + "/postgres?user=postgres");
             Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
            try {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name() + "'");
                p.run(Duration.ofSeconds(10));
            } finally {
                st.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
            }
        }
        p.faultEnds();
        p.run(AFTER);
        assertNothingLost(record(p.finish(DELIVERY)));
    }

    @Test
    @Order(11)
    void aRedisRestartThatLosesItsDataLosesNoAcceptedMessage() throws Exception {
        Phase p = sampler.begin("Redis restart, data lost");
        p.run(BEFORE);
        p.faultStarts();
        redis.restartEmpty(DOWN);
        p.faultEnds();
        p.run(AFTER);
        assertNothingLost(record(p.finish(DELIVERY)));
    }

    private Row killAndRestart(String name, String fault) throws Exception {
        Node n = nodes.get(name);
        Phase p = sampler.begin(fault);
        p.run(BEFORE);
        p.faultStarts();
        n.process.kill();
        p.run(DOWN);
        n.start().awaitStarted();
        p.faultEnds();
        p.run(AFTER);
        return record(p.finish(DELIVERY));
    }

    private static Row record(Row r) {
        rows.add(r);
        String line = r.markdown();
        System.out.println("fault sampler: " + line + "  " + r.perKindText() + " reconnects " + r.reconnects()
                + (r.lostExamples().isEmpty() ? "" : " lost e.g. " + r.lostExamples()));
        try {
            Files.writeString(REPORT, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + REPORT, e);
        }
        return r;
    }

    /**
     * The README's promise: every accepted message reaches every recipient once clients caught up (0 lost), and a send
     * retried with its clientMsgId (rooms and 1:1 chats) is stored once; one msgId arriving twice is allowed.
     */
    private static void assertNothingLost(Row r) {
        assertTrue(r.accepted() >= 20, "the sampler got messages accepted: " + r);
        assertEquals(0, r.lost(), () -> r.fault() + ": accepted messages lost: " + r.lostExamples() + "; " + r);
        for (Kind k : Kind.values()) {
            int[] v = r.perKind().get(k);
            assertEquals(0, v == null ? 0 : v[3], () -> r.fault() + ": a " + k + " send retried with its clientMsgId was "
                    + "stored twice: " + r.perKindText());
        }
    }

    /** The room's members as presence records them in Redis (user ids). */
    static java.util.Set<String> roomMembers(long room) {
        try (redis.clients.jedis.Jedis j = redis.jedis()) {
            return j.hkeys("gochat_room_" + room);
        } catch (RuntimeException e) {
            return java.util.Set.of();   // Redis is restarting
        }
    }

    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.replaceAll(".*load average", "load average");
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + Runtime.version().feature();
    }
}
