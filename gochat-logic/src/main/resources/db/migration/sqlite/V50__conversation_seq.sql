-- Every conversation (r:<roomId>, p:<a>:<b>, g:<groupId>) numbers its messages 1, 2, 3, ... (message.seq).
-- conversation_seq holds each conversation's last number; the message writer raises it in the transaction
-- that inserts the messages (one writer at a time on sqlite), so numbers are committed in order, once, with
-- no hole. Existing rows are numbered in id order.
-- Owner: logic's message writer (io.gochat.logic.sync.ConversationSeqs).
ALTER TABLE message ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE message SET seq = r.rn
  FROM (SELECT id, row_number() OVER (PARTITION BY conversation ORDER BY id) AS rn FROM message) AS r
 WHERE message.id = r.id;
CREATE INDEX message_conversation_seq ON message (conversation, seq);
CREATE TABLE conversation_seq (
    conversation TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
);
INSERT INTO conversation_seq (conversation, last_seq) SELECT conversation, max(seq) FROM message GROUP BY conversation;
