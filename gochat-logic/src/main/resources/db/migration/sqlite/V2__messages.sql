-- Stored messages, keyed by their snowflake id (time-ordered), paged by conversation
-- (r:<roomId> or p:<minUserId>:<maxUserId>); body is the exact JSON clients receive.
CREATE TABLE message (
    id INTEGER PRIMARY KEY,
    conversation TEXT NOT NULL,
    from_user_id INTEGER NOT NULL,
    to_user_id INTEGER NOT NULL,
    room_id INTEGER NOT NULL,
    op INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX message_conversation ON message (conversation, id);
CREATE INDEX message_recipient ON message (to_user_id, id);
