package io.gochat.logic.storage;

import io.gochat.core.lifecycle.StartupException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sqlite database ({@code db.url}) through MyBatis (annotated mappers, no XML): users and stored
 * messages. Creates or migrates the schema at start; {@code PRAGMA user_version} records which
 * migrations ran.
 */
public final class UserDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserDatabase.class);
    private static final int SCHEMA_VERSION = 3;

    private final PooledDataSource dataSource;
    private final SqlSessionFactory sessions;

    private UserDatabase(PooledDataSource dataSource) {
        this.dataSource = dataSource;
        Configuration cfg = new Configuration(new Environment("gochat", new JdbcTransactionFactory(), dataSource));
        cfg.setMapUnderscoreToCamelCase(true);
        cfg.addMapper(UserMapper.class);
        cfg.addMapper(MessageMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(cfg);
    }

    /** Opens {@code db.url} and brings the schema up to date; throws {@link StartupException} if it cannot. */
    public static UserDatabase open(String dbUrl) {
        String url = SqliteUrl.resolve(dbUrl);
        PooledDataSource ds = new PooledDataSource("org.sqlite.JDBC", url, null, null);
        ds.setPoolMaximumActiveConnections(4);
        ds.setPoolMaximumIdleConnections(4);
        UserDatabase db = new UserDatabase(ds);
        try {
            db.migrate();
        } catch (SQLException e) {
            db.close();
            throw new StartupException("cannot open the user database " + dbUrl + ": " + e.getMessage());
        }
        log.info("user database {} ready (schema v{})", dbUrl, SCHEMA_VERSION);
        return db;
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

    /** A session that batches statements until commit (the message writer's group commit). */
    public SqlSession openBatch() {
        return sessions.openSession(ExecutorType.BATCH, false);
    }

    private void migrate() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version < 1) {
                // gochat's table (a database file from gochat opens as is); password holds the PBKDF2 string.
                st.executeUpdate("CREATE TABLE IF NOT EXISTS user (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "user_name VARCHAR(20) NOT NULL UNIQUE, password VARCHAR(128) NOT NULL, "
                        + "create_time TIMESTAMP)");
                st.executeUpdate("PRAGMA user_version = 1");
            }
            if (version < 2) {
                // Stored messages, keyed by their snowflake id (time-ordered), paged by conversation
                // (r:<roomId> or p:<minUserId>:<maxUserId>); body is the exact JSON clients receive.
                st.executeUpdate("CREATE TABLE IF NOT EXISTS message (id INTEGER PRIMARY KEY, "
                        + "conversation TEXT NOT NULL, from_user_id INTEGER NOT NULL, to_user_id INTEGER NOT NULL, "
                        + "room_id INTEGER NOT NULL, op INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS message_conversation ON message (conversation, id)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS message_recipient ON message (to_user_id, id)");
                st.executeUpdate("PRAGMA user_version = 2");
            }
            if (version < 3) {
                NameKeys.migrate(c);
            }
        }
    }

    @Override
    public void close() {
        dataSource.forceCloseAll();
    }
}
