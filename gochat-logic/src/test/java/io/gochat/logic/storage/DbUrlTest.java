package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.lifecycle.StartupException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** db.url: which engine, and credentials taken out of what the driver, the pool and the logs see. */
class DbUrlTest {
    @Test
    void aPostgresqlUrlLosesItsCredentialsToDriverPropertiesAndBatchesInserts() {
        DbUrl url = DbUrl.parse("jdbc:postgresql://db1:5432/gochat?user=gochat&password=s%40cret+1&ssl=true");
        assertEquals(Dialect.POSTGRESQL, url.dialect());
        assertEquals("jdbc:postgresql://db1:5432/gochat?ssl=true&reWriteBatchedInserts=true", url.jdbcUrl());
        assertEquals("gochat", url.user());
        assertEquals("s@cret+1", url.password(), "%XX decoded, + kept");
        assertEquals("jdbc:postgresql://db1:5432/gochat?user=gochat&password=***&ssl=true", url.shown());
        assertFalse(url.toString().contains("cret"));
    }

    @Test
    void userAndPasswordBeforeTheHostAreTakenOutToo() {
        DbUrl url = DbUrl.parse("jdbc:mariadb://gochat:pw%2F1@db2:3306/gochat");
        assertEquals(Dialect.MYSQL, url.dialect());
        assertEquals("jdbc:mariadb://db2:3306/gochat", url.jdbcUrl());
        assertEquals("gochat", url.user());
        assertEquals("pw/1", url.password());
        assertEquals("jdbc:mariadb://gochat:***@db2:3306/gochat", url.shown());
    }

    @Test
    void aMysqlUrlGoesToTheMariadbDriverWhichIsToldToTakeIt() {
        DbUrl url = DbUrl.parse("jdbc:mysql://db3/gochat?user=root");
        assertEquals(Dialect.MYSQL, url.dialect());
        assertEquals("jdbc:mysql://db3/gochat?permitMysqlScheme", url.jdbcUrl());
        assertNull(url.password());
    }

    @Test
    void whatTheUrlSetsItselfIsKept() {
        assertEquals("jdbc:postgresql://h/d?reWriteBatchedInserts=false",
                DbUrl.parse("jdbc:postgresql://h/d?reWriteBatchedInserts=false").jdbcUrl());
    }

    @Test
    void sqliteStaysTheDefaultAndABarePathIsASqliteFile(@TempDir Path dir) {
        DbUrl url = DbUrl.parse(dir.resolve("x/gochat.db").toString());
        assertEquals(Dialect.SQLITE, url.dialect());
        assertTrue(url.jdbcUrl().startsWith("jdbc:sqlite:" + dir.resolve("x/gochat.db") + "?journal_mode=WAL"));
        assertEquals(Dialect.SQLITE, DbUrl.parse("jdbc:sqlite:" + dir.resolve("y.db")).dialect());
    }

    @Test
    void anotherEngineIsRefusedInOneLineWithoutItsPassword() {
        StartupException e = assertThrows(StartupException.class,
                () -> DbUrl.parse("jdbc:oracle:thin:scott/tiger@host:1521/x?password=tiger"));
        assertTrue(e.getMessage().startsWith("db.url must be jdbc:sqlite:FILE"), e.getMessage());
        assertFalse(e.getMessage().contains("password=tiger"), e.getMessage());
        assertThrows(StartupException.class, () -> DbUrl.parse(" "));
    }
}
