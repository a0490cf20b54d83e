package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Logic servers sharing one sqlite file start at the same moment: the name-key migration runs once, and both open. */
class NameKeysMigrationTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void twoServersOpeningAnOldDatabaseAtOnceBothStartAndEveryUserIsKeyed() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("shared.db");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE user (id INTEGER PRIMARY KEY AUTOINCREMENT, user_name VARCHAR(20) NOT NULL "
                    + "UNIQUE, password VARCHAR(128) NOT NULL, create_time TIMESTAMP)");
            for (String name : new String[] {"Ann", "ann", "Bo"}) {
                st.executeUpdate("INSERT INTO user (user_name, password) VALUES ('" + name + "', 'x')");
            }
            st.executeUpdate("PRAGMA user_version = 1");
        }
        List<CompletableFuture<UserDatabase>> opening = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            opening.add(CompletableFuture.supplyAsync(() -> UserDatabase.open(url)));
        }
        for (CompletableFuture<UserDatabase> f : opening) {
            try (UserDatabase db = f.join()) {
                assertEquals("Ann", db.withUsers(m -> m.findByNameKey("ann")).getUserName(), "the older one holds the key");
                assertEquals("Bo", db.withUsers(m -> m.findByNameKey("bo")).getUserName());
                assertEquals(2, db.withUsers(m -> m.findByName("ann")).getId(), "the younger look-alike still logs in by name");
            }
        }
    }
}
