package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database from before conversation numbers (schema 31) with messages in it: migration 50 numbers each
 * conversation's rows 1..n in id order and sets each counter to its last number, so new messages continue it.
 */
class SeqBackfillTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Engine.class)
    void existingMessagesAreNumberedInIdOrderPerConversationAndTheCountersContinueThem(Engine engine) throws Exception {
        try (TestDatabase t = databases.create(engine)) {
            DbUrl url = DbUrl.parse(t.url());
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations(url.dialect().migrations())
                    .javaMigrations(new V3__Name_keys(url.dialect()))
                    .table(Migrations.HISTORY_TABLE)
                    .target("31")
                    .load().migrate();
            long[][] rows = {{30, 1}, {10, 1}, {20, 2}, {40, 1}, {25, 2}, {5, 3}};   // {id, room}, not in id order
            try (Connection c = t.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO message "
                    + "(id, conversation, from_user_id, to_user_id, room_id, op, body, created_at) VALUES (?, ?, 1, 0, ?, 3, ?, 0)")) {
                for (long[] r : rows) {
                    st.setLong(1, r[0]);
                    st.setString(2, "r:" + r[1]);
                    st.setLong(3, r[1]);
                    st.setString(4, "{\"msgId\":" + r[0] + "}");
                    st.executeUpdate();
                }
            }
            try (UserDatabase db = UserDatabase.open(t.url())) {   // migrates to the latest
                assertEquals(List.of("10:1", "30:2", "40:3", "20:1", "25:2", "5:1"), numbered(t));
                try (Connection c = t.connect(); PreparedStatement st = c.prepareStatement(
                        "SELECT conversation, last_seq FROM conversation_seq ORDER BY conversation");
                     ResultSet rs = st.executeQuery()) {
                    List<String> counters = new ArrayList<>();
                    while (rs.next()) {
                        counters.add(rs.getString(1) + "=" + rs.getLong(2));
                    }
                    assertEquals(List.of("r:1=3", "r:2=2", "r:3=1"), counters);
                }
            }
        }
    }

    /** "id:seq" by conversation, then seq. */
    private static List<String> numbered(TestDatabase t) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = t.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT id, seq FROM message ORDER BY conversation, seq"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1) + ":" + rs.getLong(2));
            }
        }
        return out;
    }
}
