package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.logic.TestLogic;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.user.AccountService;
import io.gochat.logic.user.PasswordHasher;
import io.gochat.redis.RedisConnector;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** sqlite files made before Flyway are migrated where they are, keeping every row. */
class SqliteAdoptionTest {
    @RegisterExtension
    static RedisExtension redisServer = new RedisExtension();
    @TempDir
    Path dir;

    private static final String SHA1_111111 = "3d4f2bf07dc1be38b20cd6e46949a1071f9d0e3d";

    @Test
    void aDatabaseOfTheSchemaBeforeFlywayIsAdoptedAsVersionTwoWithItsUsersAndMessages() throws Exception {
        Path file = dir.resolve("gochat.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            // exactly what gochat-java's hand-written schema code made (PRAGMA user_version 2)
            st.executeUpdate("CREATE TABLE IF NOT EXISTS user (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "user_name VARCHAR(20) NOT NULL UNIQUE, password VARCHAR(128) NOT NULL, create_time TIMESTAMP)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS message (id INTEGER PRIMARY KEY, conversation TEXT NOT NULL, "
                    + "from_user_id INTEGER NOT NULL, to_user_id INTEGER NOT NULL, room_id INTEGER NOT NULL, "
                    + "op INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS message_conversation ON message (conversation, id)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS message_recipient ON message (to_user_id, id)");
            st.executeUpdate("PRAGMA user_version = 2");
            st.executeUpdate("INSERT INTO user (user_name, password, create_time) VALUES ('ann', '" + SHA1_111111
                    + "', '2026-01-01 10:00:00')");
            st.executeUpdate("INSERT INTO message VALUES (100, 'r:7', 1, 0, 7, 3, '{\"msg\":\"old\"}', 1)");
        }
        try (UserDatabase db = UserDatabase.open(file.toString())) {
            assertEquals(adopted("2 BASELINE"), history(file));
            assertEquals(1L, (long) db.withMessages(MessageMapper::count));
            assertEquals(List.of("{\"msg\":\"old\"}"), db.withMessages(m -> m.latestBefore("r:7", Long.MAX_VALUE, 10)));
            StoredMessage m = StoredMessage.roomMessage(200, 1, 7, "{\"msg\":\"new\"}", 2);
            db.withMessages(mm -> mm.insert(m.id(), m.conversation(), m.fromUserId(), m.toUserId(), m.roomId(), m.op(),
                    m.body(), m.createdAt()));
            assertEquals(0, accounts(db).login("ann", "111111").code());
            assertEquals(0, accounts(db).register("bea", "pw").code());
        }
        UserDatabase.open(file.toString()).close();
        assertEquals(adopted("2 BASELINE"), history(file), "adopted once");
    }

    @Test
    void aGochatDatabaseIsAdoptedAsVersionOneAndGetsTheMessageTable() throws Exception {
        Path file = dir.resolve("gochat.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            // gochat's table as gorm made it; its demo users all have SHA-1("111111")
            st.executeUpdate("CREATE TABLE \"user\" (\"id\" integer primary key autoincrement,"
                    + "\"user_name\" varchar(20) NOT NULL UNIQUE,\"password\" char(40),\"create_time\" datetime)");
            for (String name : List.of("demo1", "demo2", "demo3")) {
                st.executeUpdate("INSERT INTO user (user_name, password, create_time) VALUES ('" + name + "', '"
                        + SHA1_111111 + "', '2022-05-01 12:00:00.123456789+08:00')");
            }
        }
        try (UserDatabase db = UserDatabase.open("jdbc:sqlite:" + file)) {
            assertEquals(adopted("1 BASELINE", "2 SQL"), history(file));
            AccountService accounts = accounts(db);
            assertEquals(0, accounts.login("demo2", "111111").code());
            assertTrue(db.withUsers(m -> m.findByName("demo2")).getPassword().startsWith("pbkdf2$"), "rehashed");
            assertEquals(1, accounts.login("demo3", "wrong").code());
            assertEquals(0, accounts.register("newcomer", "pw").code());
            assertEquals(4L, db.withUsers(m -> m.findByName("newcomer")).getId(), "ids continue after gochat's");
            assertEquals(0L, (long) db.withMessages(MessageMapper::count));
        }
    }

    static UnifiedJedis redis;

    @BeforeAll
    static void connectRedis() {
        redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", redisServer.url()), 2);
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    private static AccountService accounts(UserDatabase db) {
        return new AccountService(db, new SessionStore(redis, Duration.ofMinutes(5)),
                new PasswordHasher(TestLogic.FAST_HASH_ITERATIONS));
    }

    /** The baseline (and what follows it below 3), then migration 3 (Java) and every newer one. */
    private static List<String> adopted(String... upToTwo) {
        List<String> all = new java.util.ArrayList<>(List.of(upToTwo));
        all.addAll(MigrationVersions.from(Dialect.SQLITE, 3, "SQL", "JDBC"));
        return all;
    }

    private static List<String> history(Path file) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, type FROM " + Migrations.HISTORY_TABLE
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
