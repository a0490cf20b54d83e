package io.gochat.logic.storage;

import io.gochat.logic.user.UserNamePolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema v3: column {@code name_key} ({@link UserNamePolicy#key}, unique) so that names differing only in
 * case or Unicode form are one name. Existing users are keyed in id order; a later user whose key is
 * already taken (e.g. "bob" after "Bob") keeps a null key: it still logs in by its exact name, and the
 * key stays with the older account, so nobody can register a third look-alike. Nobody is renamed.
 */
final class NameKeys {
    private static final Logger log = LoggerFactory.getLogger(NameKeys.class);

    private NameKeys() {
    }

    /**
     * Runs in one IMMEDIATE transaction (sqlite's write lock, waited for by {@code busy_timeout}) that
     * also sets {@code user_version = 3}: two logic servers starting on one file at once migrate it once.
     */
    static void migrate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    if (rs.next() && rs.getInt(1) >= 3) {
                        st.execute("ROLLBACK");   // another server did it while this one waited
                        return;
                    }
                }
                keyAll(c);
                st.executeUpdate("PRAGMA user_version = 3");
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static void keyAll(Connection c) throws SQLException {
        boolean hasColumn = false;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(user)")) {
            while (rs.next()) {
                hasColumn |= "name_key".equalsIgnoreCase(rs.getString("name"));
            }
        }
        if (!hasColumn) {   // a start that died half-way through this migration already added it
            try (Statement st = c.createStatement()) {
                st.executeUpdate("ALTER TABLE user ADD COLUMN name_key TEXT");
            }
        }
        Set<String> seen = new HashSet<>();
        int collided = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, user_name FROM user ORDER BY id");
             PreparedStatement update = c.prepareStatement("UPDATE user SET name_key = ? WHERE id = ?")) {
            while (rs.next()) {
                String key = UserNamePolicy.key(rs.getString(2));
                if (!seen.add(key)) {
                    collided++;
                    log.info("user {} ({}) shares its name key with an older user: it logs in by its exact name only",
                            rs.getLong(1), rs.getString(2));
                    continue;
                }
                update.setString(1, key);
                update.setLong(2, rs.getLong(1));
                update.executeUpdate();
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE UNIQUE INDEX IF NOT EXISTS user_name_key ON user (name_key)");
        }
        log.info("user names keyed for case- and form-insensitive comparison ({} look-alike names kept as they are)",
                collided);
    }
}
