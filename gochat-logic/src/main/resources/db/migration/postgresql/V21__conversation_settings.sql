-- The conversation list (io.gochat.logic.messages): per user and chat, pinned / muted flags and a draft.
-- message_sender: a user's chats are found by the messages they sent as well as received.
CREATE TABLE conversation_setting (
    user_id BIGINT NOT NULL,
    conversation VARCHAR(64) NOT NULL,
    pinned INTEGER NOT NULL,
    muted INTEGER NOT NULL,
    draft VARCHAR(4000),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, conversation)
);
CREATE INDEX message_sender ON message (from_user_id, id);
