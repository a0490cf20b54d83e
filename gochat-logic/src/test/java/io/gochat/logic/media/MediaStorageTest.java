package io.gochat.logic.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.MessageRow;
import io.gochat.logic.storage.ReadStateMapper;
import io.gochat.logic.storage.UploadRow;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database-backed blob store and the media tables on every engine (sqlite, PostgreSQL, MariaDB): the
 * shared store a cluster of logic servers uses, tested on the real servers.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class MediaStorageTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    @Parameter
    Engine engine;

    static TestDatabase testDb;
    static UserDatabase db;

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        testDb = databases.create(engine);
        db = UserDatabase.open(testDb.url());
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
        testDb.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = 'P';   // a zip header: sniffed as a file, never an executable
        b[1] = 'K';
        b[2] = 3;
        b[3] = 4;
        return b;
    }

    @Test
    void theDatabaseStoreKeepsTheSameBytesOnceEvenWhenServersStoreThemAtTheSameMoment() throws Exception {
        DatabaseBlobStore store = new DatabaseBlobStore(db);
        byte[] data = bytes(3 * 1024 * 1024, 1);
        String sha = Uploads.sha256(data);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> puts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                puts.add(pool.submit((Callable<Boolean>) () -> store.put(sha, data)));
            }
            int added = 0;
            for (Future<Boolean> f : puts) {
                added += f.get() ? 1 : 0;
            }
            assertEquals(1, added, "one of four concurrent puts stored it");
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(data, store.get(sha));
        assertTrue(store.contains(sha));
        assertNull(store.get("0".repeat(64)));
        try (SqlSession s = db.openBatch();
             java.sql.Statement st = s.getConnection().createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM blob_data WHERE sha256 = '" + sha + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void uploadsOnTheDatabaseStoreAreDedupedAndOnlyGrantedConversationsMayDownload() {
        Uploads uploads = new Uploads(db, new DatabaseBlobStore(db), new UploadLimits(1 << 20, 1 << 20, 1 << 20, 1 << 20),
                (user, conversation) -> conversation.equals("p:1:2") && (user == 1 || user == 2));
        byte[] data = bytes(50_000, 2);
        UploadReply a = uploads.upload(1, new UploadRequest("report.zip", "application/zip", 0, data));
        UploadReply b = uploads.upload(3, new UploadRequest("copy.zip", "image/png", 0, data));
        assertTrue(a.ok() && b.ok(), a.message() + " / " + b.message());
        assertEquals("application/zip", b.file().mime(), "the declared type is not trusted");
        assertEquals(a.file().sha256(), b.file().sha256());

        assertEquals(1, uploads.download(2, a.file().id(), false).code(), "not granted yet");
        uploads.grant(a.file().id(), "p:1:2");
        uploads.grant(a.file().id(), "p:1:2");   // twice is harmless
        DownloadReply two = uploads.download(2, a.file().id(), false);
        assertArrayEquals(data, two.data());
        assertEquals("report.zip", two.fileName());
        assertEquals(1, uploads.download(4, a.file().id(), false).code(), "a stranger is refused");
        assertEquals(1, uploads.download(2, b.file().id(), false).code(), "user 3's upload was never sent to user 2");
        UploadRow row = uploads.ownedBy(a.file().id(), 1);
        assertEquals(50_000L, row.size());
        assertNull(uploads.ownedBy(a.file().id(), 2), "only the uploader owns it");

        UploadReply tooBig = uploads.upload(1, new UploadRequest("big.zip", "application/zip", 0, bytes((1 << 20) + 1, 3)));
        assertFalse(tooBig.ok());
    }

    @Test
    void readStateOnlyMovesForwardAndMessagesCanBeFoundAndTombstoned() {
        assertEquals(1, (int) db.with(ReadStateMapper.class, m -> m.insert(7, "p:7:8", 100)));
        assertEquals(0, (int) db.with(ReadStateMapper.class, m -> m.advance(7, "p:7:8", 50)));
        assertEquals(1, (int) db.with(ReadStateMapper.class, m -> m.advance(7, "p:7:8", 150)));
        assertEquals(Long.valueOf(150L), db.with(ReadStateMapper.class, m -> m.upTo(7, "p:7:8")));
        assertNull(db.with(ReadStateMapper.class, m -> m.upTo(8, "p:7:8")));

        db.withMessages(m -> m.insert(9_000_001L, "p:7:8", 7, 8, 0, 2, "{\"msg\":\"x\"}", 123));
        MessageRow row = db.withMessages(m -> m.find(9_000_001L));
        assertEquals(7L, row.fromUserId());
        assertEquals("p:7:8", row.conversation());
        assertEquals(123L, row.createdAt());
        db.withMessages(m -> m.replaceBody(9_000_001L, "{\"msg\":\"\",\"recalled\":true}"));
        assertEquals("{\"msg\":\"\",\"recalled\":true}", db.withMessages(m -> m.find(9_000_001L)).body());
        assertNull(db.withMessages((MessageMapper m) -> m.find(1L)));
    }

    @Test
    void theConversationQueriesRunOnEveryEngine() {
        long base = 8_000_000L;
        db.withMessages(m -> m.insert(base + 1, "p:21:22", 21, 22, 0, 2, "{\"msg\":\"a\"}", 1));
        db.withMessages(m -> m.insert(base + 2, "p:21:22", 22, 21, 0, 2, "{\"msg\":\"b\"}", 2));
        db.withMessages(m -> m.insert(base + 3, "p:21:23", 23, 21, 0, 2, "{\"msg\":\"c\"}", 3));
        var recent = db.with(io.gochat.logic.storage.ConversationMapper.class, m -> m.recent(21, 10));
        assertEquals(List.of("p:21:23", "p:21:22"), recent.stream().map(io.gochat.logic.storage.ConversationLast::conversation).toList());
        assertEquals(base + 3, recent.get(0).lastId());
        assertEquals(1L, (long) db.with(io.gochat.logic.storage.ConversationMapper.class, m -> m.unread(21, "p:21:22", 0, 999)));
        assertEquals(0L, (long) db.with(io.gochat.logic.storage.ConversationMapper.class, m -> m.unread(21, "p:21:22", base + 2, 999)));
        assertEquals(1, (int) db.with(io.gochat.logic.storage.ConversationMapper.class, m -> m.insert(21, "p:21:22", 1, 0, "d", 5)));
        assertEquals(1, (int) db.with(io.gochat.logic.storage.ConversationMapper.class, m -> m.update(21, "p:21:22", 0, 1, null, 6)));
        var s = db.with(io.gochat.logic.storage.ConversationMapper.class, m -> m.settings(21)).get(0);
        assertEquals(0, s.pinned());
        assertEquals(1, s.muted());
        assertNull(s.draft());

        db.withMessages(m -> m.insert(base + 4, "p:21:22", 21, 22, 0, 2,
                "{\"msg\":\"[image]\",\"type\":\"image\",\"body\":{\"fileId\":\"00ff00ff00ff00ff00ff00ff00ff00ff\"}}", 4));
        String pattern = "%\"fileId\":\"00ff00ff00ff00ff00ff00ff00ff00ff\"%";
        assertEquals(1L, (long) db.with(io.gochat.logic.storage.UploadMapper.class, m -> m.messagesWith("p:21:22", pattern)));
        assertEquals(0L, (long) db.with(io.gochat.logic.storage.UploadMapper.class, m -> m.messagesWith("p:21:23", pattern)));
        db.with(io.gochat.logic.storage.UploadMapper.class, m -> m.grant("00ff00ff00ff00ff00ff00ff00ff00ff", "p:21:22"));
        assertEquals(1, (int) db.with(io.gochat.logic.storage.UploadMapper.class, m -> m.revoke("00ff00ff00ff00ff00ff00ff00ff00ff", "p:21:22")));
    }
}
