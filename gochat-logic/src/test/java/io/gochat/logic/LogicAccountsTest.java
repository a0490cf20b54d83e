package io.gochat.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.logic.user.AccountService;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Register, login, checkAuth, logout and userName over Dubbo, found through etcd like api finds them. */
class LogicAccountsTest {
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
    static void start() {
        GochatConfig config = TestLogic.config(etcd.endpoints(), redis.url(), dir);
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

    static <T> T call(java.util.function.Function<LogicService, java.util.concurrent.CompletableFuture<T>> f) {
        return pool.callAnyBlocking(f);
    }

    @Test
    void aRegisteredUserGetsASessionAndCanLogInAgainWithANewToken() {
        AuthReply reg = call(s -> s.register("alice", "secret1"));
        assertEquals(0, reg.code());
        assertEquals("register success", reg.message());
        assertEquals(44, reg.token().length(), "gochat-style 44-char base64url token");

        SessionInfo session = call(s -> s.checkAuth(reg.token()));
        assertEquals("alice", session.userName());
        assertTrue(session.userId() > 0);

        AuthReply login = call(s -> s.login("alice", "secret1"));
        assertEquals(0, login.code());
        assertEquals("login success", login.message());
        assertNotEquals(reg.token(), login.token());
        SessionInfo again = call(s -> s.checkAuth(login.token()));
        assertEquals(session.userId(), again.userId());
        assertEquals(session.userName(), again.userName());
        assertEquals("alice", call(s -> s.userName(session.userId())));
    }

    @Test
    void aTakenNameCannotBeRegisteredTwice() {
        assertEquals(0, call(s -> s.register("bob", "pw")).code());
        AuthReply again = call(s -> s.register("bob", "other"));
        assertEquals(1, again.code());
        assertEquals(AccountService.NAME_TAKEN, again.message());
        assertNull(again.token());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        call(s -> s.register("carol", "right"));
        AuthReply wrong = call(s -> s.login("carol", "wrong"));
        AuthReply unknown = call(s -> s.login("nobody-here", "right"));
        assertEquals(1, wrong.code());
        assertEquals(AccountService.BAD_LOGIN, wrong.message());
        assertEquals(wrong, unknown);
    }

    @Test
    void loggingOutRevokesOnlyThatToken() {
        String first = call(s -> s.register("dave", "pw")).token();
        String second = call(s -> s.login("dave", "pw")).token();
        assertTrue((boolean) call(s -> s.logout(first)));
        assertNull(call(s -> s.checkAuth(first)));
        assertFalse((boolean) call(s -> s.logout(first)), "a second logout finds nothing");
        assertEquals("dave", call(s -> s.checkAuth(second)).userName(), "another device stays logged in");
    }

    @Test
    void unknownEmptyAndAbsurdTokensHaveNoSession() {
        assertNull(call(s -> s.checkAuth("nope")));
        assertNull(call(s -> s.checkAuth("")));
        assertNull(call(s -> s.checkAuth(null)));
        assertNull(call(s -> s.checkAuth("x".repeat(10_000))));
        assertNull(call(s -> s.userName(987654)));
    }

    @Test
    void namesAndPasswordsOutsideTheLimitsAreRefused() {
        assertEquals(1, call(s -> s.register("n".repeat(21), "pw")).code());
        assertEquals(1, call(s -> s.register("okname", "p".repeat(65))).code());
        assertEquals(1, call(s -> s.register("", "pw")).code());
        assertEquals(1, call(s -> s.register("emptypw", "")).code());
        assertEquals(0, call(s -> s.register("n".repeat(20), "p".repeat(64))).code());
    }

    @Test
    void passwordsAreStoredSaltedAndSlowNeverAsPlaintextOrSha1() throws Exception {
        call(s -> s.register("erin", "111111"));
        call(s -> s.register("frank", "111111"));
        String erin = storedPassword("erin");
        String frank = storedPassword("frank");
        assertTrue(erin.startsWith("pbkdf2$"), erin);
        assertFalse(erin.contains("111111"));
        assertNotEquals("3d4f2bf07dc1be38b20cd6e46949a1071f9d0e3d", erin, "not gochat's SHA-1 of 111111");
        assertNotEquals(erin, frank, "same password, different salt");
    }

    @Test
    void aUserMigratedFromGochatWithASha1HashCanLogInAndIsUpgraded() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gochat.db"));
             PreparedStatement st = c.prepareStatement("INSERT INTO user (user_name, password) VALUES (?, ?)")) {
            st.setString(1, "legacy");
            st.setString(2, "3d4f2bf07dc1be38b20cd6e46949a1071f9d0e3d");   // SHA-1("111111"), as gochat stored it
            st.executeUpdate();
        }
        assertEquals(1, call(s -> s.login("legacy", "222222")).code());
        assertEquals(0, call(s -> s.login("legacy", "111111")).code());
        assertTrue(storedPassword("legacy").startsWith("pbkdf2$"));
        assertEquals(0, call(s -> s.login("legacy", "111111")).code());
    }

    private static String storedPassword(String userName) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gochat.db"));
             PreparedStatement st = c.prepareStatement("SELECT password FROM user WHERE user_name = ?")) {
            st.setString(1, userName);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "row for " + userName);
                return rs.getString(1);
            }
        }
    }
}
