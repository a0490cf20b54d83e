package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Flyway on every engine: a new database gets each migration once, however many servers start at once. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class MigrationTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    @Parameter
    Engine engine;

    @Test
    void aNewDatabaseGetsEveryMigrationOnceAndReopeningAppliesNothing() throws Exception {
        TestDatabase testDb = databases.create(engine);
        try (UserDatabase db = UserDatabase.open(testDb.url())) {
            assertEquals(0L, (long) db.withMessages(MessageMapper::count));
        }
        assertEquals(expected(), history(testDb));
        UserDatabase.open(testDb.url()).close();
        assertEquals(expected(), history(testDb), "nothing applied twice");
    }

    @Test
    void serversStartingAtOnceMigrateTheDatabaseOnceUnderTheLock() throws Exception {
        TestDatabase testDb = databases.create(engine);
        int servers = 4;
        CyclicBarrier start = new CyclicBarrier(servers);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<UserDatabase>> opened = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return UserDatabase.open(testDb.url());
                }));
            }
            for (Future<UserDatabase> f : opened) {
                try (UserDatabase db = f.get()) {
                    assertEquals(0L, (long) db.withMessages(MessageMapper::count));
                }
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(expected(), history(testDb));
    }

    /** Every migration of this engine, once, successful. */
    List<String> expected() {
        Dialect dialect = engine == Engine.SQLITE ? Dialect.SQLITE : engine == Engine.POSTGRESQL ? Dialect.POSTGRESQL
                : Dialect.MYSQL;
        return MigrationVersions.from(dialect, 1, "true", "true");
    }

    /** "version success" of each versioned migration in the order applied. */
    static List<String> history(TestDatabase testDb) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = testDb.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM " + Migrations.HISTORY_TABLE
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getBoolean(2));
            }
        }
        return rows;
    }
}
