package io.gochat.logic.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway from {@code db/migration/<dialect>} (one set per engine;
 * the owner of the {@code flyway_schema_history} table). Several logic servers may start at once on one
 * database: on PostgreSQL and MariaDB/MySQL Flyway takes the database's own lock (an advisory lock,
 * {@code GET_LOCK}) while it migrates; on sqlite, which Flyway does not lock, a lock file beside the
 * database does the same for processes on this machine.
 *
 * <p>A sqlite file made before Flyway, by gochat-java ({@code user} and {@code message}) or by gochat
 * ({@code user} only), is adopted where it is: Flyway records it as baseline version 2 or 1 and applies
 * only what is newer.
 */
final class Migrations {
    static final String HISTORY_TABLE = "flyway_schema_history";
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private Migrations() {
    }

    /** What {@link #run} did, for the start-up log line. */
    record Outcome(String version, int applied, String baseline) {
    }

    static Outcome run(DataSource dataSource, DbUrl url) throws SQLException {
        if (url.dialect() != Dialect.SQLITE) {
            return migrate(configure(dataSource, url), null);
        }
        Path file = SqliteUrl.file(url.jdbcUrl());
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
        local.lock();   // file locks are per process: threads of one process queue here first
        try (FileChannel channel = FileChannel.open(Path.of(file + ".migration-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            String baseline = legacySqliteVersion(dataSource);
            FluentConfiguration cfg = configure(dataSource, url);
            if (baseline != null) {
                cfg.baselineOnMigrate(true).baselineVersion(baseline)
                        .baselineDescription(baseline.equals("1") ? "gochat database" : "gochat-java schema before Flyway");
            }
            return migrate(cfg, baseline);
        } catch (IOException e) {
            throw new SQLException("cannot lock " + file + " for the migration: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static FluentConfiguration configure(DataSource dataSource, DbUrl url) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(url.dialect().migrations())
                .javaMigrations(new V3__Name_keys(url.dialect()))   // Java: NFKC and case folding, alike everywhere
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
    }

    private static Outcome migrate(FluentConfiguration cfg, String baseline) {
        Flyway flyway = cfg.load();
        MigrateResult result = flyway.migrate();
        // the version the database is at now: another server may have applied some of the migrations
        MigrationInfo current = flyway.info().current();
        String version = current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
        return new Outcome(version, result.migrationsExecuted, result.migrationsExecuted > 0 ? baseline : null);
    }

    /**
     * For a sqlite file that Flyway has not seen: the version its tables correspond to (2: user and message,
     * gochat-java before Flyway; 1: user only, a gochat file), or null for a new or Flyway-managed file.
     */
    private static String legacySqliteVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (hasTable(c, HISTORY_TABLE) || !hasTable(c, "user")) {
                return null;
            }
            return hasTable(c, "message") ? "2" : "1";
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
