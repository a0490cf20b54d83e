-- Uploads (io.gochat.logic.media): one row per upload; the bytes live once per SHA-256 in the blob store
-- (blob.store: a directory, or the blob_data table). upload_grant: the conversations a file was sent to,
-- whose users may download it. read_state (io.gochat.logic.messages): "read up to" per user and chat.
CREATE TABLE upload (
    id VARCHAR(32) PRIMARY KEY,
    owner_user_id BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    mime VARCHAR(100) NOT NULL,
    size BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    duration_ms BIGINT NOT NULL,
    thumb_sha256 CHAR(64),
    created_at BIGINT NOT NULL
);
CREATE INDEX upload_sha256 ON upload (sha256);
CREATE TABLE upload_grant (
    upload_id VARCHAR(32) NOT NULL,
    conversation VARCHAR(64) NOT NULL,
    PRIMARY KEY (upload_id, conversation)
);
CREATE TABLE blob_data (
    sha256 CHAR(64) PRIMARY KEY,
    size BIGINT NOT NULL,
    data BYTEA NOT NULL
);
CREATE TABLE read_state (
    user_id BIGINT NOT NULL,
    conversation VARCHAR(64) NOT NULL,
    up_to_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, conversation)
);
