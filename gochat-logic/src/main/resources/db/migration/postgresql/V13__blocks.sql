-- Blocks (contacts): owner_id blocked blocked_id, who cannot message or request them nor see their status.
CREATE TABLE user_block (
    owner_id BIGINT NOT NULL,
    blocked_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, blocked_id)
);
CREATE INDEX user_block_blocked ON user_block (blocked_id);
