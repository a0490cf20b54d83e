-- Stored messages, keyed by their snowflake id (time-ordered), paged by conversation
-- (r:<roomId> or p:<minUserId>:<maxUserId>); body is the exact JSON clients receive
-- (at most 4096 characters of text, well inside TEXT's 64 KB).
CREATE TABLE message (
    id BIGINT NOT NULL PRIMARY KEY,
    conversation VARCHAR(64) NOT NULL,
    from_user_id BIGINT NOT NULL,
    to_user_id BIGINT NOT NULL,
    room_id BIGINT NOT NULL,
    op INT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    KEY message_conversation (conversation, id),
    KEY message_recipient (to_user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
