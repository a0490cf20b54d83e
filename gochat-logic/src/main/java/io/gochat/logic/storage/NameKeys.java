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
 * Column {@code name_key} ({@link UserNamePolicy#key}, unique) so that names differing only in case or
 * Unicode form are one name; run as Flyway migration 3 ({@link V3__Name_keys}, Java because the key is
 * NFKC plus case folding, which no engine's SQL does alike). Existing users are keyed in id order; a
 * later user whose key is already taken (e.g. "bob" after "Bob") keeps a null key: it still logs in by
 * its exact name, and the key stays with the older account, so nobody can register a third look-alike.
 * Nobody is renamed.
 */
final class NameKeys {
    private static final Logger log = LoggerFactory.getLogger(NameKeys.class);

    private NameKeys() {
    }

    static void addAndFill(Connection c, Dialect dialect) throws SQLException {
        String table = dialect.userTable();
        // MariaDB/MySQL compare names as bytes (see V1); a key is at most a few hundred bytes of UTF-8
        String type = dialect == Dialect.MYSQL ? "VARBINARY(1024)" : "VARCHAR(1024)";
        try (Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE " + table + " ADD COLUMN name_key " + type);
        }
        Set<String> seen = new HashSet<>();
        int collided = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, user_name FROM " + table + " ORDER BY id");
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET name_key = ? WHERE id = ?")) {
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
            st.executeUpdate("CREATE UNIQUE INDEX user_name_key ON " + table + " (name_key)");
        }
        log.info("user names keyed for case- and form-insensitive comparison ({} look-alike names kept as they are)",
                collided);
    }
}
