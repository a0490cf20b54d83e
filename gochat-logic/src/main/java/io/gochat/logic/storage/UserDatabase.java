package io.gochat.logic.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of {@code db.url} (sqlite, PostgreSQL or MariaDB/MySQL) through a HikariCP pool and
 * MyBatis (annotated mappers, no XML): users ({@link UserMapper}) and stored messages
 * ({@link MessageMapper}). Opening it migrates the schema ({@link Migrations}).
 */
public final class UserDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserDatabase.class);
    /** sqlite has one writer at a time; a few connections serve the readers. */
    static final int SQLITE_POOL = 4;
    /** Per logic server; logic's 16 workers mostly wait on Redis, the writer holds one. */
    static final int SERVER_POOL = 10;

    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;
    private final Dialect dialect;

    private UserDatabase(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        Configuration cfg = new Configuration(new Environment("gochat", new JdbcTransactionFactory(), dataSource));
        cfg.setMapUnderscoreToCamelCase(true);
        cfg.setDatabaseId(dialect.id());   // a statement may be given per engine: @Select(databaseId = "postgresql")
        cfg.getVariables().setProperty("userTable", dialect.userTable());   // ${userTable} in the mappers
        cfg.addMapper(UserMapper.class);
        cfg.addMapper(MessageMapper.class);
        cfg.addMapper(OutboxMapper.class);
        cfg.addMapper(ClientIdMapper.class);
        cfg.addMapper(UploadMapper.class);
        cfg.addMapper(ReadStateMapper.class);
        cfg.addMapper(ConversationMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(cfg);
    }

    /** Opens {@code dbUrl}, waiting up to 10 s for a server that is not up yet (tests and tools). */
    public static UserDatabase open(String dbUrl) {
        DbUrl url = DbUrl.parse(dbUrl);
        return new StartupWait(Duration.ofSeconds(10)).until("the database", url.shown(), budget -> open(url, budget));
    }

    /**
     * One try: connects, then builds the pool and migrates. A problem that waiting cannot fix (bad
     * credentials, no such database, a failed migration) throws {@link StartupException}; anything else
     * (the server is down or starting) throws something else, so {@link StartupWait} tries again.
     *
     * @param budget how long this try may take to connect
     */
    public static UserDatabase open(DbUrl url, Duration budget) throws SQLException {
        probe(url, budget);
        HikariDataSource pool = pool(url);
        try {
            Migrations.Outcome m = Migrations.run(pool, url);
            log.info("database {} ready: {}, schema version {}{}", url.shown(), url.dialect().displayName(),
                    m.version(), m.applied() == 0 ? "" : " (" + m.applied() + " migrations applied"
                            + (m.baseline() == null ? "" : " after adopting the existing tables as version " + m.baseline())
                            + ")");
            return new UserDatabase(pool, url.dialect());
        } catch (FlywayException e) {
            pool.close();
            SQLException sql = DbErrors.sqlCause(e);
            if (sql != null && !DbErrors.permanent(url.dialect(), sql)) {
                throw sql;   // lost the server mid-way: try again
            }
            throw new StartupException("cannot migrate the database " + url.shown() + ": " + DbErrors.describe(e));
        } catch (SQLException e) {
            pool.close();
            if (DbErrors.permanent(url.dialect(), e)) {
                throw new StartupException("cannot use the database " + url.shown() + ": " + DbErrors.describe(e));
            }
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** One direct connection, so that a permanent error is told at once and without a pool's stack traces. */
    private static void probe(DbUrl url, Duration budget) throws SQLException {
        Driver driver;
        try {
            driver = (Driver) Class.forName(url.dialect().driverClass()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new StartupException("no JDBC driver for " + url.dialect().displayName() + ": " + e);
        }
        Properties props = url.credentials();
        long seconds = Math.max(1, budget.toSeconds());
        switch (url.dialect()) {
            case POSTGRESQL -> {
                props.setProperty("connectTimeout", Long.toString(seconds));
                props.setProperty("socketTimeout", Long.toString(seconds));
            }
            case MYSQL -> {
                props.setProperty("connectTimeout", Long.toString(seconds * 1000));
                props.setProperty("socketTimeout", Long.toString(seconds * 1000));
            }
            case SQLITE -> { }
        }
        Connection c;
        try {
            c = driver.connect(url.jdbcUrl(), props);
        } catch (SQLException e) {
            if (DbErrors.permanent(url.dialect(), e)) {
                throw new StartupException("cannot use the database " + url.shown() + ": " + DbErrors.describe(e));
            }
            throw e;
        }
        if (c == null) {
            throw new StartupException("db.url is not a URL the " + url.dialect().displayName()
                    + " driver accepts: " + url.shown());
        }
        c.close();
    }

    private static HikariDataSource pool(DbUrl url) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("gochat-db");
        cfg.setDriverClassName(url.dialect().driverClass());
        cfg.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            cfg.setUsername(url.user());
        }
        if (url.password() != null) {
            cfg.setPassword(url.password());
        }
        cfg.setMaximumPoolSize(url.dialect() == Dialect.SQLITE ? SQLITE_POOL : SERVER_POOL);
        cfg.setConnectionTimeout(5_000);   // a caller waits at most this for a free connection
        cfg.setInitializationFailTimeout(-1);   // the probe has just connected; no second, noisier check
        return new HikariDataSource(cfg);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} with a mapper in one auto-committed session. */
    public <T> T withUsers(Function<UserMapper, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session.getMapper(UserMapper.class));
        }
    }

    /** Runs {@code work} with the message mapper in one auto-committed session (reads). */
    public <T> T withMessages(Function<MessageMapper, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session.getMapper(MessageMapper.class));
        }
    }

    /**
     * Adds the mapper of a feature package (contacts, groups: each owns its tables) at start-up, before its
     * first use; adding one twice is harmless.
     */
    public synchronized void addMapper(Class<?> mapper) {
        Configuration cfg = sessions.getConfiguration();
        if (!cfg.hasMapper(mapper)) {
            cfg.addMapper(mapper);
        }
    }

    /** Runs {@code work} with one {@link #addMapper added} mapper in one auto-committed session. */
    public <M, T> T with(Class<M> mapper, Function<M, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session.getMapper(mapper));
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(false)) {
            T result = work.apply(session);
            session.commit(true);
            return result;
        }
    }

    /**
     * Runs {@code work} with one mapper in one transaction: committed when it returns, rolled back when it
     * throws (a refusal thrown halfway leaves nothing behind).
     */
    public <M, T> T inTransaction(Class<M> mapper, Function<M, T> work) {
        return inTransaction(session -> work.apply(session.getMapper(mapper)));
    }

    /** Runs {@code work} with the outbox mapper in one auto-committed session. */
    public <T> T withOutbox(Function<OutboxMapper, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session.getMapper(OutboxMapper.class));
        }
    }

    /** Runs {@code work} with the client-id mapper in one auto-committed session. */
    public <T> T withClientIds(Function<ClientIdMapper, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session.getMapper(ClientIdMapper.class));
        }
    }

    /** A session that batches statements until commit (the message writer's group commit). */
    public SqlSession openBatch() {
        return sessions.openSession(ExecutorType.BATCH, false);
    }

    /** Whether {@code e} (from a mapper) is a duplicate key, e.g. a user name registered twice at once. */
    public static boolean isDuplicateKey(Throwable e) {
        return DbErrors.uniqueViolation(e);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
