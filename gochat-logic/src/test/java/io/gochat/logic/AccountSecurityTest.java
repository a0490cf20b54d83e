package io.gochat.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.logic.user.PasswordHasher;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.TokenReply;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity hygiene, password policy, lockout and sessions that end, against a real logic server whose
 * sqlite file was written by the previous schema (users that now look alike or would be refused).
 */
class AccountSecurityTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static LogicServer logic;
    static ClusterNode client;
    static RpcClientPool<LogicService> pool;

    @BeforeAll
    static void start() throws Exception {
        // a database of an earlier schema holding names that collide or are refused today
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gochat.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE user (id INTEGER PRIMARY KEY AUTOINCREMENT, user_name VARCHAR(20) NOT NULL "
                    + "UNIQUE, password VARCHAR(128) NOT NULL, create_time TIMESTAMP)");
            String sha1Of111111 = "3d4f2bf07dc1be38b20cd6e46949a1071f9d0e3d";
            st.executeUpdate("INSERT INTO user (user_name, password) VALUES ('Bob', '" + sha1Of111111 + "')");
            st.executeUpdate("INSERT INTO user (user_name, password) VALUES ('bob', '" + sha1Of111111 + "')");
            st.executeUpdate("INSERT INTO user (user_name, password) VALUES ('e\u200Bve', '" + sha1Of111111 + "')");
            st.executeUpdate("PRAGMA user_version = 1");   // users only, as gochat-java v1 and gochat left it
        }
        GochatConfig config = TestLogic.config(etcd.endpoints(), redis.url(), dir)
                .with("password.minLength", 8)
                .with("password.refuseCommon", true)
                .with("limit.loginFailures.account", "5/1m")
                .with("limit.push.user", "3/1m");
        logic = TestLogic.start(config);
        client = ClusterNode.join(config, "test", "");
        pool = client.pool(Roles.LOGIC, LogicService.class);
        Eventually.await(Duration.ofSeconds(10), "logic found in etcd", () -> pool.targets().size() == 1);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (logic != null) {
            logic.close();
        }
    }

    static <T> T call(Function<LogicService, CompletableFuture<T>> f) {
        return pool.callAnyBlocking(f);
    }

    static final String GOOD = "correct horse battery";

    @Test
    void namesAreOneWhateverTheirCaseOrWidthAndLogInEitherWay() {
        assertEquals(0, call(s -> s.register("Alice", GOOD)).code());
        for (String lookalike : new String[] {"alice", "ALICE", "ＡＬＩＣＥ", "Ａlice"}) {
            assertEquals("this user name already have , please login !!!", call(s -> s.register(lookalike, GOOD)).message(),
                    lookalike + " is Alice");
        }
        assertEquals(0, call(s -> s.login("aLiCe", GOOD)).code(), "case-insensitive login");
        String token = call(s -> s.login("ＡＬＩＣＥ", GOOD)).token();
        assertEquals("Alice", call(s -> s.checkAuth(token)).userName(), "the name as registered");
    }

    @Test
    void invisibleBidiMixedScriptAndLookalikeNamesAreRefused() {
        String[][] refused = {
                {"ma\u200Bllory", "invisible"}, {"\u202Eyrollam", "invisible"}, {"mal\u0000lory", "control"},
                {"pаypal", "mixes writing systems"}, {"раура", "looks like a Latin name"},
                {"x\u00A0 y", "space"}, {"ma<b>", "may only contain"}};
        for (String[] r : refused) {
            AuthReply reply = call(s -> s.register(r[0], GOOD));
            assertEquals(1, reply.code(), r[0]);
            assertTrue(reply.message().contains(r[1]), r[0] + ": " + reply.message());
        }
        for (String ok : new String[] {"Дмитрий", "张三", "Tom张", "José", "o'neil-2.x_y", "ユーザー"}) {
            assertEquals(0, call(s -> s.register(ok, GOOD)).code(), ok + " is a fine name");
        }
    }

    @Test
    void newPasswordsMustBeLongAndUncommon() {
        assertTrue(call(s -> s.register("pwuser1", "short1")).message().contains("at least 8"));
        assertTrue(call(s -> s.register("pwuser2", "Password123")).message().contains("too common"));
        assertTrue(call(s -> s.register("pwuser3", "aaaaaaaaaa")).message().contains("too easy"));
        assertEquals(0, call(s -> s.register("pwuser4", "a less common phrase")).code());
    }

    @Test
    void usersFromBeforeNamesWereComparedStillLogInAndTheirLookalikesCannotRegister() {
        assertEquals(0, call(s -> s.login("Bob", "111111")).code(), "the older Bob");
        assertEquals(0, call(s -> s.login("bob", "111111")).code(), "the younger bob, by its exact name");
        assertEquals(0, call(s -> s.login("e\u200Bve", "111111")).code(), "a name refused today still logs in");
        assertEquals(1, call(s -> s.register("BOB", GOOD)).code());
        assertEquals(0, call(s -> s.register("eve", GOOD)).code(),
                "the clean name stays free: e<ZWSP>ve differs from it by a character refused today");
    }

    @Test
    void wrongPasswordsLockTheAccountBeforeAnyHashAndTheLockLiftsWithTime() {
        call(s -> s.register("locky", GOOD));
        for (int i = 0; i < 5; i++) {
            assertEquals("no this user or password error!", call(s -> s.login("locky", "wrong password")).message());
        }
        AuthReply locked = call(s -> s.login("LOCKY", GOOD));
        assertEquals(1, locked.code());
        assertTrue(locked.message().matches("too many requests, retry in \\d+ s"), locked.message());
    }

    @Test
    void pushesPerUserAreLimited() {
        String token = call(s -> s.register("chatty", GOOD)).token();
        var push = new io.gochat.protocol.service.PushRequest(0, "", 3, 0, 1, "hi");
        for (int i = 0; i < 3; i++) {
            var r = call(s -> s.pushAs(token, push));
            assertEquals(0, r.code(), r.message());
        }
        var limited = call(s -> s.pushAs(token, push));
        assertEquals(1, limited.code());
        assertTrue(limited.message().startsWith("too many requests, retry in "), limited.message());
    }

    @Test
    void aRefreshTokenBuysOnePairAndAPasswordChangeEndsEverySession() {
        call(s -> s.register("pairy", GOOD));
        TokenReply pair = call(s -> s.loginForTokens("pairy", GOOD));
        assertEquals(0, pair.code());
        assertEquals(900, pair.accessExpiresIn(), "15 min access tokens by default");
        SessionInfo session = call(s -> s.checkAuth(pair.accessToken()));
        assertTrue(session.expiresAt() > System.currentTimeMillis() + 800_000, "the expiry travels with the session");
        TokenReply next = call(s -> s.refresh(pair.refreshToken()));
        assertEquals(0, next.code());
        assertEquals(40000, call(s -> s.refresh(pair.refreshToken())).code(), "a refresh token works once");

        String single = call(s -> s.login("pairy", GOOD)).token();
        assertEquals(1, call(s -> s.changePassword(single, "not it", "a brand new secret")).code());
        assertEquals(0, call(s -> s.changePassword(single, GOOD, "a brand new secret")).code());
        for (String t : new String[] {single, next.accessToken(), pair.accessToken()}) {
            assertNull(call(s -> s.checkAuth(t)), "every session of the user ended");
        }
        assertEquals(40000, call(s -> s.refresh(next.refreshToken())).code(), "refresh tokens too");
        assertEquals(0, call(s -> s.login("pairy", "a brand new secret")).code());
    }

    @Test
    void aDeletedAccountsTokensAndNameAreGone() {
        String token = call(s -> s.register("leaver", GOOD)).token();
        assertEquals(1, call(s -> s.deleteAccount(token, "wrong")).code());
        assertEquals(0, call(s -> s.deleteAccount(token, GOOD)).code());
        assertNull(call(s -> s.checkAuth(token)));
        assertEquals(1, call(s -> s.login("leaver", GOOD)).code());
    }

    @Test
    void aSocketAuthenticatingWithARevokedTokenIsRefused() {
        String token = call(s -> s.register("racer", GOOD)).token();
        Boolean loggedOut = call(s -> s.logout(token));
        assertTrue(loggedOut);
        assertNull(call(s -> s.connect(new ConnectRequest(token, 1, "connect-x", "1"))));
    }

    @Test
    void hashesUseOwaspsIterationCountAndWeakerOnesAreUpgraded() {
        PasswordHasher strong = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
        assertEquals(600_000, PasswordHasher.DEFAULT_ITERATIONS);
        String weak = new PasswordHasher(1000).hash("pw");
        assertTrue(strong.needsUpgrade(weak));
        assertTrue(strong.verify("pw", weak));
        assertNotNull(weak);
    }
}
