package io.gochat.logic.storage;

import io.gochat.core.lifecycle.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@code db.url} (a {@code jdbc:sqlite:} URL or a plain file path) into the JDBC URL we open,
 * with WAL, NORMAL sync, a busy timeout and IMMEDIATE transactions (sqlite-jdbc applies URL pragmas to every connection),
 * and creates the file's parent directories.
 */
public final class SqliteUrl {
    private static final String PREFIX = "jdbc:sqlite:";
    /**
     * A transaction takes the write lock when it begins (IMMEDIATE): one that reads and then writes (a group
     * admitting a member) waits for another writer instead of failing with SQLITE_BUSY_SNAPSHOT.
     */
    private static final String PRAGMAS = "journal_mode=WAL&synchronous=NORMAL&busy_timeout=5000&transaction_mode=IMMEDIATE";

    private SqliteUrl() {
    }

    public static String resolve(String configured) {
        String url = configured.startsWith(PREFIX) ? configured : PREFIX + configured;
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            throw new StartupException("db.url must name a sqlite file, got '" + configured + "'");
        }
        createParentDirs(Path.of(file));
        return url + (query < 0 ? "?" : "&") + PRAGMAS;
    }

    /** The database file of a URL made by {@link #resolve}. */
    static Path file(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        return Path.of(query < 0 ? rest : rest.substring(0, query));
    }

    private static void createParentDirs(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StartupException("cannot create the directory of db.url " + file + ": " + e.getMessage());
        }
    }
}
