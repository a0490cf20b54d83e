-- Every conversation (r:<roomId>, p:<a>:<b>, g:<groupId>) numbers its messages 1, 2, 3, ... (message.seq).
-- conversation_seq holds each conversation's last number; the message writer raises it in the transaction
-- that inserts the messages (the row stays locked until commit, so numbers are committed in order, once,
-- with no hole, whichever logic server stores them). Existing rows are numbered in id order.
-- Owner: logic's message writer (io.gochat.logic.sync.ConversationSeqs).
ALTER TABLE message ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE message m JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY conversation ORDER BY id) AS rn FROM message) r
    ON m.id = r.id
   SET m.seq = r.rn;
CREATE INDEX message_conversation_seq ON message (conversation, seq);
CREATE TABLE conversation_seq (
    conversation VARCHAR(64) NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO conversation_seq (conversation, last_seq) SELECT conversation, max(seq) FROM message GROUP BY conversation;
