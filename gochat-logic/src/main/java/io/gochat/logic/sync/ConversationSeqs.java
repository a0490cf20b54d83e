package io.gochat.logic.sync;

import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ibatis.session.SqlSession;

/**
 * Numbers messages per conversation: every room ({@code r:<id>}), 1:1 chat ({@code p:<a>:<b>}) and group
 * ({@code g:<id>}) gets 1, 2, 3, ... in the order its messages are committed, carried as {@code seq} in the
 * message's JSON (so in every frame, history page and sync answer) and in column {@code message.seq}.
 *
 * <p><b>Why a counter row in the database, in the storing transaction</b> (and not Redis {@code INCR}): the
 * message writer raises {@code conversation_seq.last_seq} by the batch's count for each conversation in the very
 * transaction that inserts the messages. So a number is used exactly when its message is stored: a failed or
 * rolled-back batch takes its numbers back (no permanent hole a client would try to fetch forever), and a
 * number never exists without its message. The row stays locked until commit, so two logic servers on one
 * PostgreSQL or MariaDB take turns on a conversation and its numbers are committed in order: once a client
 * sees seq N, every seq below N is already readable by the sync route. Counters live with the messages, so a
 * Redis that loses its data (a restart without persistence, FLUSHALL) cannot hand out a number twice, and no
 * reseeding race exists between servers. A retried send ({@code clientMsgId}) is answered before this step and
 * keeps its first number; the outbox relay queues the stored body, number included. The cost is one upsert per
 * conversation per batch (group commit: up to 1000 messages), and sends to one conversation from two logic
 * servers are serialized on its row for the length of a commit. Rows are locked in conversation order, so
 * two servers' batches never deadlock on counters.
 */
public final class ConversationSeqs {
    /** Conversations per upsert statement. */
    static final int CHUNK = 500;

    private ConversationSeqs() {
    }

    /** One conversation's messages in a batch (a mapper parameter). */
    public record Count(String conversation, long count) {
        public String getConversation() {
            return conversation;
        }

        public long getCount() {
            return count;
        }
    }

    /**
     * Raises the counters of the batch's conversations in {@code session}'s transaction and answers each
     * message's number, in batch order (a conversation's messages get consecutive numbers in batch order).
     */
    public static long[] assign(SqlSession session, Dialect dialect, List<StoredMessage> batch) {
        TreeMap<String, Long> counts = new TreeMap<>();   // sorted: every server locks rows in the same order
        for (StoredMessage m : batch) {
            counts.merge(m.conversation(), 1L, Long::sum);
        }
        List<Count> rows = new ArrayList<>(counts.size());
        counts.forEach((c, n) -> rows.add(new Count(c, n)));
        SeqMapper mapper = session.getMapper(SeqMapper.class);
        Map<String, Long> last = new HashMap<>(counts.size() * 2);
        for (int i = 0; i < rows.size(); i += CHUNK) {
            List<Count> chunk = rows.subList(i, Math.min(rows.size(), i + CHUNK));
            List<Map<String, Object>> answered;
            if (dialect == Dialect.MYSQL) {
                mapper.raise(chunk);
                answered = mapper.read(chunk);   // flushes the upsert first (batch executor), then reads under its locks
            } else {
                answered = mapper.raiseReturning(chunk);
            }
            for (Map<String, Object> r : answered) {
                last.put((String) value(r, "conversation"), ((Number) value(r, "last_seq")).longValue());
            }
        }
        // the first number of each conversation in this batch: last - count + 1
        Map<String, Long> next = new HashMap<>(counts.size() * 2);
        counts.forEach((c, n) -> {
            Long l = last.get(c);
            if (l == null) {
                throw new IllegalStateException("no sequence counter came back for conversation " + c);
            }
            next.put(c, l - n + 1);
        });
        long[] seqs = new long[batch.size()];
        for (int i = 0; i < seqs.length; i++) {
            String c = batch.get(i).conversation();
            long s = next.get(c);
            seqs[i] = s;
            next.put(c, s + 1);
        }
        return seqs;
    }

    /** {@code message} with {@code "seq":N} added as its last field (its body is a JSON object). */
    public static StoredMessage numbered(StoredMessage m, long seq) {
        return new StoredMessage(m.id(), m.conversation(), m.fromUserId(), m.toUserId(), m.roomId(), m.op(),
                withSeq(m.body(), seq), m.createdAt());
    }

    /** A JSON object's text with {@code "seq":N} added as its last field. */
    static String withSeq(String body, long seq) {
        int end = body.lastIndexOf('}');
        if (end < 0) {
            throw new IllegalArgumentException("a message body is not a JSON object: " + body);
        }
        int open = body.indexOf('{');
        boolean empty = body.substring(open + 1, end).isBlank();
        return body.substring(0, end) + (empty ? "" : ",") + "\"seq\":" + seq + body.substring(end);
    }

    private static Object value(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v != null ? v : row.get(column.toUpperCase(Locale.ROOT));
    }
}
