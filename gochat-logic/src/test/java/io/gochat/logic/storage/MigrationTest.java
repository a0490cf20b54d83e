package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(expected(engine), history(testDb));
        UserDatabase.open(testDb.url()).close();
        assertEquals(expected(engine), history(testDb), "nothing applied twice");
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
        assertEquals(expected(engine), history(testDb));
    }

    /**
     * "version true" for every migration of the engine's set (the SQL files in db/migration/&lt;dialect&gt;
     * and Java migration 3), in version order: each feature adds its own versions.
     */
    static List<String> expected(Engine engine) throws Exception {
        String dialect = switch (engine) {
            case SQLITE -> "sqlite";
            case POSTGRESQL -> "postgresql";
            case MARIADB -> "mysql";
        };
        return versions(java.nio.file.Path.of("src/main/resources/db/migration", dialect)).stream()
                .map(v -> v + " true").toList();
    }

    /** The versions of the SQL migrations in {@code dir} and Java migration 3, in numeric order. */
    public static List<String> versions(java.nio.file.Path dir) throws Exception {
        List<Integer> versions = new ArrayList<>(List.of(3));
        try (var files = java.nio.file.Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .forEach(n -> versions.add(Integer.parseInt(n.substring(1, n.indexOf("__")))));
        }
        return versions.stream().sorted().map(String::valueOf).toList();
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
