package io.gochat.logic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogicLifecycleTest {
    @Test
    void aFailedStartSaysWhyAndCloseIsSafeAfterItAndTwice(@TempDir Path dir) {
        GochatConfig config = TestLogic.config("http://127.0.0.1:" + FreePorts.next(),
                "redis://127.0.0.1:" + FreePorts.next() + "/0", dir);
        LogicServer logic = new LogicServer(config, null, TestLogic.FAST_HASH_ITERATIONS);
        StartupException e = assertThrows(StartupException.class, logic::start);
        assertTrue(e.getMessage().contains("Redis not reachable"), e.getMessage());
        logic.close();
        logic.close();
    }

    @Test
    void closeBeforeStartDoesNothing(@TempDir Path dir) {
        new LogicServer(GochatConfig.defaults().with("db.url", dir.resolve("x.db").toString())).close();
    }

    @Test
    void theDatabaseDirectoryIsCreatedFromAJdbcUrlOrAPlainPath(@TempDir Path dir) {
        Path nested = dir.resolve("a/b/users.db");
        io.gochat.logic.storage.UserDatabase.open("jdbc:sqlite:" + nested).close();
        assertTrue(Files.exists(nested));
        Path plain = dir.resolve("c/d/users.db");
        io.gochat.logic.storage.UserDatabase.open(plain.toString()).close();
        assertTrue(Files.exists(plain));
    }
}
