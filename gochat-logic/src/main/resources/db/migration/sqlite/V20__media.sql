-- Uploads (io.gochat.logic.media): one row per upload; the bytes live once per SHA-256 in the blob store
-- (blob.store: a directory, or the blob_data table). upload_grant: the conversations a file was sent to,
-- whose users may download it. read_state (io.gochat.logic.messages): "read up to" per user and chat.
CREATE TABLE upload (
    id TEXT PRIMARY KEY,
    owner_user_id INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    name TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    thumb_sha256 TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX upload_sha256 ON upload (sha256);
CREATE TABLE upload_grant (
    upload_id TEXT NOT NULL,
    conversation TEXT NOT NULL,
    PRIMARY KEY (upload_id, conversation)
);
CREATE TABLE blob_data (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE read_state (
    user_id INTEGER NOT NULL,
    conversation TEXT NOT NULL,
    up_to_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, conversation)
);
