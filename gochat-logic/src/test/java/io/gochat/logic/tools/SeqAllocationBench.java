package io.gochat.logic.tools;

import io.gochat.cluster.ids.Snowflake;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.sync.ConversationSeqs;
import io.gochat.logic.sync.SeqMapper;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.ibatis.session.SqlSession;

/**
 * What numbering messages per conversation costs the store (#17): batches of 1000 messages of MessageStoreBench's
 * mix (50 rooms, ~1000 1:1 chats: ~1000 counters per batch, the worst case) are stored in one transaction each,
 * timing separately the counters' upsert ({@link ConversationSeqs#assign}) and the inserts with the commit.
 * Not part of the suite. Run: {@code java -cp <test classpath> io.gochat.logic.tools.SeqAllocationBench
 * [batches] [sqlite|postgresql|mariadb] [rooms]} ({@code rooms}: 50 room conversations only, the light end).
 */
public final class SeqAllocationBench {
    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Engine engine = args.length > 1 ? Engine.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Engine.SQLITE;
        boolean roomsOnly = args.length > 2 && args[2].equals("rooms");   // 50 conversations per batch: the light end
        Snowflake ids = new Snowflake(1);
        String text = "x".repeat(200);
        try (TestDatabase testDb = RelationalDatabases.make(engine); UserDatabase db = UserDatabase.open(testDb.url())) {
            db.addMapper(SeqMapper.class);
            long[] assignNs = new long[batches];
            long[] storeNs = new long[batches];
            int i = 0;
            for (int b = 0; b < batches; b++) {
                List<StoredMessage> batch = new ArrayList<>(1000);
                for (int k = 0; k < 1000; k++, i++) {
                    long id = ids.next();
                    String body = "{\"msg\":\"" + text + "\",\"msgId\":" + id + "}";
                    batch.add(i % 2 == 0 || roomsOnly ? StoredMessage.roomMessage(id, i % 1000 + 1, i % 50 + 1, body, id)
                            : StoredMessage.privateMessage(id, i % 1000 + 1, i % 997 + 1, 1, body, id));
                }
                try (SqlSession session = db.openBatch()) {
                    long t0 = System.nanoTime();
                    long[] seqs = ConversationSeqs.assign(session, db.dialect(), batch);
                    long t1 = System.nanoTime();
                    MessageMapper mapper = session.getMapper(MessageMapper.class);
                    for (int k = 0; k < batch.size(); k++) {
                        StoredMessage m = ConversationSeqs.numbered(batch.get(k), seqs[k]);
                        mapper.insert(m.id(), m.conversation(), m.fromUserId(), m.toUserId(), m.roomId(), m.op(), m.body(),
                                m.createdAt(), seqs[k]);
                    }
                    session.flushStatements();
                    session.commit();
                    long t2 = System.nanoTime();
                    assignNs[b] = t1 - t0;
                    storeNs[b] = t2 - t1;
                }
            }
            Arrays.sort(assignNs);
            Arrays.sort(storeNs);
            System.out.printf("%s%s: %d batches of 1000 messages: counters median %.1f ms (p90 %.1f), inserts + commit "
                            + "median %.1f ms (p90 %.1f): numbering adds %.0f %% to a batch%n", engine, roomsOnly ? " (50 rooms)" : "", batches,
                    assignNs[batches / 2] / 1e6, assignNs[batches * 9 / 10] / 1e6, storeNs[batches / 2] / 1e6,
                    storeNs[batches * 9 / 10] / 1e6, 100.0 * assignNs[batches / 2] / storeNs[batches / 2]);
        }
    }
}
