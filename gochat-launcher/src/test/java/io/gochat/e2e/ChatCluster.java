package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.TcpTestClient;
import io.gochat.connect.WsTestClient;
import io.gochat.core.config.GochatConfig;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture the e2e flow tests share: a real etcd and redis-server, a {@link LocalCluster} on them in a
 * temporary directory for the test class, and the sockets a test opens, closed after each test. The test's
 * own {@code @BeforeAll} starts the servers it needs on {@link #cluster()} (extensions run before it).
 *
 * <pre>
 * &#64;RegisterExtension
 * static ChatCluster chat = new ChatCluster(LocalCluster.Layout.ONE_PROCESS);
 * </pre>
 */
final class ChatCluster implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger WARM_UPS = new AtomicInteger();

    private final EtcdExtension etcd = new EtcdExtension();
    private final RedisExtension redis = new RedisExtension();
    private final LocalCluster.Layout layout;
    private final UnaryOperator<GochatConfig> custom;
    private final AtomicInteger names = new AtomicInteger();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path dir;
    private LocalCluster cluster;
    private ApiClient api;
    private int apiPort;

    ChatCluster(LocalCluster.Layout layout) {
        this(layout, UnaryOperator.identity());
    }

    ChatCluster(LocalCluster.Layout layout, UnaryOperator<GochatConfig> custom) {
        this.layout = layout;
        this.custom = custom;
    }

    /** A user who signed up over HTTP; no socket. */
    record Account(String name, String token, long id) {
    }

    /** A logged-in user with a socket (WebSocket or TCP) and what it received. */
    record User(String name, String token, long id, Inbox inbox, WsTestClient ws, TcpTestClient tcp) implements AutoCloseable {
        void send(String json) throws Exception {
            if (ws != null) {
                ws.send(json);
            } else {
                tcp.send(json);
            }
        }

        /** Closes the socket (it is closed after the test anyway). */
        @Override
        public void close() throws Exception {
            if (ws != null) {
                ws.close();
            } else {
                tcp.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        etcd.beforeAll(context);
        redis.beforeAll(context);
        dir = Files.createTempDirectory("gochat-e2e");
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, layout, custom);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeClients();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            redis.afterAll(context);
            etcd.afterAll(context);
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    LocalCluster cluster() {
        return cluster;
    }

    RedisExtension redis() {
        return redis;
    }

    /** Starts the api server and answers a client for it. */
    ApiClient startApi() {
        apiPort = cluster.api().port();
        api = new ApiClient(apiPort);
        return api;
    }

    int apiPort() {
        return apiPort;
    }

    /** A bad token is answered 40000 only once the api has found a logic server in etcd. */
    void awaitApiReachesLogic() {
        Eventually.await(WAIT, "the api reaching logic",
                () -> api.post("/user/checkAuth", "authToken", "warm-up").get("code").asInt() == 40000);
    }

    /** The api lists logic servers from etcd, and makes its references to each service, in the background. */
    static void awaitGroupsServed(ApiClient api) {
        Eventually.await(WAIT, "the api reaching logic",
                () -> api.post("/user/checkAuth", "authToken", "warm-up").get("code").asInt() == 40000);
        String token = api.token("warmup" + WARM_UPS.incrementAndGet());
        Eventually.await(WAIT, "the api reaching logic's groups",
                () -> api.post("/group/mine", "authToken", token).get("code").asInt() == 0);
    }

    void awaitGroupsServed() {
        awaitGroupsServed(api);
    }

    /** {@code prefix} and a number not given out before by this fixture. */
    String name(String prefix) {
        return prefix + names.incrementAndGet();
    }

    Account signUp(String name) {
        String token = api.token(name);
        return new Account(name, token, api.userId(token));
    }

    /** {@code a} on a new WebSocket to {@code server}, authenticated into {@code room} (not yet acknowledged). */
    User onWs(ConnectServer server, Account a, long room) {
        WsTestClient client = new WsTestClient(server.port());
        clients.add(client);
        client.auth(a.token(), room);
        return new User(a.name(), a.token(), a.id(), new Inbox(a.name(), client.frames()), client, null);
    }

    /** {@code a} on a new TCP connection to {@code server}, authenticated into {@code room} (not yet acknowledged). */
    User onTcp(ConnectServer server, Account a, long room) throws Exception {
        TcpTestClient client = new TcpTestClient(server.port());
        clients.add(client);
        client.auth(a.token(), room);
        return new User(a.name(), a.token(), a.id(), new Inbox(a.name(), client.frames()), null, client);
    }

    /** Remembers a client of the test's own making, to close after the test. */
    <C extends AutoCloseable> C track(C client) {
        clients.add(client);
        return client;
    }

    /** The connection is authenticated once the server answers an empty ack as authenticated (protocol.md). */
    static void ready(User u) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                u.send("{\"op\":7,\"upToId\":\"0\"}");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            JsonNode answer = u.inbox().await(WAIT, "an answer to the probe", n -> n.has("code") && !n.has("op"));
            if ("msgId or upToId missing".equals(answer.path("msg").asText())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(u.name() + " never authenticated: " + answer);
            }
        }
    }

    /**
     * Waits until a member list naming {@code a} reaches {@code inbox}: the connection has joined {@code room}
     * (the join's own notice may be broadcast before the socket is in it, so ask again until one arrives).
     */
    void awaitInRoom(Account a, Inbox inbox, long room) {
        Eventually.await(WAIT, "a member list with " + a.name() + " in room " + room + " on its new connection", () -> {
            api.post("/push/getRoomInfo", "authToken", a.token(), "roomId", room);
            try {
                inbox.await(Duration.ofSeconds(1), "the member list", n -> n.path("op").asInt() == 5
                        && n.path("roomUserInfo").has(String.valueOf(a.id())));
                return true;
            } catch (AssertionError notYet) {
                return false;
            }
        });
    }

    /** Posts {@code fields} to {@code path} with {@code token} as the authToken. */
    JsonNode post(String path, String token, Object... fields) {
        Object[] all = new Object[fields.length + 2];
        all[0] = "authToken";
        all[1] = token;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return api.post(path, all);
    }

    /** {@link #post}, asserting the answer's code is 0. */
    JsonNode ok(String path, String token, Object... fields) {
        JsonNode r = post(path, token, fields);
        assertEquals(0, r.get("code").asInt(), path + ": " + r);
        return r;
    }

    void closeClients() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        clients.clear();
    }
}
