-- The conversation list (io.gochat.logic.messages): per user and chat, pinned / muted flags and a draft.
-- message_sender: a user's chats are found by the messages they sent as well as received.
CREATE TABLE conversation_setting (
    user_id INTEGER NOT NULL,
    conversation TEXT NOT NULL,
    pinned INTEGER NOT NULL,
    muted INTEGER NOT NULL,
    draft TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, conversation)
);
CREATE INDEX message_sender ON message (from_user_id, id);
