package io.gochat.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases for tests, one per {@link #create} call, on a real engine: a sqlite file in a
 * temporary directory, or a database with a random name ({@code gochat_t_<hex>}) on the machine's
 * PostgreSQL (127.0.0.1:5432, user postgres, trust) or MariaDB (127.0.0.1:3306, root, no password).
 * Every database made here is dropped after the test class (or by {@link TestDatabase#close()});
 * no other database is ever touched. A server that does not answer fails the test with a message
 * saying how to start it: it is never skipped.
 *
 * <p>{@code @RegisterExtension static RelationalDatabases databases = new RelationalDatabases();}
 * <br>Other servers: {@code GOCHAT_TEST_POSTGRESQL=host:port}, {@code GOCHAT_TEST_MARIADB=host:port}.
 */
public final class RelationalDatabases implements AfterAllCallback {
    /** The engines {@code db.url} supports. */
    public enum Engine {
        SQLITE("sqlite"),
        POSTGRESQL("PostgreSQL"),
        MARIADB("MariaDB");

        private final String display;

        Engine(String display) {
            this.display = display;
        }

        @Override
        public String toString() {
            return display;
        }
    }

    /** One database made for a test: {@link #url()} is what {@code db.url} takes. */
    public static final class TestDatabase implements AutoCloseable {
        private final Engine engine;
        private final String name;
        private final String url;
        private final Path dir;
        private boolean dropped;

        private TestDatabase(Engine engine, String name, String url, Path dir) {
            this.engine = engine;
            this.name = name;
            this.url = url;
            this.dir = dir;
        }

        public Engine engine() {
            return engine;
        }

        /** The database's name (the file name on sqlite). */
        public String name() {
            return name;
        }

        /** A JDBC URL for {@code db.url}, with the credentials in it. */
        public String url() {
            return url;
        }

        /** A plain JDBC connection to it, for checks behind the code's back; the caller closes it. */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        /** Drops the database (deletes the sqlite directory); safe to call twice. */
        @Override
        public synchronized void close() {
            if (dropped) {
                return;
            }
            dropped = true;
            switch (engine) {
                case SQLITE -> deleteTree(dir);
                case POSTGRESQL -> admin(engine, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                case MARIADB -> admin(engine, "DROP DATABASE IF EXISTS " + name);
            }
        }

        @Override
        public String toString() {
            return engine + " " + name;
        }
    }

    private final List<TestDatabase> created = new ArrayList<>();

    /** Makes a new, empty database on {@code engine}; dropped after the test class. */
    public synchronized TestDatabase create(Engine engine) {
        TestDatabase db = make(engine);
        created.add(db);
        return db;
    }

    /** Makes a new, empty database that the caller drops (tools, or tests without the extension). */
    public static TestDatabase make(Engine engine) {
        String name = "gochat_t_" + HexFormat.of().formatHex(randomBytes());
        switch (engine) {
            case SQLITE -> {
                try {
                    Path dir = Files.createTempDirectory("gochat-db-");
                    return new TestDatabase(engine, name + ".db", "jdbc:sqlite:" + dir.resolve(name + ".db"), dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case POSTGRESQL -> {
                admin(engine, "CREATE DATABASE " + name);
                return new TestDatabase(engine, name,
                        "jdbc:postgresql://" + address(engine) + "/" + name + "?user=postgres", null);
            }
            case MARIADB -> {
                admin(engine, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                return new TestDatabase(engine, name, "jdbc:mariadb://" + address(engine) + "/" + name + "?user=root",
                        null);
            }
            default -> throw new IllegalArgumentException(engine.name());
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        for (TestDatabase db : created) {
            db.close();
        }
        created.clear();
    }

    /** host:port of the engine's server. */
    public static String address(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> env("GOCHAT_TEST_POSTGRESQL", "127.0.0.1:5432");
            case MARIADB -> env("GOCHAT_TEST_MARIADB", "127.0.0.1:3306");
            case SQLITE -> "local file";
        };
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Runs one statement on the server's administrative database, or fails saying how to start the server. */
    private static void admin(Engine engine, String sql) {
        String url;
        Properties props = new Properties();
        if (engine == Engine.POSTGRESQL) {
            url = "jdbc:postgresql://" + address(engine) + "/postgres";
            props.setProperty("user", "postgres");
            props.setProperty("connectTimeout", "5");
        } else {
            url = "jdbc:mariadb://" + address(engine) + "/";
            props.setProperty("user", "root");
            props.setProperty("connectTimeout", "5000");
        }
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(engine + " at " + address(engine) + " is needed by this test and did not take '"
                    + sql + "': " + String.valueOf(e.getMessage()).replaceAll("\\.+$", "") + ". " + howToStart(engine));
        }
    }

    private static String howToStart(Engine engine) {
        String start = engine == Engine.POSTGRESQL
                ? "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
                : "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
        return "./run.sh test starts it when it is installed (Debian package "
                + (engine == Engine.POSTGRESQL ? "postgresql" : "mariadb-server") + "); by hand: " + start
                + (engine == Engine.POSTGRESQL ? " (trust authentication for 127.0.0.1, user postgres)"
                : " (root without a password)");
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
