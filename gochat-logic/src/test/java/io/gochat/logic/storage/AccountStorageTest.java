package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.logic.TestLogic;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.user.AccountService;
import io.gochat.logic.user.PasswordHasher;
import io.gochat.protocol.service.AuthReply;
import io.gochat.redis.RedisConnector;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

/** Users on every engine: register, log in, names compared exactly, races on one name, gochat's SHA-1 rows. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class AccountStorageTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();
    @RegisterExtension
    static RedisExtension redisServer = new RedisExtension();

    @Parameter
    Engine engine;

    static TestDatabase testDb;
    static UserDatabase db;
    static UnifiedJedis redis;
    static AccountService accounts;

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        testDb = databases.create(engine);
        db = UserDatabase.open(testDb.url());
        redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", redisServer.url()), 8);
        accounts = service(db);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        redis.close();
        db.close();
        testDb.close();
    }

    static AccountService service(UserDatabase database) {
        return new AccountService(database, new SessionStore(redis, Duration.ofMinutes(5)),
                new PasswordHasher(TestLogic.FAST_HASH_ITERATIONS));
    }

    @Test
    void aRegisteredUserCanLogInAndIsFoundByIdWithTheGeneratedId() {
        AuthReply reg = accounts.register("alice", "secret1");
        assertEquals(0, reg.code(), reg.message());
        UserRow row = db.withUsers(m -> m.findByName("alice"));
        assertTrue(row.getId() > 0);
        assertEquals("alice", accounts.userName(row.getId()));
        assertEquals(0, accounts.login("alice", "secret1").code());
        assertEquals(AccountService.BAD_LOGIN, accounts.login("alice", "wrong").message());
        UserRow second = new UserRow("alice2", "x");
        db.withUsers(m -> m.insert(second));
        assertTrue(second.getId() > row.getId(), "ids grow: " + second.getId() + " after " + row.getId());
    }

    /** Names are one whatever their case or Unicode form (the name key), on every engine alike. */
    @Test
    void namesAreComparedByTheirKeyOnEveryEngine() {
        assertEquals(0, accounts.register("zoe", "pw-lower").code());
        assertEquals(AccountService.NAME_TAKEN, accounts.register("Zoe", "pw-upper").message(), "case does not matter");
        assertEquals(AccountService.NAME_TAKEN, accounts.register("ＺＯＥ", "pw-upper").message(), "nor width");
        assertEquals(1, accounts.register("zoe ", "pw-space").code(), "a trailing space is refused");
        assertEquals(0, accounts.login("Zoe", "pw-lower").code());
        assertEquals(1, accounts.login("zoe ", "pw-lower").code());
        assertNull(db.withUsers(m -> m.findByName("ZOE")), "stored as typed");
        assertEquals("zoe", db.withUsers(m -> m.findByNameKey("zoe")).getUserName());
    }

    @Test
    void namesOutsideAsciiRoundTripUpToTwentyCharacters() {
        String name = "名前\uD840\uDC00".repeat(6) + "éa";   // 20 code points, of 3 and 4 bytes in UTF-8 (U+20000: a Han letter)
        assertEquals(20, name.codePointCount(0, name.length()));
        assertEquals(0, accounts.register(name, "pw").code());
        UserRow row = db.withUsers(m -> m.findByName(name));
        assertEquals(name, row.getUserName());
        assertEquals(name, accounts.userName(row.getId()));
    }

    @Test
    void aNameTakenIsRefusedAndARaceOnOneNameLetsExactlyOneIn() throws Exception {
        assertEquals(0, accounts.register("bob", "pw").code());
        assertEquals(AccountService.NAME_TAKEN, accounts.register("bob", "other").message());

        // two logic servers (two pools) registering one new name at the same instant
        try (UserDatabase other = UserDatabase.open(testDb.url())) {
            List<AccountService> servers = List.of(accounts, service(other));
            int racers = 8;
            CyclicBarrier start = new CyclicBarrier(racers);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            List<Future<AuthReply>> replies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                AccountService s = servers.get(i % 2);
                replies.add(pool.submit(() -> {
                    start.await();
                    return s.register("racer", "pw");
                }));
            }
            int won = 0;
            for (Future<AuthReply> f : replies) {
                AuthReply r = f.get();
                if (r.code() == 0) {
                    won++;
                } else {
                    assertEquals(AccountService.NAME_TAKEN, r.message());
                }
            }
            pool.shutdown();
            assertEquals(1, won);
        }
    }

    @Test
    void aGochatSha1PasswordLogsInOnceAndIsReplacedByPbkdf2() throws Exception {
        String table = testDb.engine() == Engine.POSTGRESQL ? "\"user\"" : "user";
        try (Connection c = testDb.connect();
             PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (user_name, password) VALUES (?, ?)")) {
            st.setString(1, "legacy");
            st.setString(2, "3d4f2bf07dc1be38b20cd6e46949a1071f9d0e3d");   // SHA-1("111111"), as gochat stored it
            st.executeUpdate();
        }
        assertEquals(1, accounts.login("legacy", "222222").code());
        assertEquals(0, accounts.login("legacy", "111111").code());
        String stored = storedPassword(table, "legacy");
        assertTrue(stored.startsWith("pbkdf2$"), stored);
        assertNotEquals("3d4f2bf07dc1be38b20cd6e46949a1071f9d0e3d", stored);
        assertEquals(0, accounts.login("legacy", "111111").code());
    }

    private static String storedPassword(String table, String name) throws Exception {
        try (Connection c = testDb.connect();
             PreparedStatement st = c.prepareStatement("SELECT password FROM " + table + " WHERE user_name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }
}
