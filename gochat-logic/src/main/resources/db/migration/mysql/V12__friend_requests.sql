-- Friend requests (contacts): state pending, accepted or declined; a pending request older than
-- contacts.requestTtl counts as expired. Times are epoch ms (decided_at 0 = not decided).
CREATE TABLE friend_request (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    from_user_id BIGINT NOT NULL,
    to_user_id BIGINT NOT NULL,
    note VARCHAR(200) NOT NULL DEFAULT '',
    state VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX friend_request_to ON friend_request (to_user_id, state);
CREATE INDEX friend_request_from ON friend_request (from_user_id, state);
